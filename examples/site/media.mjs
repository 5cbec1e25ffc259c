/**
 * Images from Strapi's Media Library. Strapi's local upload provider answers relative URLs
 * (`/uploads/cover_small.png`): they live on the Strapi server, so the site resolves them
 * against the API's address. Only http(s) URLs are written into a page.
 */
import { escapeXml as escape } from 'strapi-plugin-blog/contracts';

/** An absolute http(s) URL for a media URL from the API, or null for anything else. */
export const mediaUrl = (url, api) => {
  if (typeof url !== 'string' || url === '') return null;
  if (url.startsWith('/') && !url.startsWith('//')) return `${api}${url}`;
  return /^https?:\/\//i.test(url) ? url : null;
};

const positive = (value) => (Number.isInteger(value) && value > 0 ? value : null);

/**
 * `srcset` candidates: the original and every format Strapi made (thumbnail, small, medium,
 * large), each with its width, narrowest first, one per width.
 */
export const srcset = (media, api) => {
  const candidates = [media, ...Object.values(media.formats ?? {})]
    .map((file) => ({ url: mediaUrl(file?.url, api), width: positive(file?.width) }))
    // A space would split the candidate: such a URL stays out of the list (still the `src`).
    .filter((file) => file.url && file.width && !/\s/.test(file.url))
    .sort((a, b) => a.width - b.width);
  const seen = new Set();
  return candidates
    .filter((file) => !seen.has(file.width) && seen.add(file.width))
    .map((file) => `${escape(file.url)} ${file.width}w`)
    .join(', ');
};

/**
 * An `<img>` of a Media Library image: alternative text (empty when the editor gave none: the
 * image is then decorative), its size so the page does not jump, and a `srcset` the browser
 * picks from for the `sizes` given.
 */
export const image = (media, api, { sizes, className, lazy = false } = {}) => {
  const src = media ? mediaUrl(media.url, api) : null;
  if (!src) return '';
  const width = positive(media.width);
  const height = positive(media.height);
  const set = srcset(media, api);
  return `<img src="${escape(src)}" alt="${escape(media.alternativeText ?? '')}"${
    width && height ? ` width="${width}" height="${height}"` : ''
  }${set ? ` srcset="${set}"${sizes ? ` sizes="${escape(sizes)}"` : ''}` : ''}${
    className ? ` class="${escape(className)}"` : ''
  }${lazy ? ' loading="lazy"' : ''}>`;
};

const resolveFile = (file, api) =>
  file && typeof file === 'object' ? { ...file, url: mediaUrl(file.url, api) ?? file.url } : file;

/**
 * The body's image blocks with their URLs (and their formats' URLs) made absolute, for
 * `blocksToHtml`: an image stored as `/uploads/…` shows from the Strapi server.
 */
export const resolveBodyImages = (blocks, api) =>
  (blocks ?? []).map((node) => {
    if (node?.type !== 'image' || !node.image || typeof node.image !== 'object') return node;
    const formats = node.image.formats;
    return {
      ...node,
      image: {
        ...resolveFile(node.image, api),
        ...(formats && typeof formats === 'object'
          ? {
              formats: Object.fromEntries(
                Object.entries(formats).map(([name, file]) => [name, resolveFile(file, api)])
              ),
            }
          : {}),
      },
    };
  });
