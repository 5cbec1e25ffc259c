import type { Core } from '@strapi/strapi';

import { COMMENT_UID } from '../../../contracts/plugin';
import { dialectOf, nullsOldestOrder, placeholders, selectAs } from '../db/dialect';
import { columnsOf, tableName } from '../db/metadata';
import { COMMENT_COUNT_COLUMNS, COMMENT_COUNT_UID } from '../models/comment-count';
import { sql } from '../db/connection';
import { selectRows } from '../db/prepared-reads';

import { commentTables } from './table-names';
import type { SortOrder } from '../validation/public-query';

/**
 * SQL for the public comment reads. Each statement reads one index range of the comments table
 * (through the thread copies each comment keeps: its post's, its parent's and its root's
 * documentId, see thread-index.ts) or one key of the counts table (comment-counts.ts): a page
 * costs the same with 10 comments as with 100,000. Table and column names come from Strapi's
 * metadata.
 */

export interface PublicCommentRow {
  id: number;
  documentId: string;
  authorName: string;
  authorUrl: string | null;
  content: string;
  submittedAt: string | number | Date | null;
  editedAt: string | number | Date | null;
  parentDocumentId: string | null;
  /** A moderator's reply (0/1 on SQLite and MariaDB). */
  staff: boolean | number | null;
}

const createCommentsRepository = ({ strapi }: { strapi: Core.Strapi }) => {
  const names = () => commentTables(strapi);

  const publicColumns = () => {
    const n = names();
    const column = columnsOf(strapi, COMMENT_UID);
    return {
      id: 'id',
      documentId: n.commentDocumentId,
      authorName: column('authorName'),
      authorUrl: column('authorUrl'),
      content: column('content'),
      submittedAt: n.submittedAt,
      editedAt: column('editedAt'),
      parentDocumentId: n.commentParent,
      staff: column('staff'),
    };
  };

  return {
    /** A page of a post's approved root comments, and how many there are. */
    async findApprovedRoots(
      postDocumentId: string,
      page: { start: number; limit: number; order: SortOrder }
    ): Promise<{ rows: PublicCommentRow[]; total: number }> {
      const n = names();
      const select = selectAs(publicColumns());
      const [order, orderBindings] = nullsOldestOrder(dialectOf(strapi), n.submittedAt, page.order);
      const roots = 'FROM ?? WHERE ?? = ? AND ?? = ? AND ?? IS NULL';
      const rootBindings = [
        n.comments,
        n.commentPost,
        postDocumentId,
        n.status,
        'approved',
        n.commentParent,
      ];
      // The total is the post's stored count of approved roots (comment-counts.ts): one key
      // read, however many roots. Counting them is the fallback for a post without a row (no
      // approved comment: nothing to count) or with a row from before that column.
      const counts = COMMENT_COUNT_COLUMNS;
      const [rows, [{ total }]] = await Promise.all([
        selectRows<PublicCommentRow>(
          strapi,
          `SELECT ${select.list} ${roots} ORDER BY ${order} LIMIT ? OFFSET ?`,
          [...select.bindings, ...rootBindings, ...orderBindings, page.limit, page.start]
        ),
        selectRows<{ total: number | string }>(
          strapi,
          `SELECT COALESCE((SELECT ?? FROM ?? WHERE ?? = ?), (SELECT COUNT(*) ${roots})) AS total`,
          [
            counts.approvedRoots,
            tableName(strapi, COMMENT_COUNT_UID),
            counts.postDocumentId,
            postDocumentId,
            ...rootBindings,
          ]
        ),
      ]);
      return { rows, total: Number(total) };
    },

    /**
     * Every approved reply in the threads of these roots, to any depth. Whether each one is
     * shown (its parent chain must be approved too) and in which order is for the thread
     * builder: asking SQL for an order would lead SQLite to walk the status index instead.
     */
    async findApprovedReplies(rootDocumentIds: string[]): Promise<PublicCommentRow[]> {
      if (rootDocumentIds.length === 0) return [];
      const n = names();
      const select = selectAs(publicColumns());
      return selectRows<PublicCommentRow>(
        strapi,
        `SELECT ${select.list} FROM ?? WHERE ?? IN (${placeholders(rootDocumentIds)}) AND ?? = ?`,
        [...select.bindings, n.comments, n.commentRoot, ...rootDocumentIds, n.status, 'approved']
      );
    },

    /**
     * A post's newest approved comments, roots and replies together, for its feed: one range of
     * the post-feed index (post, status, date).
     */
    async findLatestApproved(
      postDocumentId: string,
      limit: number
    ): Promise<Array<PublicCommentRow & { updatedAt: string | number | Date }>> {
      const n = names();
      const knex = await sql(strapi);
      return knex(n.comments)
        .select({ ...publicColumns(), updatedAt: columnsOf(strapi, COMMENT_UID)('updatedAt') })
        .where(n.commentPost, postDocumentId)
        .where(n.status, 'approved')
        .orderByRaw(...nullsOldestOrder(dialectOf(strapi), n.submittedAt, 'desc'))
        .limit(limit);
    },

    /** The status and parent of these comments: one step up their threads. */
    async findStatuses(
      documentIds: string[]
    ): Promise<Array<{ documentId: string; status: string; parentDocumentId: string | null }>> {
      if (documentIds.length === 0) return [];
      const n = names();
      const knex = await sql(strapi);
      return knex(n.comments)
        .select({
          documentId: n.commentDocumentId,
          status: n.status,
          parentDocumentId: n.commentParent,
        })
        .whereIn(n.commentDocumentId, [...new Set(documentIds)]);
    },
  };
};

export type CommentsRepository = ReturnType<typeof createCommentsRepository>;
export default createCommentsRepository;
