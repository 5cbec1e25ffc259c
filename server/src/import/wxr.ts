import { Parser } from 'htmlparser2';

import { decodeUtf8 } from './decode';
import {
  ImportFormatError,
  MAX_XML_DEPTH,
  scopeOf,
  tooDeep,
  tooLong,
  type ReaderLimits,
  type SourceComment,
  type SourceCommentStatus,
  type SourceRecord,
} from './source';

/**
 * WordPress's export (WXR, an RSS file with `wp:` elements), read as a stream: each `<item>` is
 * handed out as soon as it closes, so memory holds one post and its comments at a time, each
 * field at most `limits.maxFieldChars` long (a longer post is refused, a longer comment skipped).
 * The posts' scope is the site's URL (`wp:base_blog_url`, else the channel's `link`, else
 * `wp:base_site_url`), which the export writes before its items.
 */

/** A field over the limit: which, and how long it was. */
type Overflow = { field: string; chars: number } | null;

const FIELD_NAMES: Record<string, string> = {
  'content:encoded': 'content',
  'excerpt:encoded': 'excerpt',
  'wp:comment_content': 'text',
};

const COMMENT_STATUS: Record<string, SourceCommentStatus> = {
  '1': 'approved',
  approve: 'approved',
  '0': 'pending',
  hold: 'pending',
  spam: 'spam',
  trash: 'rejected',
  'post-trashed': 'rejected',
};

/** WordPress writes "0000-00-00 00:00:00" for a date a draft never had. */
const wpDate = (gmt: string | undefined, local: string | undefined): string | null => {
  for (const [value, zone] of [
    [gmt, 'Z'],
    [local, 'Z'],
  ] as const) {
    const trimmed = value?.trim();
    if (!trimmed || trimmed.startsWith('0000')) continue;
    const parsed = new Date(`${trimmed.replace(' ', 'T')}${zone}`);
    if (!Number.isNaN(parsed.getTime())) return parsed.toISOString();
  }
  return null;
};

const orNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/** Reads a WXR file's records; throws ImportFormatError when it is not one. */
export async function* readWxr(
  input: AsyncIterable<Buffer | string>,
  limits: ReaderLimits = { maxFieldChars: Number.MAX_SAFE_INTEGER }
): AsyncGenerator<SourceRecord> {
  const ready: SourceRecord[] = [];
  const authors = new Map<string, string>();
  const channel = new Map<string, string>();
  let sawRss = false;
  let sawWxr = false;
  let closedRss = false;
  let openElements = 0;
  let text = '';
  let textChars = 0;
  let author: Record<string, string> | null = null;
  let item: Record<string, string> | null = null;
  let itemOverflow: Overflow = null;
  let comments: Array<{ fields: Record<string, string>; overflow: Overflow }> = [];
  let comment: Record<string, string> | null = null;
  let commentOverflow: Overflow = null;
  let scope: string | null | undefined;

  const finishItem = (
    fields: Record<string, string>,
    itemComments: Array<{ fields: Record<string, string>; overflow: Overflow }>,
    overflow: Overflow
  ) => {
    const type = fields['wp:post_type'] ?? 'post';
    const title = fields.title?.trim() ?? '';
    if (type !== 'post') {
      ready.push({ kind: 'skipped', type, title, reason: `not a post (${type})` });
      return;
    }
    const status = fields['wp:status'] ?? 'publish';
    if (status === 'trash' || status === 'auto-draft' || status === 'inherit') {
      ready.push({ kind: 'skipped', type: 'post', title, reason: `status ${status}` });
      return;
    }
    const sourceId = fields['wp:post_id']?.trim() ?? '';
    if (overflow) {
      ready.push({
        kind: 'refused',
        sourceId,
        title: title || '(untitled)',
        reason: tooLong(overflow.field, overflow.chars, limits.maxFieldChars),
        comments: itemComments.length,
      });
      return;
    }
    scope ??= scopeOf(
      channel.get('wp:base_blog_url') || channel.get('link') || channel.get('wp:base_site_url')
    );
    const kept: SourceComment[] = [];
    const skippedComments: Array<{ kind: string; sourceId: string }> = [];
    const refusedComments: Array<{ sourceId: string; reason: string }> = [];
    for (const { fields: c, overflow: tooBig } of itemComments) {
      const kind = c['wp:comment_type']?.trim() || 'comment';
      const sourceId = c['wp:comment_id']?.trim() ?? '';
      if (kind !== 'comment') {
        skippedComments.push({ kind, sourceId });
        continue;
      }
      if (tooBig) {
        refusedComments.push({
          sourceId,
          reason: tooLong(tooBig.field, tooBig.chars, limits.maxFieldChars),
        });
        continue;
      }
      const parent = c['wp:comment_parent']?.trim();
      kept.push({
        sourceId,
        parentSourceId: parent && parent !== '0' ? parent : null,
        authorName: c['wp:comment_author']?.trim() || 'Anonymous',
        authorEmail: orNull(c['wp:comment_author_email']),
        authorUrl: orNull(c['wp:comment_author_url']),
        date: wpDate(c['wp:comment_date_gmt'], c['wp:comment_date']),
        html: c['wp:comment_content'] ?? '',
        status: COMMENT_STATUS[c['wp:comment_approved']?.trim() ?? ''] ?? 'pending',
      });
    }
    const creator = fields['dc:creator']?.trim() ?? '';
    ready.push({
      kind: 'post',
      post: {
        sourceId,
        scope,
        title: title || '(untitled)',
        slug: orNull(fields['wp:post_name']),
        date: wpDate(fields['wp:post_date_gmt'], fields['wp:post_date']),
        authorName: authors.get(creator) ?? orNull(creator),
        status: status === 'publish' ? 'published' : 'draft',
        excerpt: orNull(fields['excerpt:encoded']),
        html: fields['content:encoded'] ?? '',
        comments: kept,
        skippedComments,
        refusedComments,
      },
    });
  };

  const parser = new Parser(
    {
      onopentag(name) {
        openElements += 1;
        // htmlparser2's element stack costs its depth on each tag: a real export is shallow.
        if (openElements > MAX_XML_DEPTH) throw new ImportFormatError(tooDeep());
        text = '';
        textChars = 0;
        if (name === 'rss') sawRss = true;
        else if (name === 'wp:author') author = {};
        else if (name === 'item') {
          item = {};
          itemOverflow = null;
          comments = [];
        } else if (name === 'wp:comment' && item) {
          comment = {};
          commentOverflow = null;
        }
      },
      ontext(data) {
        textChars += data.length;
        if (textChars <= limits.maxFieldChars) text += data;
      },
      onclosetag(name, isImplied) {
        openElements -= 1;
        if (name === 'wp:wxr_version') sawWxr = true;
        if (name === 'rss' && !isImplied) closedRss = true;
        if (textChars > limits.maxFieldChars) {
          const overflow = { field: FIELD_NAMES[name] ?? name, chars: textChars };
          if (comment) commentOverflow ??= overflow;
          else if (item) itemOverflow ??= overflow;
        }
        if (name === 'wp:comment' && comment) {
          comments.push({ fields: comment, overflow: commentOverflow });
          comment = null;
        } else if (name === 'item' && item) {
          finishItem(item, comments, itemOverflow);
          item = null;
        } else if (openElements === 2 && !author && !item) {
          // A field of the channel: its link and site URLs name the posts' scope.
          if (!channel.has(name)) channel.set(name, text.trim());
        } else if (name === 'wp:author' && author) {
          if (author['wp:author_login']) {
            authors.set(
              author['wp:author_login'].trim(),
              author['wp:author_display_name']?.trim() || author['wp:author_login'].trim()
            );
          }
          author = null;
        } else if (comment) comment[name] = text;
        else if (item && !(name in item)) item[name] = text;
        else if (author) author[name] = text;
        text = '';
        textChars = 0;
      },
    },
    { xmlMode: true, decodeEntities: true }
  );

  for await (const chunk of decodeUtf8(input)) {
    parser.write(chunk);
    if (!sawRss && openElements > 0) {
      throw new ImportFormatError('Not a WordPress export: the file is not an RSS document');
    }
    while (ready.length) yield ready.shift()!;
  }
  parser.end();
  while (ready.length) yield ready.shift()!;
  if (!sawRss || !sawWxr) {
    throw new ImportFormatError(
      'Not a WordPress export: no <wp:wxr_version> (export it from Tools → Export in WordPress)'
    );
  }
  if (!closedRss) {
    throw new ImportFormatError('The WordPress export ends early: the file is cut short');
  }
}
