import { htmlText } from './html-to-blocks';
import {
  ImportFormatError,
  scopeOf,
  tooLong,
  type ReaderLimits,
  type SourceCategory,
  type SourceComment,
  type SourceCommentStatus,
  type SourceRecord,
  type SourceTerm,
} from './source';
import { streamXml } from './xml-stream';

/**
 * WordPress's export (WXR, an RSS file with `wp:` elements), read as a stream: each `<item>` is
 * handed out as soon as it closes, so memory holds one post and its comments at a time, each
 * field at most `limits.maxFieldChars` long (a longer post is refused, a longer comment skipped).
 * The posts' scope is the site's URL (`wp:base_blog_url`, else the channel's `link`, else
 * `wp:base_site_url`), which the export writes before its items.
 *
 * The channel's authors and tags are handed out as they close; its categories once the first
 * item opens (WordPress writes them all before the items), each with its top-level ancestor: the
 * model keeps one level, so a grandchild goes under its top-level ancestor. An item's categories
 * and tags are its `<category domain="category|post_tag" nicename="…">` elements. Attachments are
 * handed out with their file's URL, so a post's featured image (`_thumbnail_id`) can be found.
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

/** Longest term or author name read (the models keep at most 245 characters). */
const MAX_NAME_CHARS = 400;

/** A term's or author's name: WordPress writes `&amp;` even inside CDATA. */
const nameText = (value: string | undefined): string => {
  const raw = (value ?? '').trim().slice(0, MAX_NAME_CHARS);
  try {
    return htmlText(raw);
  } catch {
    return raw;
  }
};

/** Channel elements read as one record each. */
const CHANNEL_RECORDS = new Set(['wp:author', 'wp:category', 'wp:tag']);

/** Links followed up a category's parents at most: a deeper chain, or a cycle, stops here. */
const MAX_CATEGORY_DEPTH = 32;

/** The declared categories, each under its top-level ancestor (parents before children). */
const flattenCategories = (declared: Map<string, SourceCategory>): SourceCategory[] => {
  const topOf = (slug: string): string | null => {
    const first = declared.get(slug)?.parentSlug ?? null;
    if (first === null || first === slug) return null;
    let current: string = first;
    for (let step = 0; step < MAX_CATEGORY_DEPTH; step += 1) {
      const parent: string | null = declared.get(current)?.parentSlug ?? null;
      if (parent === null || parent === slug) return current;
      current = parent;
    }
    return current;
  };
  const tops = new Map([...declared.keys()].map((slug) => [slug, topOf(slug)]));
  // A parent the file does not declare, or a cycle (its "top" has a parent): top-level instead.
  const parentOf = (slug: string) => {
    const top = tops.get(slug) ?? null;
    return top !== null && tops.has(top) && tops.get(top) === null ? top : null;
  };
  const flat = [...declared.values()].map((c) => ({ ...c, parentSlug: parentOf(c.slug) }));
  return [...flat.filter((c) => !c.parentSlug), ...flat.filter((c) => c.parentSlug)];
};

/** Reads a WXR file's records; throws ImportFormatError when it is not one. */
export async function* readWxr(
  input: AsyncIterable<Buffer | string>,
  limits: ReaderLimits = { maxFieldChars: Number.MAX_SAFE_INTEGER }
): AsyncGenerator<SourceRecord> {
  const ready: SourceRecord[] = [];
  const authors = new Map<string, string>();
  const channel = new Map<string, string>();
  const categories = new Map<string, SourceCategory>();
  let categoriesSent = false;
  /** The channel record being read (an author, a category, a tag). */
  let declared: { name: string; fields: Record<string, string> } | null = null;
  /** The item's `<category>` being read, and its terms. */
  let itemTerm: { domain: string; slug: string } | null = null;
  let itemTerms: { categories: SourceTerm[]; tags: SourceTerm[] } = { categories: [], tags: [] };
  let metaKey = '';
  let thumbnailId: string | null = null;
  let sawRss = false;
  let sawWxr = false;
  let closedRss = false;
  let item: Record<string, string> | null = null;
  const scopeNow = () =>
    (scope ??= scopeOf(
      channel.get('wp:base_blog_url') || channel.get('link') || channel.get('wp:base_site_url')
    ));
  const sendCategories = () => {
    if (categoriesSent) return;
    categoriesSent = true;
    for (const category of flattenCategories(categories)) {
      ready.push({ kind: 'category', scope: scopeNow(), category });
    }
    categories.clear();
  };
  const closeDeclared = ({ name, fields }: { name: string; fields: Record<string, string> }) => {
    if (name === 'wp:author') {
      const login = fields['wp:author_login']?.trim();
      if (!login) return;
      const displayName = nameText(fields['wp:author_display_name']) || login;
      authors.set(login, displayName);
      // The author's email stays out: it is private to the source blog.
      ready.push({
        kind: 'author',
        scope: scopeNow(),
        author: { key: login, name: displayName, url: null },
      });
    } else if (name === 'wp:category') {
      const slug = fields['wp:category_nicename']?.trim();
      if (!slug) return;
      categories.set(slug, {
        slug,
        name: nameText(fields['wp:cat_name']) || slug,
        description: orNull(fields['wp:category_description']),
        parentSlug: orNull(fields['wp:category_parent']),
      });
    } else {
      const slug = fields['wp:tag_slug']?.trim();
      if (!slug) return;
      ready.push({
        kind: 'tag',
        scope: scopeNow(),
        tag: { slug, name: nameText(fields['wp:tag_name']) || slug },
      });
    }
  };
  let itemOverflow: Overflow = null;
  let comments: Array<{ fields: Record<string, string>; overflow: Overflow }> = [];
  let comment: Record<string, string> | null = null;
  let commentOverflow: Overflow = null;
  let scope: string | null | undefined;

  const finishItem = (
    fields: Record<string, string>,
    itemComments: Array<{ fields: Record<string, string>; overflow: Overflow }>,
    overflow: Overflow,
    terms: { categories: SourceTerm[]; tags: SourceTerm[] },
    thumbnail: string | null
  ) => {
    const type = fields['wp:post_type'] ?? 'post';
    const title = fields.title?.trim() ?? '';
    if (type === 'attachment') {
      ready.push({
        kind: 'attachment',
        sourceId: fields['wp:post_id']?.trim() ?? '',
        title,
        url: orNull(fields['wp:attachment_url']),
      });
      return;
    }
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
    scopeNow();
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
    const password = orNull(fields['wp:post_password']);
    const date = wpDate(fields['wp:post_date_gmt'], fields['wp:post_date']);
    ready.push({
      kind: 'post',
      post: {
        sourceId,
        scope: scope ?? null,
        title: title || '(untitled)',
        slug: orNull(fields['wp:post_name']),
        date,
        authorName: authors.get(creator) ?? orNull(creator),
        authorKey: orNull(creator),
        status: status === 'publish' && !password ? 'published' : 'draft',
        // A password-protected post stays held back, scheduled or not.
        scheduledAt: status === 'future' && !password ? date : null,
        heldBack: password
          ? 'password-protected in WordPress: its content was meant to be private'
          : null,
        commentsClosed: fields['wp:comment_status']?.trim() === 'closed',
        categories: terms.categories,
        tags: terms.tags,
        thumbnailId: thumbnail,
        excerpt: orNull(fields['excerpt:encoded']),
        html: fields['content:encoded'] ?? '',
        comments: kept,
        skippedComments,
        refusedComments,
      },
    });
  };

  yield* streamXml(
    input,
    limits,
    {
      open(name, attributes, openElements) {
        if (name === 'rss') sawRss = true;
        else if (CHANNEL_RECORDS.has(name) && openElements === 3 && !item) {
          declared = { name, fields: {} };
        } else if (name === 'item') {
          sendCategories();
          item = {};
          itemOverflow = null;
          comments = [];
          itemTerms = { categories: [], tags: [] };
          thumbnailId = null;
          metaKey = '';
        } else if (name === 'category' && item && !comment) {
          const domain = attributes.domain ?? '';
          itemTerm = { domain, slug: (attributes.nicename ?? '').trim() };
        } else if (name === 'wp:comment' && item) {
          comment = {};
          commentOverflow = null;
        }
      },
      close(name, text, chars, openElements, isImplied) {
        if (name === 'wp:wxr_version') sawWxr = true;
        if (name === 'rss' && !isImplied) closedRss = true;
        if (chars > limits.maxFieldChars) {
          const overflow = { field: FIELD_NAMES[name] ?? name, chars };
          if (comment) commentOverflow ??= overflow;
          else if (item) itemOverflow ??= overflow;
        }
        if (name === 'wp:comment' && comment) {
          comments.push({ fields: comment, overflow: commentOverflow });
          comment = null;
        } else if (name === 'item' && item) {
          finishItem(item, comments, itemOverflow, itemTerms, thumbnailId);
          item = null;
        } else if (name === 'category' && itemTerm) {
          const termName = nameText(text);
          const slug = itemTerm.slug || termName;
          const list =
            itemTerm.domain === 'category'
              ? itemTerms.categories
              : itemTerm.domain === 'post_tag'
                ? itemTerms.tags
                : null;
          if (list && slug && !list.some((t) => t.slug === slug)) {
            list.push({ slug, name: termName || slug });
          }
          itemTerm = null;
        } else if (declared && name === declared.name && openElements === 2) {
          closeDeclared(declared);
          declared = null;
        } else if (declared) {
          declared.fields[name] ??= text;
        } else if (name === 'channel') {
          sendCategories();
        } else if (openElements === 2 && !item) {
          // A field of the channel: its link and site URLs name the posts' scope.
          if (!channel.has(name)) channel.set(name, text.trim());
        } else if (comment) comment[name] = text;
        else if (item && name === 'wp:meta_key') metaKey = text.trim();
        else if (item && name === 'wp:meta_value') {
          if (metaKey === '_thumbnail_id') thumbnailId = orNull(text);
        } else if (item && !(name in item)) item[name] = text;
      },
      chunkRead(openElements) {
        if (!sawRss && openElements > 0) {
          throw new ImportFormatError('Not a WordPress export: the file is not an RSS document');
        }
      },
    },
    ready
  );
  if (!sawRss || !sawWxr) {
    throw new ImportFormatError(
      'Not a WordPress export: no <wp:wxr_version> (export it from Tools → Export in WordPress)'
    );
  }
  if (!closedRss) {
    throw new ImportFormatError('The WordPress export ends early: the file is cut short');
  }
}
