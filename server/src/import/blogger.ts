import { Parser } from 'htmlparser2';

import { ImportFormatError, type SourceComment, type SourceRecord } from './source';

/**
 * Blogger's export (an Atom feed of entries), read as a stream. Posts and comments are separate
 * entries, and Blogger writes comments after all the posts, so a comment is handed out on its own
 * (`kind: 'comment'`, naming its post) rather than inside its post: memory holds one entry at a
 * time. Both export shapes are read: the current one (`blogger:type`, `blogger:status`,
 * `blogger:parent`, `blogger:inReplyTo`) and the older one (`category` kinds, `thr:in-reply-to`,
 * `app:draft`).
 */

export type BloggerRecord =
  SourceRecord | { kind: 'comment'; postSourceId: string; comment: SourceComment };

interface Entry {
  fields: Record<string, string>;
  kind: string | null;
  draft: boolean;
  alternate: string | null;
  replyTo: string | null;
  relatedComment: string | null;
  author: Record<string, string>;
}

const KIND = 'http://schemas.google.com/blogger/2008/kind#';

/** The short id of a Blogger id: "tag:blogger.com,1999:blog-1.post-2" → "2". */
const shortId = (id: string | null | undefined): string | null => {
  const match = /(?:post|comment)-(\d+)$/.exec(id?.trim() ?? '') ?? /(?<!\d)(\d+)\s*$/.exec(id ?? '');
  return match ? match[1] : null;
};

const slugOf = (path: string | null): string | null => {
  const match = /\/([^/]+?)(?:\.html)?$/.exec(path ?? '');
  return match ? match[1] : null;
};

const isoOrNull = (value: string | undefined) => {
  const parsed = value ? new Date(value.trim()) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed.toISOString() : null;
};

const orNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/** Reads a Blogger export's records; throws ImportFormatError when it is not one. */
export async function* readBlogger(
  input: AsyncIterable<Buffer | string>
): AsyncGenerator<BloggerRecord> {
  const ready: BloggerRecord[] = [];
  let sawFeed = false;
  let sawBlogger = false;
  let closedFeed = false;
  let text = '';
  let entry: Entry | null = null;
  let inAuthor = false;

  const finishEntry = (e: Entry) => {
    const type = (e.fields['blogger:type'] ?? e.kind ?? '').toLowerCase();
    const title = e.fields.title?.trim() ?? '';
    const id = shortId(e.fields.id) ?? '';
    const status = (e.fields['blogger:status'] ?? (e.draft ? 'DRAFT' : 'LIVE')).toUpperCase();
    if (type === 'post') {
      if (status === 'DELETED') {
        ready.push({ kind: 'skipped', type: 'post', title, reason: 'deleted in Blogger' });
        return;
      }
      ready.push({
        kind: 'post',
        post: {
          sourceId: id,
          title: title || '(untitled)',
          slug: slugOf(e.fields['blogger:filename'] ?? e.alternate),
          date: isoOrNull(e.fields.published),
          authorName: orNull(e.author.name),
          status: status === 'LIVE' ? 'published' : 'draft',
          excerpt: null,
          html: e.fields.content ?? '',
          comments: [],
          skippedComments: [],
        },
      });
    } else if (type === 'comment') {
      const postSourceId = shortId(e.fields['blogger:parent'] ?? e.replyTo);
      if (!postSourceId) {
        ready.push({ kind: 'skipped', type: 'comment', title, reason: 'names no post' });
        return;
      }
      const replyTo = shortId(e.fields['blogger:inReplyTo'] ?? e.relatedComment);
      ready.push({
        kind: 'comment',
        postSourceId,
        comment: {
          sourceId: id,
          parentSourceId: replyTo && replyTo !== postSourceId ? replyTo : null,
          authorName: orNull(e.author.name) ?? 'Anonymous',
          authorEmail: orNull(e.author.email)?.replace(/^noreply@blogger\.com$/, '') || null,
          authorUrl: orNull(e.author.uri),
          date: isoOrNull(e.fields.published),
          html: e.fields.content ?? '',
          status: status === 'DELETED' ? 'rejected' : status === 'LIVE' ? 'approved' : 'pending',
        },
      });
    } else if (type) {
      ready.push({ kind: 'skipped', type, title, reason: `not a post (${type})` });
    }
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        text = '';
        if (name === 'feed') sawFeed = true;
        else if (name === 'entry') {
          entry = {
            fields: {},
            kind: null,
            draft: false,
            alternate: null,
            replyTo: null,
            relatedComment: null,
            author: {},
          };
        } else if (!entry) return;
        else if (name === 'author') inAuthor = true;
        else if (name === 'category' && attributes.term?.startsWith(KIND)) {
          entry.kind = attributes.term.slice(KIND.length);
          sawBlogger = true;
        } else if (name === 'link' && attributes.rel === 'alternate') {
          entry.alternate = attributes.href ?? null;
        } else if (name === 'link' && attributes.rel === 'related') {
          entry.relatedComment = attributes.href ?? null;
        } else if (name === 'thr:in-reply-to') {
          entry.replyTo = attributes.ref ?? null;
        }
      },
      ontext(data) {
        text += data;
      },
      onclosetag(name, isImplied) {
        if (name === 'feed' && !isImplied) closedFeed = true;
        if (name.startsWith('blogger:')) sawBlogger = true;
        if (!entry) return;
        if (name === 'entry') {
          finishEntry(entry);
          entry = null;
        } else if (name === 'author') inAuthor = false;
        else if (inAuthor) entry.author[name] = text;
        else if (name === 'app:draft') entry.draft = text.trim() === 'yes';
        else if (!(name in entry.fields)) entry.fields[name] = text;
        text = '';
      },
    },
    { xmlMode: true, decodeEntities: true }
  );

  for await (const chunk of input) {
    parser.write(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    while (ready.length) yield ready.shift()!;
  }
  parser.end();
  while (ready.length) yield ready.shift()!;
  if (!sawFeed || !sawBlogger) {
    throw new ImportFormatError(
      'Not a Blogger export: no Blogger entries (export it from Settings → Back up content in Blogger)'
    );
  }
  if (!closedFeed)
    throw new ImportFormatError('The Blogger export ends early: the file is cut short');
}
