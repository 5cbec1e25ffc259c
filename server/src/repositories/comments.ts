import type { Core } from '@strapi/strapi';

import { COMMENT_UID, POST_UID } from '../../../contracts/plugin';
import { dialectOf, nullsOldestOrder, placeholders, selectAs } from '../db/dialect';
import { columnsOf, tableName } from '../db/metadata';
import { COMMENT_COUNT_COLUMNS, COMMENT_COUNT_UID } from '../models/comment-count';
import { sql } from '../db/connection';
import { withReads, type SelectRows } from '../db/prepared-reads';

import { commentTables } from './table-names';
import type { SortOrder } from '../validation/public-query';

/**
 * SQL for the public comment reads. Each statement reads one index range of the comments table
 * (through the thread copies each comment keeps: its post's, its parent's and its root's
 * documentId, see thread-index.ts) or one key of the counts table (comment-counts.ts): a page
 * costs the same with 10 comments as with 100,000. Table and column names come from Strapi's
 * metadata.
 */

/** Which page of a thread's roots, in which order. */
export interface ThreadPage {
  start: number;
  limit: number;
  order: SortOrder;
}

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

  /**
   * The public thread's statements, written once: the tables and columns come from Strapi's
   * metadata, fixed once Strapi has booted, and a page would otherwise build the same text on
   * every request. Each gives its text and the bindings of one read.
   */
  let threadStatements:
    | {
        head: { text: string; bindings: (slug: string, locale: string) => string[] };
        page: Record<
          SortOrder,
          {
            text: string;
            bindings: (postDocumentId: string, page: ThreadPage) => Array<string | number>;
          }
        >;
        replies: {
          /** The text for so many roots, written the first time a page has that many. */
          texts: Map<number, string>;
          select: string;
          bindings: (rootDocumentIds: string[]) => string[];
        };
      }
    | undefined;
  const thread = () => {
    if (threadStatements) return threadStatements;
    const n = names();
    const select = selectAs(publicColumns());
    const post = columnsOf(strapi, POST_UID);
    const counts = COMMENT_COUNT_COLUMNS;
    const pageIn = (order: SortOrder) => {
      const [by, byBindings] = nullsOldestOrder(dialectOf(strapi), n.submittedAt, order);
      return {
        text:
          `SELECT ${select.list} FROM ?? WHERE ?? = ? AND ?? = ? AND ?? IS NULL ` +
          `ORDER BY ${by} LIMIT ? OFFSET ?`,
        bindings: (postDocumentId: string, page: ThreadPage) => [
          ...select.bindings,
          n.comments,
          n.commentPost,
          postDocumentId,
          n.status,
          'approved',
          n.commentParent,
          ...byBindings,
          page.limit,
          page.start,
        ],
      };
    };
    // The published post by slug and locale (its (slug, locale, published_at) index) with the
    // number of its approved roots: the stored count (comment-counts.ts), one key read however
    // many roots; counting them is the fallback for a post without a row (no approved comment:
    // nothing to count) or with a row from before that column.
    const headBefore = [
      post('documentId'),
      'documentId',
      counts.approvedRoots,
      tableName(strapi, COMMENT_COUNT_UID),
      counts.postDocumentId,
      post('documentId'),
      n.comments,
      n.commentPost,
      post('documentId'),
      n.status,
      'approved',
      n.commentParent,
      'total',
      tableName(strapi, POST_UID),
      post('slug'),
    ];
    const [localeColumn, publishedColumn] = [post('locale'), post('publishedAt')];
    threadStatements = {
      head: {
        text:
          'SELECT p.?? AS ??, COALESCE(' +
          '(SELECT ?? FROM ?? WHERE ?? = p.??), ' +
          '(SELECT COUNT(*) FROM ?? WHERE ?? = p.?? AND ?? = ? AND ?? IS NULL)) AS ?? ' +
          'FROM ?? p WHERE p.?? = ? AND p.?? = ? AND p.?? IS NOT NULL LIMIT 1',
        bindings: (slug, locale) => [...headBefore, slug, localeColumn, locale, publishedColumn],
      },
      page: { asc: pageIn('asc'), desc: pageIn('desc') },
      replies: {
        texts: new Map(),
        select: select.list,
        bindings: (rootDocumentIds) => [
          ...select.bindings,
          n.comments,
          n.commentRoot,
          ...rootDocumentIds,
          n.status,
          'approved',
        ],
      },
    };
    return threadStatements;
  };

  /** The published post by slug and locale with its number of approved roots, or null. */
  const readHead = async (select: SelectRows, slug: string, locale: string) => {
    const { head } = thread();
    const [row] = await select<{ documentId: string; total: number | string }>(
      head.text,
      head.bindings(slug, locale)
    );
    return row ? { documentId: row.documentId, total: Number(row.total) } : null;
  };

  /** A page of a post's approved root comments, in the order asked. */
  const readRoots = (select: SelectRows, postDocumentId: string, page: ThreadPage) => {
    const statement = thread().page[page.order];
    return select<PublicCommentRow>(statement.text, statement.bindings(postDocumentId, page));
  };

  /**
   * Every approved reply in the threads of these roots, to any depth. Whether each one is
   * shown (its parent chain must be approved too) and in which order is for the thread builder:
   * asking SQL for an order would lead SQLite to walk the status index instead.
   */
  const readReplies = async (select: SelectRows, rootDocumentIds: string[]) => {
    if (rootDocumentIds.length === 0) return [];
    const { replies } = thread();
    const count = rootDocumentIds.length;
    let text = replies.texts.get(count);
    if (text === undefined) {
      text = `SELECT ${replies.select} FROM ?? WHERE ?? IN (${placeholders(rootDocumentIds)}) AND ?? = ?`;
      // One text per number of roots: at most the largest page a query may ask for.
      replies.texts.set(count, text);
    }
    return select<PublicCommentRow>(text, replies.bindings(rootDocumentIds));
  };

  return {
    /**
     * A page of a post's public thread: the published post with this slug in `locale` (the
     * one `defaultLocale` reads when null), its number of approved root comments (the page's
     * `total`), the page of roots and every approved reply under them; null when no such post
     * is published. Four statements at most, whatever the size of the thread, run on one borrow
     * of the connection (db/prepared-reads.ts `withReads`).
     */
    async findApprovedThreadPage(
      slug: string,
      locale: string | null,
      defaultLocale: (select: SelectRows) => Promise<string>,
      page: ThreadPage
    ): Promise<{ total: number; roots: PublicCommentRow[]; replies: PublicCommentRow[] } | null> {
      return withReads(strapi, async (select) => {
        const head = await readHead(select, slug, locale ?? (await defaultLocale(select)));
        if (!head) return null;
        const roots = await readRoots(select, head.documentId, page);
        const replies = await readReplies(
          select,
          roots.map((row) => row.documentId)
        );
        return { total: head.total, roots, replies };
      });
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
