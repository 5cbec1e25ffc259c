import { StringDecoder } from 'string_decoder';

/**
 * A byte stream as text, decoded as UTF-8 across chunk boundaries: a character whose bytes are
 * split between two chunks is decoded whole, not as two replacement characters.
 */
export async function* decodeUtf8(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of input) {
    if (typeof chunk === 'string') {
      const rest = decoder.end();
      if (rest) yield rest;
      if (chunk) yield chunk;
      continue;
    }
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Yields to the event loop: other requests run between two posts of a long import. */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
