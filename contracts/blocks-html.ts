import { escapeXml as escape } from './escape';
import type { BlocksContent } from './posts';

type Node = Record<string, unknown> & { type?: string; children?: Node[] };

const SAFE_URL = /^(?:https?:|mailto:|\/|#)/i;

const MARKS: Array<[string, string]> = [
  ['code', 'code'],
  ['bold', 'strong'],
  ['italic', 'em'],
  ['underline', 'u'],
  ['strikethrough', 's'],
];

const attribute = (value: unknown) => escape(typeof value === 'string' ? value : '');

const inline = (nodes: Node[] = []): string =>
  nodes
    .map((node) => {
      if (node.type === 'link') {
        const url = typeof node.url === 'string' && SAFE_URL.test(node.url) ? node.url : null;
        const text = inline(node.children);
        return url ? `<a href="${attribute(url)}">${text}</a>` : text;
      }
      let html = escape(typeof node.text === 'string' ? node.text : '').replace(/\n/g, '<br/>');
      for (const [mark, tag] of MARKS) if (node[mark]) html = `<${tag}>${html}</${tag}>`;
      return html;
    })
    .join('');

/** List items; a nested list goes inside the item before it, as HTML wants. */
const listItems = (nodes: Node[] = []): string => {
  const items: string[] = [];
  for (const node of nodes) {
    if (node.type === 'list' && items.length) {
      items[items.length - 1] = items[items.length - 1].replace(/<\/li>$/, `${block(node)}</li>`);
    } else if (node.type === 'list') {
      items.push(`<li>${block(node)}</li>`);
    } else {
      items.push(`<li>${inline(node.children)}</li>`);
    }
  }
  return items.join('');
};

const block = (node: Node): string => {
  switch (node.type) {
    case 'heading': {
      const level = Math.min(Math.max(Number(node.level) || 2, 1), 6);
      return `<h${level}>${inline(node.children)}</h${level}>`;
    }
    case 'list': {
      const tag = node.format === 'ordered' ? 'ol' : 'ul';
      return `<${tag}>${listItems(node.children)}</${tag}>`;
    }
    case 'quote':
      return `<blockquote>${inline(node.children)}</blockquote>`;
    case 'code':
      return `<pre><code>${escape(
        (node.children ?? []).map((child) => String(child.text ?? '')).join('')
      )}</code></pre>`;
    case 'image': {
      const image = (node.image ?? {}) as Record<string, unknown>;
      const url = typeof image.url === 'string' && SAFE_URL.test(image.url) ? image.url : null;
      return url
        ? `<p><img src="${attribute(url)}" alt="${attribute(image.alternativeText)}"/></p>`
        : '';
    }
    case 'paragraph':
    default:
      return `<p>${inline(node.children)}</p>`;
  }
};

/**
 * A post's body (Strapi's blocks) as HTML, for a feed reader or a site: every text escaped, links
 * and images only with http(s), mailto or relative URLs. The server's Atom feed and the example
 * site both render with it.
 */
export const blocksToHtml = (blocks: BlocksContent | null | undefined): string =>
  (blocks ?? []).map((node) => block(node as Node)).join('\n');
