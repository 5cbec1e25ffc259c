/**
 * The site's preview address of one post version, from the `preview.url` pattern: each
 * placeholder is replaced by its value, percent-encoded; an unknown `{name}` is left as written.
 */

export interface PreviewUrlValues {
  token: string;
  slug: string;
  locale: string;
  documentId: string;
  status: string;
}

const PLACEHOLDER = /\{(token|slug|locale|documentId|status)\}/g;

export const previewUrl = (pattern: string, values: PreviewUrlValues): string =>
  pattern.replace(PLACEHOLDER, (_, name: keyof PreviewUrlValues) =>
    encodeURIComponent(values[name])
  );

/** The origin of the pattern (`https://site.example`): the admin may frame it. */
export const previewOrigin = (pattern: string): string | null => {
  try {
    const { origin } = new URL(pattern.replace(PLACEHOLDER, 'x'));
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
};
