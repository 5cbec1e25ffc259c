import { DomHandler, Parser } from 'htmlparser2';

/** The part of htmlparser2's DOM read here. */
interface ChildNode {
  type: string;
  data?: string;
}
interface Element extends ChildNode {
  name: string;
  attribs: Record<string, string>;
  children: ChildNode[];
}

/**
 * HTML of an exported post (WordPress or Blogger) to Strapi's `blocks`: paragraphs, headings,
 * lists (nested by `indentLevel`), quotes, code, links and inline marks. An image whose file the
 * caller has in the Media Library (`imageFor`) becomes an `image` block, placed where it stands
 * at the top level, else right after the block it sits in (a paragraph, a list, a quote); any
 * other image becomes a link to the image. Text outside any block element reads the way
 * WordPress shows it: a blank line starts a paragraph, a single line break stays a line break;
 * two `<br>` in a row start a paragraph too (Blogger writes paragraphs that way).
 */

export interface TextNode {
  type: 'text';
  text: string;
  bold?: true;
  italic?: true;
  underline?: true;
  strikethrough?: true;
  code?: true;
}
export interface LinkNode {
  type: 'link';
  url: string;
  children: TextNode[];
}
export type InlineNode = TextNode | LinkNode;
/** A Media Library file as Strapi's blocks editor stores it in an `image` block. */
export interface BlocksImageFile {
  name: string;
  alternativeText: string | null;
  url: string;
  caption: string | null;
  width: number | null;
  height: number | null;
  formats: unknown;
  hash: string;
  ext: string | null;
  mime: string;
  size: number;
  previewUrl: string | null;
  provider: string;
  provider_metadata: unknown;
  createdAt: string;
  updatedAt: string;
}
export interface ImageBlock {
  type: 'image';
  image: BlocksImageFile;
  children: [{ type: 'text'; text: '' }];
}
export interface BlocksOptions {
  /** The Media Library file of an image's `src`, or null to keep the image as a link. */
  imageFor?: (src: string) => BlocksImageFile | null;
}
export type Block =
  | ImageBlock
  | { type: 'paragraph'; children: InlineNode[] }
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: InlineNode[] }
  | { type: 'quote'; children: InlineNode[] }
  | { type: 'code'; children: TextNode[] }
  | ListBlock;
export interface ListBlock {
  type: 'list';
  format: 'ordered' | 'unordered';
  indentLevel?: number;
  children: Array<{ type: 'list-item'; children: InlineNode[] } | ListBlock>;
}

type Marks = Omit<TextNode, 'type' | 'text'>;

/**
 * Elements nested deeper than this refuse the HTML. The converter walks the tree recursively,
 * and htmlparser2 spends the depth of its element stack on each tag, so depth bounds both the
 * stack and the time; real posts nest a few dozen levels at most.
 */
export const MAX_HTML_DEPTH = 256;

/** HTML nested deeper than MAX_HTML_DEPTH: the post (or comment) is skipped with this reason. */
export class HtmlTooDeepError extends Error {
  constructor() {
    super(`its HTML nests elements more than ${MAX_HTML_DEPTH} levels deep`);
    this.name = 'HtmlTooDeepError';
  }
}

/** htmlparser2's document, refused as soon as an element opens deeper than MAX_HTML_DEPTH. */
const parseShallow = (html: string): { children: ChildNode[] } => {
  const options = { decodeEntities: true, lowerCaseTags: true };
  const handler = new DomHandler();
  let depth = 0;
  const open = handler.onopentag.bind(handler);
  const close = handler.onclosetag.bind(handler);
  handler.onopentag = (name, attributes) => {
    depth += 1;
    if (depth > MAX_HTML_DEPTH) throw new HtmlTooDeepError();
    open(name, attributes);
  };
  handler.onclosetag = () => {
    depth -= 1;
    close();
  };
  new Parser(handler, options).end(html);
  return handler.root as unknown as { children: ChildNode[] };
};

const MARK_TAGS: Record<string, keyof Marks> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  code: 'code',
  kbd: 'code',
  tt: 'code',
};
const HEADINGS: Record<string, 1 | 2 | 3 | 4 | 5 | 6> = {
  h1: 1,
  h2: 2,
  h3: 3,
  h4: 4,
  h5: 5,
  h6: 6,
};
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'figure',
  'figcaption',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'table',
  'tr',
  'hr',
  ...Object.keys(HEADINGS),
]);
/** Not content: dropped with everything inside. */
const SKIPPED_TAGS = new Set(['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'form']);

const SAFE_URL = /^(?:https?:|mailto:|\/|#)/i;

/** Tags, and the script and style elements htmlparser2 types apart. */
const isElement = (node: ChildNode): node is Element =>
  typeof (node as Element).name === 'string' && Array.isArray((node as Element).children);
const dataOf = (node: ChildNode): string => node.data ?? '';
const textOf = (node: ChildNode): string =>
  node.type === 'text'
    ? dataOf(node)
    : isElement(node) || node.type === 'cdata'
      ? ((node as Element).children ?? []).map(textOf).join('')
      : '';

/** Inline content collected for one block, with line-break and blank-line handling. */
class InlineRun {
  nodes: InlineNode[] = [];

  push(node: InlineNode) {
    const last = this.nodes[this.nodes.length - 1];
    if (
      node.type === 'text' &&
      last?.type === 'text' &&
      JSON.stringify({ ...last, text: '' }) === JSON.stringify({ ...node, text: '' })
    ) {
      last.text += node.text;
    } else this.nodes.push(node);
  }

  /** The run's nodes with outer spaces trimmed; none when it holds no visible text. */
  finish(): InlineNode[] {
    const nodes = this.nodes.filter((node) => node.type === 'link' || node.text !== '');
    this.nodes = [];
    const visible = nodes.some((node) => (node.type === 'link' ? true : node.text.trim() !== ''));
    if (!visible) return [];
    const first = nodes[0];
    if (first.type === 'text') first.text = first.text.replace(/^[ \t\n]+/, '');
    const last = nodes[nodes.length - 1];
    if (last.type === 'text') last.text = last.text.replace(/(?<![ \t\n])[ \t\n]+$/, '');
    return nodes.filter((node) => node.type === 'link' || node.text !== '');
  }
}

/**
 * Converts HTML to blocks. `loose` text (outside any block element) follows WordPress's
 * paragraphs; text inside block elements collapses white space as a browser does. Throws
 * HtmlTooDeepError when elements nest deeper than MAX_HTML_DEPTH.
 */
export const htmlToBlocks = (html: string, options: BlocksOptions = {}): Block[] => {
  const document = parseShallow(html);
  const blocks: Block[] = [];
  const run = new InlineRun();
  /** Image blocks met inside a block, placed after it. */
  const pending: ImageBlock[] = [];
  let imagesPlaced = 0;

  const flushParagraph = () => {
    const children = run.finish();
    if (children.length) blocks.push({ type: 'paragraph', children });
  };
  const placePending = () => {
    if (pending.length) blocks.push(...pending.splice(0));
  };

  /** An image with a file: at the top level, where it stands; inside a block, after it. */
  const placeImage = (file: BlocksImageFile, alt: string, target: InlineRun) => {
    imagesPlaced += 1;
    const image: ImageBlock = {
      type: 'image',
      image: { ...file, alternativeText: alt || file.alternativeText },
      children: [{ type: 'text', text: '' }],
    };
    if (target === run) {
      flushParagraph();
      placePending();
      blocks.push(image);
    } else pending.push(image);
  };

  /** Inline content of `nodes` into `target`, with the marks in force. */
  const inline = (nodes: ChildNode[], target: InlineRun, marks: Marks, loose: boolean) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        const text = loose ? dataOf(node) : dataOf(node).replace(/\s+/g, ' ');
        if (loose && /\n[ \t]*\n/.test(text)) {
          // A blank line in loose text ends the paragraph (only at the top level).
          const parts = text.split(/\n[ \t]*\n+/);
          parts.forEach((part: string, index: number) => {
            if (index > 0 && target === run) flushParagraph();
            if (part) target.push({ type: 'text', text: part, ...marks });
          });
        } else if (text) {
          target.push({ type: 'text', text, ...marks });
        }
        continue;
      }
      if (!isElement(node)) continue;
      const tag = node.name;
      if (SKIPPED_TAGS.has(tag)) continue;
      if (tag === 'br') {
        target.push({ type: 'text', text: '\n', ...marks });
        continue;
      }
      if (tag === 'a') {
        const href = (node.attribs.href ?? '').trim();
        const children = new InlineRun();
        const imagesBefore = imagesPlaced;
        inline(node.children, children, marks, loose);
        const texts = children.finish().filter((child): child is TextNode => child.type === 'text');
        if (target === run && pending.length) {
          flushParagraph();
          placePending();
        }
        // A link around an image that became a block: the image stands for it.
        if (!texts.length && imagesPlaced > imagesBefore) continue;
        if (href && SAFE_URL.test(href)) {
          target.push({
            type: 'link',
            url: href,
            children: texts.length ? texts : [{ type: 'text', text: href }],
          });
        } else texts.forEach((text) => target.push(text));
        continue;
      }
      if (tag === 'img') {
        const src = (node.attribs.src ?? '').trim();
        if (src && SAFE_URL.test(src)) {
          const alt = (node.attribs.alt ?? '').trim();
          const file = options.imageFor?.(src) ?? null;
          if (file) {
            placeImage(file, alt, target);
            continue;
          }
          target.push({ type: 'link', url: src, children: [{ type: 'text', text: alt || src }] });
        }
        continue;
      }
      const mark = MARK_TAGS[tag];
      inline(node.children, target, mark ? { ...marks, [mark]: true } : marks, loose);
    }
  };

  /** Two or more line breaks in a row inside a paragraph split it (Blogger's paragraphs). */
  const paragraphsOf = (children: InlineNode[]): InlineNode[][] => {
    const out: InlineNode[][] = [[]];
    for (const node of children) {
      if (node.type === 'text' && /\n\s*\n/.test(node.text)) {
        const parts = node.text.split(/(?<!\s)\s*\n\s*\n\s*/);
        parts.forEach((part, index) => {
          if (index > 0) out.push([]);
          if (part) out[out.length - 1].push({ ...node, text: part });
        });
      } else out[out.length - 1].push(node);
    }
    return out
      .map((nodes) => {
        const again = new InlineRun();
        nodes.forEach((node) => again.push(node));
        return again.finish();
      })
      .filter((nodes) => nodes.length > 0);
  };

  const pushParagraphs = (children: InlineNode[], type: 'paragraph' | 'quote') => {
    for (const nodes of paragraphsOf(children)) blocks.push({ type, children: nodes });
  };

  const list = (element: Element, indentLevel: number): ListBlock => {
    const block: ListBlock = {
      type: 'list',
      format: element.name === 'ol' ? 'ordered' : 'unordered',
      ...(indentLevel > 0 && { indentLevel }),
      children: [],
    };
    for (const item of element.children) {
      if (!isElement(item)) continue;
      if (item.name === 'ul' || item.name === 'ol') {
        block.children.push(list(item, indentLevel + 1));
        continue;
      }
      const text = new InlineRun();
      const nested: ListBlock[] = [];
      for (const child of item.children) {
        if (isElement(child) && (child.name === 'ul' || child.name === 'ol')) {
          nested.push(list(child, indentLevel + 1));
        } else inline([child], text, {}, false);
      }
      const children = text.finish();
      if (children.length) block.children.push({ type: 'list-item', children });
      block.children.push(...nested);
    }
    return block;
  };

  const block = (nodes: ChildNode[], loose: boolean) => {
    for (const node of nodes) {
      if (!isElement(node) || !BLOCK_TAGS.has(node.name)) {
        if (isElement(node) && SKIPPED_TAGS.has(node.name)) continue;
        inline([node], run, {}, loose);
        continue;
      }
      flushParagraph();
      const tag = node.name;
      if (tag === 'hr') continue;
      if (HEADINGS[tag]) {
        const children = new InlineRun();
        inline(node.children, children, {}, false);
        const content = children.finish();
        if (content.length)
          blocks.push({ type: 'heading', level: HEADINGS[tag], children: content });
      } else if (tag === 'ul' || tag === 'ol') {
        const built = list(node, 0);
        if (built.children.length) blocks.push(built);
      } else if (tag === 'pre') {
        const text = textOf(node)
          .replace(/^\n/, '')
          .replace(/(?<!\s)\s+$/, '');
        if (text) blocks.push({ type: 'code', children: [{ type: 'text', text }] });
      } else if (tag === 'blockquote') {
        const children = new InlineRun();
        inline(node.children, children, {}, false);
        pushParagraphs(children.finish(), 'quote');
      } else if (tag === 'p') {
        const children = new InlineRun();
        inline(node.children, children, {}, false);
        pushParagraphs(children.finish(), 'paragraph');
      } else {
        // A container (div, section, figure, table row …): its content, block by block.
        block(node.children, false);
        flushParagraph();
      }
      placePending();
    }
  };

  block(document.children, true);
  flushParagraph();
  placePending();
  // Loose text may also hold Blogger's double <br>: split those paragraphs as well.
  return blocks.flatMap((b): Block[] =>
    b.type === 'paragraph'
      ? paragraphsOf(b.children).map((children) => ({ type: 'paragraph' as const, children }))
      : [b]
  );
};

/**
 * Each image of the HTML, in order, once per `src`, with its first alternative text (throws
 * HtmlTooDeepError).
 */
export const imageSources = (html: string): Array<{ src: string; alt: string }> => {
  const sources = new Map<string, string>();
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (!isElement(node) || SKIPPED_TAGS.has(node.name)) continue;
      const src = node.name === 'img' ? (node.attribs.src ?? '').trim() : '';
      if (src && SAFE_URL.test(src) && !sources.has(src)) {
        sources.set(src, (node.attribs.alt ?? '').trim());
      }
      walk(node.children);
    }
  };
  walk(parseShallow(html).children);
  return [...sources].map(([src, alt]) => ({ src, alt }));
};

/** HTML as its text (a title with markup): tags dropped, white space collapsed. */
export const htmlText = (html: string): string =>
  parseShallow(html).children.map(textOf).join('').replace(/\s+/g, ' ').trim();

/** The plain text of inline nodes. */
export const inlineText = (nodes: InlineNode[]): string =>
  nodes.map((node) => (node.type === 'text' ? node.text : inlineText(node.children))).join('');

/** HTML as plain text (a comment's, an excerpt): paragraphs apart by a blank line. */
export const plainText = (html: string) =>
  htmlToBlocks(html)
    .map((block) => ('children' in block ? inlineText(block.children as InlineNode[]) : ''))
    .filter(Boolean)
    .join('\n\n');
