import { POST_UID } from '../../../contracts/plugin';

/** Content as the moderation list shows it: one line, cut at `max` characters. */
export const excerpt = (text: string, max = 140): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** The Content Manager's edit view of a post. */
export const postEditPath = (documentId: string) =>
  `/content-manager/collection-types/${POST_UID}/${documentId}`;

/** A file size as people read it: 840 B, 12.4 kB, 25.3 MB. */
export const formatBytes = (bytes: number): string => {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
};
