/**
 * Plain-text normalization of what readers type: every comment field passes through here
 * before a rule looks at it or the database stores it.
 */

// C0 and C1 control characters except tab and line feed, plus bidi overrides and zero-width
// characters that only serve to disguise text. Matching control characters is the point here.
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;

/** Strips control characters and HTML tags, unifies line ends, applies NFC and trims. */
export const toPlainText = (value: string): string =>
  value
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(HTML_COMMENT, '')
    .replace(HTML_TAG, '')
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
