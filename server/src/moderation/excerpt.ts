/**
 * Text on one line, cut at `max` characters (code points, so no character is split) with an
 * ellipsis. Only the first `4 × max` UTF-16 units are read, whatever the text's length.
 */
export const oneLine = (text: string, max: number): string => {
  let head = text.slice(0, max * 4);
  const last = head.charCodeAt(head.length - 1);
  if (head.length < text.length && last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  const line = head.split(/\s+/u).filter(Boolean).join(' ');
  const chars = Array.from(line);
  // Stored content is trimmed (text.ts): text past the head is more words.
  if (chars.length <= max && head.length === text.length) return line;
  return `${chars.slice(0, max - 1).join('')}…`;
};
