import type { DatabaseModel } from './database-model';

/**
 * A database-only table (no content type, no API): how many approved comments each post has,
 * and how many of them are roots (not replies), by post documentId. A page of posts reads its
 * counts here by key instead of counting every approved comment of every post on the page, and a
 * page of a thread its `total` instead of counting the post's approved roots. The moderation
 * middleware moves both counts in the same transaction as the comment write; a missing row, or
 * a row whose `approvedRoots` is still NULL (written before that column), is filled from the
 * comments on boot.
 */
export const COMMENT_COUNT_UID = 'plugin::blog.comment-count';

/** A row as the count repository reads it (`approved` may come back as text from an aggregate). */
export interface CommentCountRow {
  id: number;
  postDocumentId: string;
  approved: number | string;
  /** NULL until filled (a row from before this column): readers count the roots instead. */
  approvedRoots: number | string | null;
}

/**
 * The columns of the table, for its index and the raw SQL of repositories/comment-counts.ts:
 * Strapi names an attribute's column in snake case (tests/api/strapi-internals.test.ts checks it).
 */
export const COMMENT_COUNT_COLUMNS = {
  postDocumentId: 'post_document_id',
  approved: 'approved',
  approvedRoots: 'approved_roots',
} as const;

export const commentCountModel = {
  uid: COMMENT_COUNT_UID,
  singularName: 'comment-count',
  tableName: 'blog_comment_counts',
  attributes: {
    id: { type: 'increments' },
    postDocumentId: { type: 'string', column: { notNullable: true } },
    approved: { type: 'integer', column: { notNullable: true, defaultTo: 0 } },
    approvedRoots: { type: 'integer' },
  },
  indexes: [
    {
      name: 'blog_comment_counts_post_uq',
      columns: [COMMENT_COUNT_COLUMNS.postDocumentId],
      type: 'unique',
    },
  ],
} satisfies DatabaseModel<CommentCountRow>;
