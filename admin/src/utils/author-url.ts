/**
 * An author's URL as the queue may link it: an absolute http(s) address, else null (shown as
 * text then, never as a link: a `javascript:` or `data:` URL must not become an `href`).
 */
export const linkableUrl = (value: string | null | undefined): string | null => {
  if (!value) return null;
  try {
    const url = new URL(value);
    const web = url.protocol === 'http:' || url.protocol === 'https:';
    return web && url.hostname ? url.href : null;
  } catch {
    return null;
  }
};

/** A URL as a short label: host and path, without the scheme and a lone trailing slash. */
export const urlLabel = (href: string, max = 48): string => {
  const url = new URL(href);
  const path = url.pathname === '/' ? '' : url.pathname;
  const label = `${url.host}${path}${url.search}`;
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
};
