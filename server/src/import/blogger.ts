import {
  ImportFormatError,
  scopeOf,
  tooLong,
  type ReaderLimits,
  type SourceComment,
  type SourceRecord,
} from './source';
import { streamXml } from './xml-stream';

/**
 * Blogger's export (an Atom feed of entries), read as a stream. Posts and comments are separate
 * entries, and Blogger writes comments after all the posts, so a comment is handed out on its own
 * (`kind: 'comment'`, naming its post) rather than inside its post: memory holds one entry at a
 * time. Both export shapes are read: the current one (`blogger:type`, `blogger:status`,
 * `blogger:parent`, `blogger:inReplyTo`) and the older one (`category` kinds, `thr:in-reply-to`,
 * `app:draft`). A scheduled post comes as a draft with its publish time (`bloggerScheduledAt`),
 * as WordPress's `future` posts do. Each field is held at most `limits.maxFieldChars` long: a longer post is refused,
 * a longer comment skipped. The scope of posts and comments is the blog's id, from their ids.
 */

export type BloggerRecord =
  | SourceRecord
  | { kind: 'comment'; postSourceId: string; scope: string | null; comment: SourceComment }
  | { kind: 'refused-comment'; sourceId: string; reason: string };

interface Entry {
  fields: Record<string, string>;
  kind: string | null;
  draft: boolean;
  alternate: string | null;
  replyTo: string | null;
  relatedComment: string | null;
  author: Record<string, string>;
  /** Blogger's labels, which become tags. */
  labels: string[];
  overflow: { field: string; chars: number } | null;
}

const KIND = 'http://schemas.google.com/blogger/2008/kind#';
const KIND_SCHEME = 'http://schemas.google.com/g/2005#kind';
/** Labels an entry carries, at most: more are not a blog's labels. */
const MAX_LABELS = 100;
const MAX_LABEL_CHARS = 200;

const httpUrlOrNull = (value: string | undefined) => {
  const url = value?.trim();
  return url && /^https?:\/\//i.test(url) && url.length <= 2048 ? url : null;
};

/** The short id of a Blogger id: "tag:blogger.com,1999:blog-1.post-2" → "2". */
const shortId = (id: string | null | undefined): string | null => {
  const match =
    /(?:post|comment)-(\d+)$/.exec(id?.trim() ?? '') ?? /(?<!\d)(\d+)\s*$/.exec(id ?? '');
  return match ? match[1] : null;
};

/** The blog's id in a Blogger id: "tag:blogger.com,1999:blog-1.post-2" → "1". */
const blogIdOf = (id: string | null | undefined): string | null =>
  /blog-(\d+)/.exec(id ?? '')?.[1] ?? null;

const slugOf = (path: string | null): string | null => {
  const match = /\/([^/]+?)(?:\.html)?$/.exec(path ?? '');
  return match ? match[1] : null;
};

const isoOrNull = (value: string | undefined) => {
  const parsed = value ? new Date(value.trim()) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed.toISOString() : null;
};

const orNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/**
 * When a post Blogger holds scheduled publishes: its publish time (`published`). The current
 * export says `SCHEDULED`; the older one writes a scheduled post as a draft whose publish time
 * comes after its last edit (`updated`), where a plain draft's comes before (when it was
 * started). Null for any other post.
 */
export const bloggerScheduledAt = (
  status: string,
  published: string | undefined,
  updated: string | undefined
): string | null => {
  const at = isoOrNull(published);
  if (!at) return null;
  if (status === 'SCHEDULED') return at;
  const edited = isoOrNull(updated);
  return status === 'DRAFT' && edited && at > edited ? at : null;
};

/** Reads a Blogger export's records; throws ImportFormatError when it is not one. */
export async function* readBlogger(
  input: AsyncIterable<Buffer | string>,
  limits: ReaderLimits = { maxFieldChars: Number.MAX_SAFE_INTEGER }
): AsyncGenerator<BloggerRecord> {
  const ready: BloggerRecord[] = [];
  let sawFeed = false;
  let sawBlogger = false;
  let closedFeed = false;
  let feedId: string | null = null;
  let entry: Entry | null = null;
  let inAuthor = false;
  /** Authors already handed out, by name. */
  const authorsSent = new Set<string>();

  const finishEntry = (e: Entry) => {
    const type = (e.fields['blogger:type'] ?? e.kind ?? '').toLowerCase();
    const title = e.fields.title?.trim() ?? '';
    const id = shortId(e.fields.id) ?? '';
    const status = (e.fields['blogger:status'] ?? (e.draft ? 'DRAFT' : 'LIVE')).toUpperCase();
    const scope = scopeOf(blogIdOf(e.fields.id) ?? blogIdOf(feedId));
    const refused = e.overflow && tooLong(e.overflow.field, e.overflow.chars, limits.maxFieldChars);
    if (type === 'post') {
      if (status === 'DELETED') {
        ready.push({ kind: 'skipped', type: 'post', title, reason: 'deleted in Blogger' });
        return;
      }
      if (refused) {
        ready.push({
          kind: 'refused',
          sourceId: id,
          title: title || '(untitled)',
          reason: refused,
          comments: 0,
        });
        return;
      }
      const authorName = orNull(e.author.name);
      if (authorName && !authorsSent.has(authorName)) {
        authorsSent.add(authorName);
        // The author's email stays out (Blogger writes a placeholder anyway).
        ready.push({
          kind: 'author',
          scope,
          author: { key: authorName, name: authorName, url: httpUrlOrNull(e.author.uri) },
        });
      }
      ready.push({
        kind: 'post',
        post: {
          sourceId: id,
          scope,
          title: title || '(untitled)',
          slug: slugOf(e.fields['blogger:filename'] ?? e.alternate),
          date: isoOrNull(e.fields.published),
          authorName,
          authorKey: authorName,
          status: status === 'LIVE' ? 'published' : 'draft',
          heldBack: null,
          scheduledAt: bloggerScheduledAt(status, e.fields.published, e.fields.updated),
          commentsClosed: false,
          categories: [],
          tags: e.labels.map((label) => ({ slug: label, name: label })),
          thumbnailId: null,
          excerpt: null,
          html: e.fields.content ?? '',
          comments: [],
          skippedComments: [],
          refusedComments: [],
        },
      });
    } else if (type === 'comment') {
      if (refused) {
        ready.push({ kind: 'refused-comment', sourceId: id, reason: refused });
        return;
      }
      const postSourceId = shortId(e.fields['blogger:parent'] ?? e.replyTo);
      if (!postSourceId) {
        ready.push({ kind: 'skipped', type: 'comment', title, reason: 'names no post' });
        return;
      }
      const replyTo = shortId(e.fields['blogger:inReplyTo'] ?? e.relatedComment);
      ready.push({
        kind: 'comment',
        postSourceId,
        scope,
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

  yield* streamXml(
    input,
    limits,
    {
      open(name, attributes) {
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
            labels: [],
            overflow: null,
          };
        } else if (!entry) return;
        else if (name === 'author') inAuthor = true;
        else if (name === 'category' && attributes.term?.startsWith(KIND)) {
          entry.kind = attributes.term.slice(KIND.length);
          sawBlogger = true;
        } else if (name === 'category' && attributes.scheme !== KIND_SCHEME) {
          // A label (scheme http://www.blogger.com/atom/ns#): a tag of the post.
          const label = attributes.term?.trim();
          if (
            label &&
            label.length <= MAX_LABEL_CHARS &&
            entry.labels.length < MAX_LABELS &&
            !entry.labels.includes(label)
          ) {
            entry.labels.push(label);
          }
        } else if (name === 'link' && attributes.rel === 'alternate') {
          entry.alternate = attributes.href ?? null;
        } else if (name === 'link' && attributes.rel === 'related') {
          entry.relatedComment = attributes.href ?? null;
        } else if (name === 'thr:in-reply-to') {
          entry.replyTo = attributes.ref ?? null;
        }
      },
      close(name, text, chars, depth, isImplied) {
        if (name === 'feed' && !isImplied) closedFeed = true;
        if (name.startsWith('blogger:')) sawBlogger = true;
        if (!entry) {
          if (name === 'id' && depth === 1) feedId ??= text.trim();
          return;
        }
        if (chars > limits.maxFieldChars) {
          entry.overflow ??= { field: name, chars };
        }
        if (name === 'entry') {
          finishEntry(entry);
          entry = null;
        } else if (name === 'author') inAuthor = false;
        else if (inAuthor) entry.author[name] = text;
        else if (name === 'app:draft') entry.draft = text.trim() === 'yes';
        else if (!(name in entry.fields)) entry.fields[name] = text;
      },
    },
    ready
  );
  if (!sawFeed || !sawBlogger) {
    throw new ImportFormatError(
      'Not a Blogger export: no Blogger entries (export it from Settings → Back up content in Blogger)'
    );
  }
  if (!closedFeed)
    throw new ImportFormatError('The Blogger export ends early: the file is cut short');
}
