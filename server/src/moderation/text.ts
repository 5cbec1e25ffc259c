/**
 * Plain-text normalization of what readers type: every comment field passes through here
 * before a rule looks at it or the database stores it. Every step is linear in the text: the
 * HTML comments and tags are found by scanning, not by backtracking patterns.
 */

// C0 and C1 control characters except tab and line feed, plus bidi overrides and zero-width
// characters that only serve to disguise text. Matching control characters is the point here.
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const LINE_END = /\r\n?/g;
const SPACE = /\s/u;
const TAG_NAME_START = /[a-z]/i;
const TAG_NAME = /[a-z0-9-]/i;

/**
 * Removes `<!-- … -->` comments, each ending at the first `-->` after its start. Once a `<!--`
 * has no `-->` after it, no later one has either: the rest is kept as it is.
 */
export const stripHtmlComments = (value: string): string => {
  let out = '';
  let from = 0;
  for (;;) {
    const open = value.indexOf('<!--', from);
    if (open === -1) break;
    const close = value.indexOf('-->', open + 4);
    if (close === -1) break;
    out += value.slice(from, open);
    from = close + 3;
  }
  return out + value.slice(from);
};

/**
 * The end (exclusive) of an HTML tag starting at `start` (a `<`): `<name>`, `</name>`,
 * `<name/>`, or `<name` and a space then anything but `<` and `>` up to a `>`; -1 when none.
 * A failed try stops at the next `<` at the latest, so the scans of all tries do not overlap.
 */
const tagEnd = (value: string, start: number): number => {
  let i = start + 1;
  if (value[i] === '/') i += 1;
  if (i >= value.length || !TAG_NAME_START.test(value[i])) return -1;
  i += 1;
  while (i < value.length && TAG_NAME.test(value[i])) i += 1;
  if (value[i] === '>') return i + 1;
  if (value[i] === '/' && value[i + 1] === '>') return i + 2;
  if (i >= value.length || !SPACE.test(value[i])) return -1;
  for (i += 1; i < value.length; i += 1) {
    if (value[i] === '>') return i + 1;
    if (value[i] === '<') return -1;
  }
  return -1;
};

/** Removes HTML tags (`<b>`, `</p>`, `<a href="…">`), keeping a lone `<` as in `2 < 3` or `<3`. */
export const stripHtmlTags = (value: string): string => {
  let out = '';
  let from = 0;
  let at = value.indexOf('<');
  while (at !== -1) {
    const end = tagEnd(value, at);
    if (end === -1) {
      at = value.indexOf('<', at + 1);
    } else {
      out += value.slice(from, at);
      from = end;
      at = value.indexOf('<', end);
    }
  }
  return out + value.slice(from);
};

/** Strips control characters and HTML tags, unifies line ends, applies NFC and trims. */
export const toPlainText = (value: string): string =>
  stripHtmlTags(stripHtmlComments(value.replace(LINE_END, '\n').replace(CONTROL, '')))
    .normalize('NFC')
    .trim();

/** A one-line field (a name): plain text, with runs of whitespace made one space. */
export const toPlainLine = (value: string): string => toPlainText(value).replace(/\s+/g, ' ');

/** Email addresses compare without case and surrounding space. */
export const normalizeEmail = (value: string): string =>
  value.trim().normalize('NFC').toLowerCase();

const ASTRAL = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** Number of code points, so an emoji counts once against a length limit. */
export const textLength = (value: string): number =>
  value.length - (value.match(ASTRAL)?.length ?? 0);
