import { escapeXml as escape } from './escape';
import type { BlocksContent } from './posts';

type Node = Record<string, unknown> & { type?: string; children?: Node[] };

const SAFE_URL = /^(?:https?:|mailto:|\/|#)/i;
const MEDIA_URL = /^(?:https?:|\/)/i;

const MARKS: Array<[string, string]> = [
  ['code', 'code'],
  ['bold', 'strong'],
  ['italic', 'em'],
  ['underline', 'u'],
  ['strikethrough', 's'],
];

/** Where relative URLs point, when the HTML is read away from the site (a feed reader). */
export interface BlocksHtmlOptions {
  /**
   * The server that serves the Media Library's files (`server.url`): an image at `/uploads/…`
   * (Strapi's local upload provider) gets an absolute URL under it. Default: the URL as stored.
   */
  mediaBaseUrl?: string | null;
  /** The site the post's links from the root (`/about`) belong to. Default: as written. */
  linkBaseUrl?: string | null;
}

const attribute = (value: unknown) => escape(typeof value === 'string' ? value : '');

const isSafe = (value: unknown): value is string =>
  typeof value === 'string' && SAFE_URL.test(value);

/** A path from the root (`/uploads/…`), not a protocol-relative URL (`//host/…`). */
const isRootPath = (value: string) => value.startsWith('/') && !value.startsWith('//');

/** A link's URL, resolved against the site's URL when it is a path from the site's root. */
const linkUrl = (value: unknown, base: string | null | undefined): string | null => {
  if (!isSafe(value)) return null;
  if (!base || !isRootPath(value)) return value;
  try {
    return new URL(value, base).href;
  } catch {
    return value;
  }
};

/**
 * A Media Library file's URL for a page or feed away from the server: under the server's URL
 * when it is a path (Strapi's local provider answers `/uploads/…`), as Strapi's admin prefixes
 * it with the backend URL (a path in that URL is kept). Null when it is not a safe URL (http(s)
 * or a path).
 */
export const resolveMediaUrl = (value: unknown, base: string | null | undefined): string | null => {
  if (typeof value !== 'string' || !MEDIA_URL.test(value)) return null;
  if (!base || !isRootPath(value)) return value;
  let end = base.length;
  while (end > 0 && base[end - 1] === '/') end -= 1;
  return `${base.slice(0, end)}${value}`;
};

const positiveInteger = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * An image block: always an `alt` (empty only when the file has no alternative text), its size
 * when known (the page does not jump as it loads), loaded lazily, and its caption as a
 * `<figcaption>` when it has one.
 */
const image = (node: Node, options: BlocksHtmlOptions): string => {
  const file = (node.image ?? {}) as Record<string, unknown>;
  const src = resolveMediaUrl(file.url, options.mediaBaseUrl);
  if (!src) return '';
  const width = positiveInteger(file.width);
  const height = positiveInteger(file.height);
  const size = `${width ? ` width="${width}"` : ''}${height ? ` height="${height}"` : ''}`;
  const img = `<img src="${attribute(src)}" alt="${attribute(trimmed(file.alternativeText))}"${size} loading="lazy"/>`;
  const caption = trimmed(file.caption);
  return caption
    ? `<figure>${img}<figcaption>${escape(caption)}</figcaption></figure>`
    : `<p>${img}</p>`;
};

const inline = (nodes: Node[] = [], options: BlocksHtmlOptions): string =>
  nodes
    .map((node) => {
      if (node.type === 'link') {
        const url = linkUrl(node.url, options.linkBaseUrl);
        const text = inline(node.children, options);
        return url ? `<a href="${attribute(url)}">${text}</a>` : text;
      }
      let html = escape(typeof node.text === 'string' ? node.text : '').replace(/\n/g, '<br/>');
      for (const [mark, tag] of MARKS) if (node[mark]) html = `<${tag}>${html}</${tag}>`;
      return html;
    })
    .join('');

/** List items; a nested list goes inside the item before it, as HTML wants. */
const listItems = (nodes: Node[] = [], options: BlocksHtmlOptions): string => {
  const items: string[] = [];
  for (const node of nodes) {
    if (node.type === 'list' && items.length) {
      items[items.length - 1] = items[items.length - 1].replace(
        /<\/li>$/,
        `${block(node, options)}</li>`
      );
    } else if (node.type === 'list') {
      items.push(`<li>${block(node, options)}</li>`);
    } else {
      items.push(`<li>${inline(node.children, options)}</li>`);
    }
  }
  return items.join('');
};

const block = (node: Node, options: BlocksHtmlOptions): string => {
  switch (node.type) {
    case 'heading': {
      const level = Math.min(Math.max(Number(node.level) || 2, 1), 6);
      return `<h${level}>${inline(node.children, options)}</h${level}>`;
    }
    case 'list': {
      const tag = node.format === 'ordered' ? 'ol' : 'ul';
      return `<${tag}>${listItems(node.children, options)}</${tag}>`;
    }
    case 'quote':
      return `<blockquote>${inline(node.children, options)}</blockquote>`;
    case 'code':
      return `<pre><code>${escape(
        (node.children ?? []).map((child) => String(child.text ?? '')).join('')
      )}</code></pre>`;
    case 'image':
      return image(node, options);
    case 'paragraph':
    default:
      return `<p>${inline(node.children, options)}</p>`;
  }
};

/**
 * A post's body (Strapi's blocks) as HTML, for a feed reader or a site: every text escaped, links
 * and images only with http(s), mailto or relative URLs (made absolute under the bases the
 * options give). The server's Atom feed and the example site both render with it.
 */
export const blocksToHtml = (
  blocks: BlocksContent | null | undefined,
  options: BlocksHtmlOptions = {}
): string => (blocks ?? []).map((node) => block(node as Node, options)).join('\n');
