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
  /** When its author last changed the text (the edit window); `null` when never. */
  editedAt: string | null;
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
    data: {
      documentId: string;
      status: 'approved' | 'pending';
      /**
       * Lets the author change the text (`PATCH /api/blog/comments/:documentId`) until
       * `editableUntil`; absent when the `editWindowMinutes` setting is 0. Keep it private to
       * the author's browser: it is the only proof of authorship.
       */
      editToken?: string;
      editableUntil?: string;
    };
  }
}

/** The header an edit token may come in instead of the body's `token`. */
export const EDIT_TOKEN_HEADER = 'x-blog-edit-token';

/**
 * `PATCH /api/blog/comments/:documentId`: the author changes a comment's text with the edit
 * token of its submission, within `editWindowMinutes` of submitting and while it has no reply.
 * The new text is judged by the same rules (it may be held again). Errors: 401 (no token, a
 * forged one), 403 (another comment's token, the window closed), 409 (it has a reply), 429.
 */
export namespace EditComment {
  export interface Params {
    documentId: string;
  }
  export interface Body {
    data: { content: string };
    /** Or the `X-Blog-Edit-Token` header. */
    token?: string;
  }
  export interface Response {
    data: { documentId: string; status: 'approved' | 'pending'; editedAt: string };
  }
}

/** Why a reader reports a comment. */
export const REPORT_REASONS = ['spam', 'abuse', 'off-topic', 'personal-info', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** The longest note a report may carry, in characters. */
export const REPORT_NOTE_MAX_LENGTH = 500;

/**
 * `POST /api/blog/comments/:documentId/reports`: a reader flags an approved comment. One report
 * per client and comment (409 for a second); `reportsToHold` reports put it back in the queue.
 */
export namespace ReportComment {
  export interface Params {
    documentId: string;
  }
  export interface Body {
    data: { reason: ReportReason; note?: string | null };
  }
  export interface Response {
    data: { documentId: string; reported: true };
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
