/**
 * The public post routes: `GET /api/blog/posts` and `GET /api/blog/posts/:slug`.
 */
import type { ListResponse, SingleResponse } from './common';

/** Strapi 5 "blocks" rich text, as the Content Manager stores it. */
export type BlocksContent = Array<Record<string, unknown>>;

export interface Lesson {
  /** 1-based number of the lesson in its post's list. */
  position: number;
  text: string;
}

export interface Post {
  documentId: string;
  title: string;
  slug: string;
  excerpt: string | null;
  body: BlocksContent | null;
  /** The day the post was first written, `YYYY-MM-DD`. */
  originalDate: string | null;
  authorName: string | null;
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
  export type Response = SingleResponse<Post>;
}
