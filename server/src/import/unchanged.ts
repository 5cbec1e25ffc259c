/**
 * Whether a post or comment already imported (same import key) holds what a new run would
 * write: then the run counts it as unchanged and leaves it alone (no write, no new updatedAt, no
 * history). Only the fields the importer writes are compared; values are brought to one form
 * first, as databases answer dates, booleans and JSON in their own ways.
 */

/** A post's fields as the importer writes them (importer.ts `preparePost`, plus its slug). */
export interface IncomingPost {
  title: unknown;
  slug: unknown;
  excerpt: unknown;
  body: unknown;
  originalDate: unknown;
  authorName: unknown;
  lessonsHeading: unknown;
  lessons: Array<{ text: string }>;
  commentsEnabled: unknown;
  cover: number | null;
  categories: string[];
  tags: string[];
  author: string | null;
}

/** A stored row of a post (its draft, or its published version) with what it links to. */
export interface StoredPost {
  publishedAt: unknown;
  title?: unknown;
  slug?: unknown;
  excerpt?: unknown;
  body?: unknown;
  originalDate?: unknown;
  authorName?: unknown;
  lessonsHeading?: unknown;
  commentsEnabled?: unknown;
  lessons?: Array<{ text?: unknown }> | null;
  cover?: { id: number } | null;
  categories?: Array<{ documentId: string }> | null;
  tags?: Array<{ documentId: string }> | null;
  author?: { documentId: string } | null;
}

/** The fields of a comment the importer writes (comment-writer.ts). */
export interface IncomingComment {
  /** Differs from the stored one when a 0.1.0 comment is adopted (its key gets a scope). */
  importKey: string;
  post: string;
  parent: string | null;
  authorName: unknown;
  authorEmail: unknown;
  authorUrl: unknown;
  content: unknown;
  status: unknown;
  submittedAt: unknown;
}

/** A stored comment: its relations as the documentId columns the plugin keeps. */
export interface StoredComment {
  importKey?: unknown;
  postDocumentId?: unknown;
  parentDocumentId?: unknown;
  authorName?: unknown;
  authorEmail?: unknown;
  authorUrl?: unknown;
  content?: unknown;
  status?: unknown;
  submittedAt?: unknown;
}

/** JSON with object keys sorted and `undefined` dropped: equal values give equal text. */
export const canonical = (value: unknown): string => {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

/** Some drivers answer JSON columns as text. */
const parsed = (value: unknown) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

const orNull = (value: unknown) => (value === undefined || value === '' ? null : value);

/** A date-only value as `YYYY-MM-DD`, whether the driver answers a string or a Date. */
const day = (value: unknown) => {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
};

/** A moment as milliseconds, whether the driver answers text, a number or a Date. */
const instant = (value: unknown) => {
  if (value === null || value === undefined || value === '') return null;
  const time = new Date(value as string).getTime();
  return Number.isNaN(time) ? String(value) : time;
};

const sortedIds = (ids: Array<string | null | undefined>) =>
  ids.filter((id): id is string => !!id).sort();

const postView = (post: IncomingPost) =>
  canonical({
    title: orNull(post.title),
    slug: orNull(post.slug),
    excerpt: orNull(post.excerpt),
    body: parsed(post.body) ?? [],
    originalDate: day(post.originalDate),
    authorName: orNull(post.authorName),
    lessonsHeading: orNull(post.lessonsHeading),
    lessons: post.lessons.map((lesson) => String(lesson.text)),
    commentsEnabled: Boolean(post.commentsEnabled),
    cover: post.cover ?? null,
    categories: sortedIds(post.categories),
    tags: sortedIds(post.tags),
    author: post.author ?? null,
  });

const storedView = (row: StoredPost) =>
  postView({
    title: row.title,
    slug: row.slug,
    excerpt: row.excerpt,
    body: row.body,
    originalDate: row.originalDate,
    authorName: row.authorName,
    lessonsHeading: row.lessonsHeading,
    lessons: (row.lessons ?? []).map((lesson) => ({ text: String(lesson.text ?? '') })),
    commentsEnabled: row.commentsEnabled,
    cover: row.cover?.id ?? null,
    categories: (row.categories ?? []).map((term) => term.documentId),
    tags: (row.tags ?? []).map((term) => term.documentId),
    author: row.author?.documentId ?? null,
  });

/**
 * True when the stored post is what the import would leave: its draft holds the incoming
 * fields, and it is published with the same fields when the source publishes it, or not
 * published at all when the source keeps it a draft.
 */
export const samePost = (
  rows: StoredPost[],
  incoming: IncomingPost,
  published: boolean
): boolean => {
  const draft = rows.find((row) => !row.publishedAt);
  const live = rows.find((row) => !!row.publishedAt);
  if (!draft || (published ? !live : !!live)) return false;
  const expected = postView(incoming);
  return storedView(draft) === expected && (!live || storedView(live) === expected);
};

/** True when the stored comment holds every field the import would write. */
export const sameComment = (stored: StoredComment, incoming: IncomingComment): boolean =>
  stored.importKey === incoming.importKey &&
  orNull(stored.postDocumentId) === incoming.post &&
  (orNull(stored.parentDocumentId) ?? null) === incoming.parent &&
  orNull(stored.authorName) === orNull(incoming.authorName) &&
  orNull(stored.authorEmail) === orNull(incoming.authorEmail) &&
  orNull(stored.authorUrl) === orNull(incoming.authorUrl) &&
  orNull(stored.content) === orNull(incoming.content) &&
  orNull(stored.status) === orNull(incoming.status) &&
  instant(stored.submittedAt) === instant(incoming.submittedAt);

/** A stored category, tag or author: its fields, and its parent for a category. */
export type StoredTerm = Record<string, unknown> & { parent?: { documentId: string } | null };

/**
 * True when a category, tag or author already holds the fields an import would write (only
 * those it writes: an author's URL the file does not give is not compared).
 */
export const sameTerm = (stored: StoredTerm, fields: Record<string, unknown>): boolean =>
  Object.entries(fields).every(([key, value]) =>
    key === 'parent'
      ? (stored.parent?.documentId ?? null) === (value ?? null)
      : orNull(stored[key]) === orNull(value)
  );
