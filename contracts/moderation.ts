/**
 * The admin moderation routes under `/blog` (admin API): the queue, status changes, the log and
 * the settings. Every route needs an admin with the matching RBAC action.
 */
import type { CommentStatus, ReportReason, SettableStatus } from './comments';
import type { PagePagination } from './common';

/** The moderation rules' settings: `GET`/`PUT /blog/settings`, defaults from `config/plugins`. */
export interface ModerationSettings {
  /** Comments close this many days after a post's date; 0 = never. */
  closeAfterDays: number;
  /** Deepest reply level: a root comment is level 1. */
  maxDepth: number;
  /** Most characters a comment's content may have, after trimming. */
  maxLength: number;
  /** Seconds between two comments from the same IP or the same email; 0 = off. */
  floodIntervalSeconds: number;
  /** Name of the hidden form field a site must send empty. */
  honeypotField: string;
  /** Fewest seconds between serving the form (its token) and submitting; 0 = off. */
  minSubmitSeconds: number;
  /** Whole words or phrases that mark a comment as spam. */
  disallowedWords: string[];
  /** A comment with this many links or more is held; 0 = off. */
  maxLinks: number;
  /** Whole words or phrases that hold a comment for moderation. */
  moderationWords: string[];
  /** `first-time`: hold unless an approved comment has the same name and email. */
  requireApproval: 'first-time' | 'always' | 'never';
  /** Days a deleted comment stays in the trash, restorable, before it is purged for good. */
  trashDays: number;
  /** Minutes after submitting during which the author may change the text; 0 = never. */
  editWindowMinutes: number;
  /** Reports from this many readers put an approved comment back in the queue; 0 = never. */
  reportsToHold: number;
}

/** The numeric settings: each a whole number in these bounds, checked by the server and the form. */
export const SETTING_BOUNDS = {
  closeAfterDays: { min: 0, max: 36500 },
  maxDepth: { min: 1, max: 100 },
  maxLength: { min: 1, max: 100000 },
  floodIntervalSeconds: { min: 0, max: 86400 },
  minSubmitSeconds: { min: 0, max: 3600 },
  maxLinks: { min: 0, max: 100 },
  trashDays: { min: 1, max: 3650 },
  editWindowMinutes: { min: 0, max: 1440 },
  reportsToHold: { min: 0, max: 1000 },
} as const satisfies Partial<Record<keyof ModerationSettings, { min: number; max: number }>>;

export type NumericSetting = keyof typeof SETTING_BOUNDS;

/** A word list's limits: entries, and characters an entry. */
export const WORD_LIST_LIMITS = { maxEntries: 10000, maxEntryLength: 200 } as const;

/** The honeypot field's name: letters, digits, `-` and `_`, starting with a letter or `_`. */
export const HONEYPOT_FIELD_PATTERN = /^[a-z_][\w-]{0,63}$/i;

/** Names the honeypot may not take: the submission's own fields, and JavaScript's special keys. */
export const RESERVED_HONEYPOT_NAMES = [
  'data',
  'formToken',
  'authorName',
  'authorEmail',
  'authorUrl',
  'content',
  'parent',
  '__proto__',
  'constructor',
  'prototype',
] as const;

export namespace Settings {
  export interface Response {
    data: ModerationSettings;
  }
  export type Body = ModerationSettings;
}

/** `reader`: the comment's author (an edit) or readers (reports), through the public routes. */
export type ActorType = 'system' | 'admin' | 'importer' | 'reader';

export interface ModerationEvent {
  id: number;
  commentDocumentId: string;
  fromStatus: CommentStatus | null;
  toStatus: CommentStatus | 'deleted';
  actorType: ActorType;
  actorId: number | null;
  actorName: string | null;
  rule: string | null;
  reason: string | null;
  /** `reason` in its parts, for a sentence in the editor's language. */
  reasonParts: ReasonParts | null;
  /** `mail`: done through a one-click link of the moderators' mail; null: anywhere else. */
  via: 'mail' | null;
  /** An edit of the text (`fromStatus` = `toStatus`): the text before it. */
  previousContent: string | null;
  createdAt: string;
}

/**
 * Codes of what a stored moderation reason says (`ReasonParts.code`), one per sentence the admin
 * shows in the editor's language:
 * - `honeypot` (`field`), `form-token-missing`, `form-token-invalid`, `form-token-expired`,
 *   `form-too-fast` (`seconds`, `minimum`): the form checks;
 * - `disallowed-word`, `moderation-word` (`word`), `too-many-links` (`links`, `limit`);
 * - `approval-not-required`, `approval-always`, `approval-known-author`,
 *   `approval-first-comment`: the approval policy;
 * - `set-on-create` (`actor`, `name`): an editor or the importer created it with its status;
 * - `status-changed` (`status`, `actor`, `name`): a status set (or a delete) after creation;
 *   `status` is also `trash` (deleted to the trash, its replies with it), `restored` (out of the
 *   trash to the status it had) and `edited` (its text changed: the event's `previousContent`);
 * - `rule-other` (`text`): a rule's reason in words this version does not know;
 * - `reported` (`reports`, `limit`): readers' reports put the comment back in the queue;
 * - `edited`: its author changed the text within the edit window, its status kept;
 * - `note` (`text`): a reason an editor or an import wrote themselves.
 *
 * `actor` is `admin` (with the admin's `name`), `importer`, `reader` or `rules`.
 */
export type ReasonCode =
  | 'honeypot'
  | 'form-token-missing'
  | 'form-token-invalid'
  | 'form-token-expired'
  | 'form-too-fast'
  | 'disallowed-word'
  | 'moderation-word'
  | 'too-many-links'
  | 'approval-not-required'
  | 'approval-always'
  | 'approval-known-author'
  | 'approval-first-comment'
  | 'set-on-create'
  | 'status-changed'
  | 'rule-other'
  | 'reported'
  | 'edited'
  | 'note';

/**
 * A stored moderation reason (`moderationReason`, the log's `reason`) read back into its parts:
 * the rule that gave it (null for an editor's change or note), what it says and the values it
 * names. The stored text stays as it is; this is how the admin API answers it.
 */
export interface ReasonParts {
  rule: string | null;
  code: ReasonCode;
  params: Record<string, string | number>;
}

/** The comment a reply answers, as the queue shows it next to the reply. */
export interface ReplyTo {
  documentId: string;
  authorName: string;
  /** Its content on one line, cut to 100 characters. */
  excerpt: string;
  status: CommentStatus;
}

/** A comment as moderators see it: private fields included. */
export interface AdminComment {
  documentId: string;
  authorName: string;
  authorEmail: string | null;
  authorUrl: string | null;
  content: string;
  status: CommentStatus;
  moderationReason: string | null;
  /** `moderationReason` in its parts, for a sentence in the editor's language. */
  reasonParts: ReasonParts | null;
  ipHash: string | null;
  userAgent: string | null;
  submittedAt: string | null;
  /** The documentId of the comment this one replies to. */
  parent: string | null;
  /** That comment, for the queue to show; null for a root comment. */
  replyTo: ReplyTo | null;
  /** A moderator's reply from the Moderation view (shown with a staff badge). */
  staff: boolean;
  /** In the trash: when it went there, and the status a restore gives back; else null. */
  trashedAt: string | null;
  trashedFrom: SettableStatus | null;
  /**
   * In the trash with another comment (it answers it, and went with its delete): that comment's
   * documentId; restoring that one brings this one back. Null otherwise.
   */
  trashedWith: string | null;
  post: { documentId: string; title: string; slug: string } | null;
}

export type StatusCounts = Record<CommentStatus, number>;

export namespace FindQueue {
  export interface Query {
    status?: CommentStatus;
    post?: string;
    /** One comment by its documentId (the parent a reply links to; a comment's side panel). */
    comment?: string;
    q?: string;
    page?: number;
    pageSize?: number;
  }
  export interface Response {
    data: AdminComment[];
    meta: { pagination: PagePagination; counts: StatusCounts };
  }
}

/** `GET /blog/comments/pending-count`: how many comments wait, for the Blog menu link. */
export namespace CountPending {
  export interface Response {
    data: { pending: number };
  }
}

export namespace UpdateStatus {
  export interface Body {
    status: SettableStatus;
    reason?: string;
  }
  export interface Response {
    data: AdminComment;
  }
}

export namespace BulkAction {
  /** `delete` moves the comments to the trash (with their replies); `restore` takes them out. */
  export type Body =
    | { documentIds: string[]; status: SettableStatus; reason?: string }
    | { documentIds: string[]; action: 'delete' | 'restore'; reason?: string };
  export interface Response {
    data: { count: number; documentIds: string[] };
  }
}

export namespace FindEvents {
  export interface Response {
    data: ModerationEvent[];
  }
}

/** `GET /blog/comments/posts`: the posts that have comments, for the queue's post filter. */
export namespace FindCommentedPosts {
  export interface Response {
    data: Array<{ documentId: string; title: string }>;
  }
}

/**
 * `POST /blog/comments/:documentId/restore`: a comment in the trash back to the status it had,
 * with the replies that went to the trash with it. Refused (409) while the comment it answers is
 * in the trash: restore that one first.
 */
export namespace RestoreComment {
  export interface Response {
    data: AdminComment;
  }
}

/** Most characters a moderator's reply or edit may have (the `maxLength` setting applies too). */
export const MODERATOR_TEXT_MAX = 100000;

/**
 * `POST /blog/comments/:documentId/reply`: a moderator's reply, published at once under their
 * reply name with `staff: true`; a pending comment it answers becomes approved.
 */
export namespace ReplyToComment {
  export interface Body {
    content: string;
  }
  export interface Response {
    data: { reply: AdminComment; parent: AdminComment };
  }
}

/** `PUT /blog/comments/:documentId/content`: a moderator's edit of the text, logged with the old. */
export namespace EditCommentText {
  export interface Body {
    content: string;
  }
  export interface Response {
    data: AdminComment;
  }
}

/** Most characters of the name a moderator's replies are signed with. */
export const REPLY_NAME_MAX = 100;

/**
 * `GET`/`PUT /blog/reply-name`: the name the current admin's replies show publicly (their own,
 * per admin user); `name` defaults to their display name (contracts/display-name.ts).
 */
export namespace ReplyName {
  export interface Body {
    name: string;
  }
  export interface Response {
    data: { name: string; isDefault: boolean };
  }
}

/** A comment readers reported, as the admin's Reported view lists it. */
export interface ReportedComment {
  documentId: string;
  authorName: string;
  content: string;
  status: CommentStatus;
  submittedAt: string | null;
  post: { documentId: string; title: string; slug: string } | null;
  /** Every report since the comment was last approved by an editor. */
  reports: number;
  /** Reports by reason; a reason nobody gave is absent. */
  reasons: Partial<Record<ReportReason, number>>;
  /** The latest notes (at most 5), newest first. */
  notes: Array<{ reason: ReportReason; note: string; createdAt: string }>;
  lastReportedAt: string;
}

/**
 * `GET /blog/reports`: approved and held comments with reports, most reported first. Approving
 * one (`PATCH /blog/comments/:documentId`) clears its reports.
 */
export namespace FindReports {
  export interface Query {
    page?: number;
    pageSize?: number;
  }
  export interface Response {
    data: ReportedComment[];
    meta: { pagination: PagePagination };
  }
}
