import { Parser } from 'htmlparser2';

import { decodeUtf8 } from './decode';
import { ImportFormatError, MAX_XML_DEPTH, tooDeep, type ReaderLimits } from './source';

/**
 * What an export reader does as the XML streams by. `depth` counts the elements open: in `open`
 * with the new one, in `close` without the closed one. `text` is the element's text (since the
 * last tag) kept up to `limits.maxFieldChars`; `chars` is its full length, so a reader can tell
 * a field was cut.
 */
export interface XmlEvents {
  open(name: string, attributes: Record<string, string>, depth: number): void;
  close(name: string, text: string, chars: number, depth: number, isImplied: boolean): void;
  /** After each chunk of the file: may refuse it early (a WordPress export that is not RSS). */
  chunkRead?(depth: number): void;
}

/**
 * Reads `input` (UTF-8, any BOM) as XML through `events` and hands out the records they push
 * onto `ready`, as the file streams: memory holds what the reader keeps, not the file. An
 * export nested deeper than MAX_XML_DEPTH is refused (htmlparser2's element stack costs its
 * depth on each tag: a real export is shallow).
 */
export async function* streamXml<R>(
  input: AsyncIterable<Buffer | string>,
  limits: ReaderLimits,
  events: XmlEvents,
  ready: R[]
): AsyncGenerator<R> {
  let depth = 0;
  let text = '';
  let chars = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        depth += 1;
        if (depth > MAX_XML_DEPTH) throw new ImportFormatError(tooDeep());
        text = '';
        chars = 0;
        events.open(name, attributes, depth);
      },
      ontext(data) {
        chars += data.length;
        if (chars <= limits.maxFieldChars) text += data;
      },
      onclosetag(name, isImplied) {
        depth -= 1;
        events.close(name, text, chars, depth, isImplied);
        text = '';
        chars = 0;
      },
    },
    { xmlMode: true, decodeEntities: true }
  );

  for await (const chunk of decodeUtf8(input)) {
    parser.write(chunk);
    events.chunkRead?.(depth);
    while (ready.length) yield ready.shift()!;
  }
  parser.end();
  while (ready.length) yield ready.shift()!;
}
