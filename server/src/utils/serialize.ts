import type { Post } from '../../../contracts/posts';

/** The row a post read returns, before it is shaped for the public. */
export interface PostRow {
  documentId: string;
  title: string;
  slug: string;
  excerpt?: string | null;
  body?: Post['body'];
  originalDate?: string | null;
  authorName?: string | null;
  lessonsHeading?: string | null;
  lessons?: Array<{ text: string }> | null;
  commentsEnabled?: boolean | null;
  createdAt: string | Date;
  updatedAt: string | Date;
  publishedAt: string | Date;
}

const iso = (value: string | Date) => (value instanceof Date ? value.toISOString() : value);

/** Builds a public post field by field: nothing reaches the answer unless it is named here. */
export const toPublicPost = (row: PostRow, commentCount: number): Post => ({
  documentId: row.documentId,
  title: row.title,
  slug: row.slug,
  excerpt: row.excerpt ?? null,
  body: row.body ?? null,
  originalDate: row.originalDate ?? null,
  authorName: row.authorName ?? null,
  lessonsHeading: row.lessonsHeading ?? null,
  lessons: (row.lessons ?? []).map((lesson, index) => ({ position: index + 1, text: lesson.text })),
  commentsEnabled: row.commentsEnabled !== false,
  commentCount,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
  publishedAt: iso(row.publishedAt),
});
