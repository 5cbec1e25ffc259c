import { SaxesParser } from 'saxes';

const ATOM = 'http://www.w3.org/2005/Atom';
const THREAD = 'http://purl.org/syndication/thread/1.0';
/** RFC 3339 as Atom's date constructs require it. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export interface XmlElement {
  uri: string;
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses XML strictly (well-formedness and namespaces; saxes throws on any error). */
export const parseXml = (xml: string): XmlElement => {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      uri: tag.uri ?? '',
      name: tag.local ?? tag.name,
      attributes: Object.fromEntries(
        Object.values(tag.attributes).map((a) =>
          typeof a === 'string' ? [a, a] : [a.local || a.name, a.value]
        )
      ),
      children: [],
      text: '',
    };
    stack.at(-1)?.children.push(element);
    stack.push(element);
  });
  parser.on('text', (text) => {
    if (stack.length) stack[stack.length - 1].text += text;
  });
  parser.on('closetag', () => {
    const done = stack.pop()!;
    if (!stack.length) root = done;
  });
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
};

const child = (element: XmlElement, name: string, uri = ATOM) =>
  element.children.filter((c) => c.uri === uri && c.name === name);

export interface AtomEntryView {
  id: string;
  title: string;
  updated: string;
  published: string | null;
  author: string | null;
  authorUri: string | null;
  link: string | null;
  summary: string | null;
  content: string;
  contentType: string;
  inReplyTo: string | null;
  categories: Array<{ term: string; label: string | null }>;
  enclosures: Array<{ href: string; type: string | null }>;
}

export interface AtomFeedView {
  id: string;
  title: string;
  updated: string;
  self: string;
  alternate: string | null;
  author: string | null;
  entries: AtomEntryView[];
}

/**
 * Reads an Atom 1.0 feed and checks what RFC 4287 requires of it: the Atom namespace, one id,
 * title and updated (RFC 3339) on the feed and on each entry, an author on the feed or on every
 * entry, content or an alternate link on each entry, ids unique. Throws on the first breach.
 */
export const readAtom = (xml: string): AtomFeedView => {
  const feed = parseXml(xml);
  const fail = (why: string) => {
    throw new Error(`not valid Atom: ${why}`);
  };
  if (feed.uri !== ATOM || feed.name !== 'feed') fail('the root is not an Atom feed');
  const one = (element: XmlElement, name: string, where: string) => {
    const found = child(element, name);
    if (found.length !== 1) fail(`${where} has ${found.length} ${name} elements`);
    return found[0];
  };
  const date = (element: XmlElement, name: string, where: string) => {
    const value = one(element, name, where).text;
    if (!RFC3339.test(value)) fail(`${where} ${name} is not an RFC 3339 date: ${value}`);
    return value;
  };
  const link = (element: XmlElement, rel: string) =>
    child(element, 'link').find((l) => (l.attributes.rel ?? 'alternate') === rel)?.attributes
      .href ?? null;
  const authorName = (element: XmlElement) => {
    const [author] = child(element, 'author');
    return author ? (child(author, 'name')[0]?.text ?? fail('an author has no name')) : null;
  };

  const entries = child(feed, 'entry').map((entry, index) => {
    const where = `entry ${index + 1}`;
    const content = child(entry, 'content')[0];
    if (!content && !link(entry, 'alternate')) fail(`${where} has neither content nor a link`);
    const [author] = child(entry, 'author');
    return {
      id: one(entry, 'id', where).text,
      title: one(entry, 'title', where).text,
      updated: date(entry, 'updated', where),
      published: child(entry, 'published').length ? date(entry, 'published', where) : null,
      author: authorName(entry),
      authorUri: author ? (child(author, 'uri')[0]?.text ?? null) : null,
      link: link(entry, 'alternate'),
      summary: child(entry, 'summary')[0]?.text ?? null,
      content: content?.text ?? '',
      contentType: content?.attributes.type ?? 'text',
      inReplyTo: child(entry, 'in-reply-to', THREAD)[0]?.attributes.ref ?? null,
      categories: child(entry, 'category').map((c) => ({
        term: c.attributes.term ?? fail(`${where} has a category without a term`),
        label: c.attributes.label ?? null,
      })),
      enclosures: child(entry, 'link')
        .filter((l) => l.attributes.rel === 'enclosure')
        .map((l) => ({
          href: l.attributes.href ?? fail(`${where} has an enclosure without href`),
          type: l.attributes.type ?? null,
        })),
    };
  });
  const view: AtomFeedView = {
    id: one(feed, 'id', 'the feed').text,
    title: one(feed, 'title', 'the feed').text,
    updated: date(feed, 'updated', 'the feed'),
    self: link(feed, 'self') ?? fail('the feed has no self link'),
    alternate: link(feed, 'alternate'),
    author: authorName(feed),
    entries,
  };
  if (!view.author && entries.some((e) => !e.author)) fail('an entry has no author');
  if (new Set(entries.map((e) => e.id)).size !== entries.length) fail('entry ids repeat');
  return view;
};
