/**
 * The public post routes: `GET /api/blog/posts` and `GET /api/blog/posts/:slug`.
 */
import type { ListResponse, SingleResponse } from './common';
import type { Media } from './media';
import type { AuthorRef, CategoryRef, TagRef } from './taxonomy';

/** Strapi 5 "blocks" rich text, as the Content Manager stores it. */
export type BlocksContent = Array<Record<string, unknown>>;

export interface Lesson {
  /** 1-based number of the lesson in its post's list. */
  position: number;
  text: string;
}

/** What search engines and link previews show for a post. */
export interface Seo {
  /** At most 60 characters. */
  metaTitle: string | null;
  /** At most 160 characters. */
  metaDescription: string | null;
  canonicalUrl: string | null;
  ogImage: Media | null;
  /** When true, the post is left out of the sitemap and a site should answer `noindex`. */
  noIndex: boolean;
}

/** Another language of the same post, for `hreflang` links. */
export interface PostLocalization {
  locale: string;
  slug: string;
}

export interface Post {
  documentId: string;
  /** The language of this version of the post (Strapi's i18n locale code). */
  locale: string;
  /** The post's other published languages. */
  localizations: PostLocalization[];
  title: string;
  slug: string;
  excerpt: string | null;
  body: BlocksContent | null;
  /** The day the post was first written, `YYYY-MM-DD`. */
  originalDate: string | null;
  /** The byline as written (imported posts, posts without an author). */
  authorName: string | null;
  author: AuthorRef | null;
  cover: Media | null;
  categories: CategoryRef[];
  tags: TagRef[];
  seo: Seo;
  /** Words of the body and the lessons. */
  wordCount: number;
  /** Minutes to read at 230 words a minute, at least 1. */
  readingMinutes: number;
  lessonsHeading: string | null;
  lessons: Lesson[];
  commentsEnabled: boolean;
  /** Approved comments only. */
  commentCount: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string;
}

/** Fields a public request may filter and sort posts on. */
export const POST_PUBLIC_FILTER_FIELDS = [
  'documentId',
  'title',
  'slug',
  'excerpt',
  'originalDate',
  'authorName',
  'lessonsHeading',
  'commentsEnabled',
  'createdAt',
  'updatedAt',
  'publishedAt',
] as const;

export const POST_PUBLIC_SORT_FIELDS = [
  'title',
  'slug',
  'originalDate',
  'authorName',
  'createdAt',
  'updatedAt',
  'publishedAt',
] as const;

export type PostSortField = (typeof POST_PUBLIC_SORT_FIELDS)[number];

export namespace FindPosts {
  export interface Query {
    /** The language to list (default: the app's default locale). */
    locale?: string;
    /** Also `categories`, `tags` and `author` by `slug` or `name`: `filters[tags][slug][$eq]=…`. */
    filters?: Record<string, unknown>;
    sort?: string | string[];
    pagination?: { page?: number; pageSize?: number; start?: number; limit?: number };
  }
  export type Response = ListResponse<Post>;
}

export namespace FindPost {
  export interface Params {
    slug: string;
  }
  export interface Query {
    locale?: string;
  }
  export type Response = SingleResponse<Post>;
}
