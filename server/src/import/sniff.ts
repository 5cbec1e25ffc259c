import type { ImportFormat } from '../../../contracts/imports';

import { decodeUtf8 } from './decode';

const HEAD_BYTES = 8192;

/** Why a file is refused when its first kilobytes are neither export's. */
export const notAnExport = (name = 'The file') =>
  `${name} is neither a WordPress (WXR) nor a Blogger export`;

/** WordPress (WXR) or Blogger, from the first kilobytes of a text; `null` when neither. */
export const formatOfHead = (head: string): ImportFormat | null => {
  if (/<rss[\s>]/.test(head) && /wordpress\.org\/export/.test(head)) return 'wxr';
  if (/<feed[\s>]/.test(head) && /blogger/i.test(head)) return 'blogger';
  return null;
};

/** Reads only the first kilobytes of a stream, then lets it go. */
export const sniffFormat = async (
  stream: AsyncIterable<Buffer | string>
): Promise<ImportFormat | null> => {
  let head = '';
  for await (const chunk of decodeUtf8(stream)) {
    head += chunk;
    if (head.length >= HEAD_BYTES) break;
  }
  return formatOfHead(head.slice(0, HEAD_BYTES));
};
