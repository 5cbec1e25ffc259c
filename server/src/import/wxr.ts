import { Parser } from 'htmlparser2';

import {
  ImportFormatError,
  type SourceComment,
  type SourceCommentStatus,
  type SourceRecord,
} from './source';

/**
 * WordPress's export (WXR, an RSS file with `wp:` elements), read as a stream: each `<item>` is
 * handed out as soon as it closes, so memory holds one post and its comments at a time.
 */

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
  input: AsyncIterable<Buffer | string>
): AsyncGenerator<SourceRecord> {
  const ready: SourceRecord[] = [];
  const authors = new Map<string, string>();
  let sawRss = false;
  let sawWxr = false;
  let closedRss = false;
  let openElements = 0;
  let text = '';
  let author: Record<string, string> | null = null;
  let item: Record<string, string> | null = null;
  let comments: Array<Record<string, string>> = [];
  let comment: Record<string, string> | null = null;

  const finishItem = (
    fields: Record<string, string>,
    itemComments: Array<Record<string, string>>
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
    const kept: SourceComment[] = [];
    const skippedComments: Array<{ kind: string; sourceId: string }> = [];
    for (const c of itemComments) {
      const kind = c['wp:comment_type']?.trim() || 'comment';
      const sourceId = c['wp:comment_id']?.trim() ?? '';
      if (kind !== 'comment') {
        skippedComments.push({ kind, sourceId });
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
        sourceId: fields['wp:post_id']?.trim() ?? '',
        title: title || '(untitled)',
        slug: orNull(fields['wp:post_name']),
        date: wpDate(fields['wp:post_date_gmt'], fields['wp:post_date']),
        authorName: authors.get(creator) ?? orNull(creator),
        status: status === 'publish' ? 'published' : 'draft',
        excerpt: orNull(fields['excerpt:encoded']),
        html: fields['content:encoded'] ?? '',
        comments: kept,
        skippedComments,
      },
    });
  };

  const parser = new Parser(
    {
      onopentag(name) {
        openElements += 1;
        text = '';
        if (name === 'rss') sawRss = true;
        else if (name === 'wp:author') author = {};
        else if (name === 'item') {
          item = {};
          comments = [];
        } else if (name === 'wp:comment' && item) comment = {};
      },
      ontext(data) {
        text += data;
      },
      onclosetag(name, isImplied) {
        openElements -= 1;
        if (name === 'wp:wxr_version') sawWxr = true;
        if (name === 'rss' && !isImplied) closedRss = true;
        if (name === 'wp:comment' && comment) {
          comments.push(comment);
          comment = null;
        } else if (name === 'item' && item) {
          finishItem(item, comments);
          item = null;
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
      },
    },
    { xmlMode: true, decodeEntities: true }
  );

  for await (const chunk of input) {
    parser.write(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
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
