import type { DatabaseModel } from './database-model';

/**
 * A database-only table (no content type, no API, never public): one row per reader's report of
 * a comment. `clientKey` is the keyed hash the flood limit keys a client on (never an address);
 * the unique index makes "one report per client and comment" one atomic insert-or-nothing.
 * Approving the comment clears its reports.
 */
export const COMMENT_REPORT_UID = 'plugin::blog.comment-report';

export interface CommentReportRow {
  id: number;
  commentDocumentId: string;
  clientKey: string;
  reason: string;
  note: string | null;
  /** Milliseconds since the epoch (text on PostgreSQL, a biginteger). */
  reportedAt: number | string;
}

/** The columns, for the raw SQL of repositories/reports.ts (Strapi's snake case). */
export const COMMENT_REPORT_COLUMNS = {
  commentDocumentId: 'comment_document_id',
  clientKey: 'client_key',
  reason: 'reason',
  note: 'note',
  reportedAt: 'reported_at',
} as const;

export const commentReportModel = {
  uid: COMMENT_REPORT_UID,
  singularName: 'comment-report',
  tableName: 'blog_comment_reports',
  attributes: {
    id: { type: 'increments' },
    commentDocumentId: { type: 'string', column: { notNullable: true } },
    clientKey: { type: 'string', column: { notNullable: true } },
    reason: { type: 'string', column: { notNullable: true } },
    note: { type: 'text' },
    reportedAt: { type: 'biginteger', column: { notNullable: true } },
  },
  indexes: [
    {
      name: 'blog_comment_reports_client_uq',
      columns: [COMMENT_REPORT_COLUMNS.commentDocumentId, COMMENT_REPORT_COLUMNS.clientKey],
      type: 'unique',
    },
  ],
} satisfies DatabaseModel<CommentReportRow>;
