/**
 * The public comment routes: `GET /api/blog/posts/:slug/comments`.
 */
import type { ListResponse } from './common';

export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'rejected'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** An approved comment as a public route shows it: public fields only. */
export interface PublicComment {
  documentId: string;
  authorName: string;
  authorUrl: string | null;
  content: string;
  submittedAt: string | null;
  /** `documentId` of the comment this one replies to; `null` for a root comment. */
  parent: string | null;
}

/** A comment with its approved replies, to any depth. */
export interface CommentThread extends PublicComment {
  replies: CommentThread[];
}

export const COMMENT_PUBLIC_SORT_FIELDS = ['submittedAt'] as const;

export namespace FindComments {
  export interface Params {
    slug: string;
  }
  export interface Query {
    sort?: string | string[];
    pagination?: { page?: number; pageSize?: number; start?: number; limit?: number };
  }
  /** `meta.pagination` counts root comments. */
  export type Response = ListResponse<CommentThread>;
}
