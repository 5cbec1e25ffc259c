import { createHash } from 'crypto';

import { toIsoSeconds } from '../../../contracts/dates';
import { escapeXml as escape } from '../../../contracts/escape';

/** An Atom entry (RFC 4287); `content` is HTML or plain text. */
export interface AtomEntry {
  id: string;
  title: string;
  updated: Date;
  published?: Date | null;
  author?: { name: string; uri?: string | null } | null;
  link?: string | null;
  summary?: string | null;
  content: { type: 'html' | 'text'; value: string };
  /** RFC 4685: the entry this one answers. */
  inReplyTo?: string | null;
  /** `<category term label/>`: the post's categories and tags. */
  categories?: Array<{ term: string; label?: string | null }>;
  /** `<link rel="enclosure"/>`: a file that goes with the entry (the post's cover). */
  enclosure?: { href: string; type?: string | null } | null;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string | null;
  /** The feed's own URL. */
  self: string;
  /** Where people read what the feed holds, when known. */
  alternate?: string | null;
  author: string;
  updated: Date;
  entries: AtomEntry[];
}

/** A permanent `urn:uuid:` IRI for a thing of the plugin, from its kind and documentId. */
export const atomId = (kind: string, documentId: string): string => {
  const hex = createHash('sha1').update(`strapi-plugin-blog:${kind}:${documentId}`).digest('hex');
  // Shaped as a name-based UUID (version 5, RFC 4122 variant).
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

const entry = (e: AtomEntry): string =>
  [
    '  <entry>',
    `    <id>${escape(e.id)}</id>`,
    `    <title type="text">${escape(e.title)}</title>`,
    `    <updated>${toIsoSeconds(e.updated)}</updated>`,
    e.published ? `    <published>${toIsoSeconds(e.published)}</published>` : null,
    e.author
      ? `    <author><name>${escape(e.author.name)}</name>${
          e.author.uri ? `<uri>${escape(e.author.uri)}</uri>` : ''
        }</author>`
      : null,
    e.link ? `    <link rel="alternate" type="text/html" href="${escape(e.link)}"/>` : null,
    e.enclosure
      ? `    <link rel="enclosure"${
          e.enclosure.type ? ` type="${escape(e.enclosure.type)}"` : ''
        } href="${escape(e.enclosure.href)}"/>`
      : null,
    ...(e.categories ?? []).map(
      (c) =>
        `    <category term="${escape(c.term)}"${c.label ? ` label="${escape(c.label)}"` : ''}/>`
    ),
    e.inReplyTo ? `    <thr:in-reply-to ref="${escape(e.inReplyTo)}"/>` : null,
    e.summary ? `    <summary type="text">${escape(e.summary)}</summary>` : null,
    `    <content type="${e.content.type}">${escape(e.content.value)}</content>`,
    '  </entry>',
  ]
    .filter((line): line is string => line !== null)
    .join('\n');

/** The feed as an Atom 1.0 document. */
export const renderAtom = (feed: AtomFeed): string =>
  [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0">',
    `  <id>${escape(feed.id)}</id>`,
    `  <title type="text">${escape(feed.title)}</title>`,
    feed.subtitle ? `  <subtitle type="text">${escape(feed.subtitle)}</subtitle>` : null,
    `  <updated>${toIsoSeconds(feed.updated)}</updated>`,
    `  <author><name>${escape(feed.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escape(feed.self)}"/>`,
    feed.alternate
      ? `  <link rel="alternate" type="text/html" href="${escape(feed.alternate)}"/>`
      : null,
    '  <generator uri="https://www.npmjs.com/package/strapi-plugin-blog">strapi-plugin-blog</generator>',
    ...feed.entries.map(entry),
    '</feed>',
    '',
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
