/**
 * The public comment routes: `GET /api/blog/posts/:slug/comments`.
 */
import type { ListResponse } from './common';

/**
 * The statuses a comment is stored with. `trash`: deleted from the Moderation view, never public,
 * restorable until it is purged (the `trashDays` setting); a new comment is never created in it.
 */
export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'rejected', 'trash'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** The statuses an editor sets directly; `trash` is reached by a delete and left by a restore. */
export const SETTABLE_STATUSES = ['pending', 'approved', 'spam', 'rejected'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

/** An approved comment as a public route shows it: public fields only. */
export interface PublicComment {
  documentId: string;
  authorName: string;
  authorUrl: string | null;
  content: string;
  submittedAt: string | null;
  /** `documentId` of the comment this one replies to; `null` for a root comment. */
  parent: string | null;
  /**
   * True for a moderator's reply from the Moderation view: `authorName` is the name they chose
   * in Settings (a site shows a staff badge beside it); their email is never public.
   */
  staff: boolean;
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

/**
 * What a reader may ask to be told by mail, on submission (`data.notify`), each for the post:
 * `replies` to their comments, `newComments` on the post, their comment being `published` once
 * a moderator approves it. Nothing is sent before the address is confirmed from a mail.
 */
export interface NotifyRequest {
  replies?: boolean;
  newComments?: boolean;
  published?: boolean;
}

export const NOTIFY_KINDS = ['replies', 'newComments', 'published'] as const;

export namespace SubmitComment {
  export interface Params {
    slug: string;
  }
  /**
   * The body. `formToken` is the token of `GET …/comment-form`; the honeypot field (named by
   * the `honeypotField` setting) is sent empty, at the top level beside `data`.
   */
  export interface Body {
    data: {
      authorName: string;
      authorEmail: string;
      authorUrl?: string | null;
      content: string;
      /** `documentId` of an approved comment of the same post. */
      parent?: string | null;
      /** Mail the author asks for (double opt-in: a confirmation mail comes first). */
      notify?: NotifyRequest;
    };
    formToken?: string;
    [honeypotField: string]: unknown;
  }
  export interface Response {
    /** `approved`: shown now; `pending`: awaiting moderation (spam also answers pending). */
    data: { documentId: string; status: 'approved' | 'pending' };
  }
}

export namespace CommentForm {
  export interface Response {
    data: {
      formToken: string;
      honeypotField: string;
      minSubmitSeconds: number;
      expiresAt: string;
    };
  }
}
