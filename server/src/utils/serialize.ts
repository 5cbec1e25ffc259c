import { toIsoDate } from '../../../contracts/dates';
import type { BlocksContent, Post, PostLocalization, Seo } from '../../../contracts/posts';
import type { AuthorRef, CategoryRef, TagRef } from '../../../contracts/taxonomy';

import { readingTime } from './reading-time';
import { toPublicMedia, type MediaRow } from './serialize-media';
import type { ReadingTime } from './serialize-reading-time';

/** An author, category or tag row as a post's read populates it. */
export interface AuthorRow {
  documentId: string;
  name: string;
  slug: string;
  url?: string | null;
  avatar?: MediaRow | null;
}
export interface CategoryRow {
  documentId: string;
  name: string;
  slug: string;
  locale?: string | null;
  parent?: { documentId: string; name: string; slug: string } | null;
}
export interface TagRow {
  documentId: string;
  name: string;
  slug: string;
  locale?: string | null;
}
export interface SeoRow {
  metaTitle?: string | null;
  metaDescription?: string | null;
  canonicalUrl?: string | null;
  ogImage?: MediaRow | null;
  noIndex?: boolean | null;
}

/** The row a post read returns, before it is shaped for the public. */
export interface PostRow {
  documentId: string;
  locale?: string | null;
  title: string;
  slug: string;
  excerpt?: string | null;
  body?: BlocksContent | null;
  originalDate?: string | null;
  authorName?: string | null;
  author?: AuthorRow | null;
  cover?: MediaRow | null;
  categories?: CategoryRow[] | null;
  tags?: TagRow[] | null;
  seo?: SeoRow | null;
  lessonsHeading?: string | null;
  lessons?: Array<{ text: string }> | null;
  commentsEnabled?: boolean | null;
  createdAt: string | Date;
  updatedAt: string | Date;
  publishedAt: string | Date;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export const toAuthorRef = (row: AuthorRow | null | undefined): AuthorRef | null =>
  row
    ? {
        documentId: row.documentId,
        name: row.name,
        slug: row.slug,
        url: row.url ?? null,
        avatar: toPublicMedia(row.avatar),
      }
    : null;

export const toCategoryRef = (row: CategoryRow, locale: string): CategoryRef => ({
  documentId: row.documentId,
  name: row.name,
  slug: row.slug,
  locale: row.locale ?? locale,
  parent: row.parent
    ? { documentId: row.parent.documentId, name: row.parent.name, slug: row.parent.slug }
    : null,
});

export const toTagRef = (row: TagRow, locale: string): TagRef => ({
  documentId: row.documentId,
  name: row.name,
  slug: row.slug,
  locale: row.locale ?? locale,
});

const toSeo = (row: SeoRow | null | undefined): Seo => ({
  metaTitle: row?.metaTitle ?? null,
  metaDescription: row?.metaDescription ?? null,
  canonicalUrl: row?.canonicalUrl ?? null,
  ogImage: toPublicMedia(row?.ogImage),
  noIndex: row?.noIndex === true,
});

/**
 * Builds a public post field by field: nothing reaches the answer unless it is named here
 * (`reading`: the row's reading time when the caller kept it, counted here otherwise).
 */
export const toPublicPost = (
  row: PostRow,
  commentCount: number,
  localizations: PostLocalization[] = [],
  fallbackLocale = '',
  reading?: ReadingTime
): Post => {
  const locale = row.locale ?? fallbackLocale;
  const lessons = row.lessons ?? [];
  return {
    documentId: row.documentId,
    locale,
    localizations,
    title: row.title,
    slug: row.slug,
    excerpt: row.excerpt ?? null,
    body: row.body ?? null,
    originalDate: row.originalDate ?? null,
    authorName: row.authorName ?? null,
    author: toAuthorRef(row.author),
    cover: toPublicMedia(row.cover),
    categories: (row.categories ?? [])
      .map((category) => toCategoryRef(category, locale))
      .sort(byName),
    tags: (row.tags ?? []).map((tag) => toTagRef(tag, locale)).sort(byName),
    seo: toSeo(row.seo),
    ...(reading ?? readingTime(row.body, lessons)),
    lessonsHeading: row.lessonsHeading ?? null,
    lessons: lessons.map((lesson, index) => ({ position: index + 1, text: lesson.text })),
    commentsEnabled: row.commentsEnabled !== false,
    commentCount,
    createdAt: toIsoDate(row.createdAt),
    updatedAt: toIsoDate(row.updatedAt),
    publishedAt: toIsoDate(row.publishedAt),
  };
};
