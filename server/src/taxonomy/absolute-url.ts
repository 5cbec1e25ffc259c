import { fieldError } from './field-error';

/**
 * Whether `value` is an absolute http(s) URL with a host, written without surrounding spaces or
 * control characters (which `new URL` would silently strip): what a canonical link or an author's
 * website must be to work from any page. Linear in the length (the schema caps it at 2,048).
 */
export const isAbsoluteHttpUrl = (value: string): boolean => {
  // eslint-disable-next-line no-control-regex
  if (value !== value.trim() || /[\u0000-\u001f\u007f\s]/u.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
};

/**
 * Refuses `value` at `path` unless it is empty (the field left blank) or an absolute http(s) URL.
 */
export const checkAbsoluteUrl = (value: unknown, path: string[]): void => {
  if (value === undefined || value === null || value === '') return;
  if (typeof value !== 'string' || !isAbsoluteHttpUrl(value)) {
    throw fieldError(path, 'Must be an absolute http(s) URL, such as https://example.com/page');
  }
};
