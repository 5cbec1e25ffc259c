/**
 * Text as XML or HTML character data or attribute value: the five special characters escaped,
 * and the control characters XML forbids dropped.
 */
export const escapeXml = (text: string): string =>
  text
    // Characters XML 1.0 does not allow at all (control characters other than tab, LF, CR).
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\v\f\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
