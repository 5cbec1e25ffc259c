/**
 * A post's page on the site, from the configured pattern (`sitemap.postUrl`, else
 * `feed.postUrl`): `{slug}` and `{locale}` replaced, each percent-encoded, everywhere they occur.
 */

/** The longest `<loc>` the sitemap protocol allows. */
export const MAX_URL_LENGTH = 2048;

export type PostUrl = (post: { slug: string; locale?: string | null }) => string | null;

/**
 * The URL builder of a pattern, or null when there is no pattern. A URL longer than the
 * protocol's 2,048 characters is null too: no valid sitemap can carry it.
 */
export const postUrlOf = (pattern: string | null | undefined): PostUrl | null => {
  if (!pattern) return null;
  const [head, ...rest] = pattern.split('{slug}');
  return ({ slug, locale }) => {
    const url = [head, ...rest]
      .map((part) => part.split('{locale}').join(encodeURIComponent(locale ?? '')))
      .join(encodeURIComponent(slug));
    return url.length <= MAX_URL_LENGTH ? url : null;
  };
};
