import type { Core } from '@strapi/strapi';

import { COMMENT_UID } from '../constants';
import { rawRows, sql } from '../utils/db';

import { commentTables, MAX_THREAD_DEPTH } from './table-names';
import type { SortOrder } from '../validation/public-query';

/**
 * SQL for the public comment reads. Each method is one statement whatever the amount of data,
 * so a page of comments costs the same with 10 comments as with 100,000. Table and column
 * names come from Strapi's metadata, so they follow the host app's naming.
 */

export interface ThreadLink {
  id: number;
  parentId: number;
}

export interface PublicCommentRow {
  id: number;
  documentId: string;
  authorName: string;
  authorUrl: string | null;
  content: string;
  submittedAt: string | null;
}

const createCommentsRepository = ({ strapi }: { strapi: Core.Strapi }) => {
  const names = () => commentTables(strapi);

  return {
    /** Approved comments per post document, for a page of posts: one grouped statement. */
    async countApprovedByPostDocument(documentIds: string[]): Promise<Map<string, number>> {
      const counts = new Map<string, number>();
      if (documentIds.length === 0) return counts;
      const n = names();
      const knex = await sql(strapi);
      const rows: Array<{ documentId: string; total: number | string }> = await knex
        .select(`p.${n.postDocumentId} as documentId`)
        .countDistinct({ total: 'c.id' })
        .from({ c: n.comments })
        .join({ l: n.postLink.table }, `l.${n.postLink.comment}`, 'c.id')
        .join({ p: n.posts }, 'p.id', `l.${n.postLink.post}`)
        .where(`c.${n.status}`, 'approved')
        .whereIn(`p.${n.postDocumentId}`, documentIds)
        .groupBy(`p.${n.postDocumentId}`);
      for (const row of rows) counts.set(row.documentId, Number(row.total));
      return counts;
    },

    /** A page of a post's approved root comments (ids only) and their total. */
    async findApprovedRootIds(
      postRowIds: number[],
      page: { start: number; limit: number; order: SortOrder }
    ): Promise<{ ids: number[]; total: number }> {
      const n = names();
      const knex = await sql(strapi);
      const base = () =>
        knex
          .from({ c: n.comments })
          .where(`c.${n.status}`, 'approved')
          .whereExists((sub) =>
            sub
              .select(knex.raw('1'))
              .from({ pl: n.postLink.table })
              .whereRaw('?? = ??', [`pl.${n.postLink.comment}`, 'c.id'])
              .whereIn(`pl.${n.postLink.post}`, postRowIds)
          )
          .whereNotExists((sub) =>
            sub
              .select(knex.raw('1'))
              .from({ rl: n.parentLink.table })
              .whereRaw('?? = ??', [`rl.${n.parentLink.child}`, 'c.id'])
          );

      const [rows, [{ total }]] = await Promise.all([
        base()
          .select('c.id')
          // Undated comments (imported without a date) read as the oldest, on every database.
          .orderByRaw(`(?? IS NULL) ${page.order === 'asc' ? 'DESC' : 'ASC'}`, [
            `c.${n.submittedAt}`,
          ])
          .orderBy(`c.${n.submittedAt}`, page.order)
          .orderBy('c.id', page.order)
          .offset(page.start)
          .limit(page.limit),
        base().count({ total: '*' }),
      ]);
      return {
        ids: (rows as Array<{ id: number }>).map((row) => Number(row.id)),
        total: Number(total),
      };
    },

    /**
     * Every approved reply under the given comments, to any depth, with its parent: one
     * recursive statement. A reply whose parent is not approved is not shown, nor its replies.
     */
    async findApprovedDescendantLinks(
      rootIds: number[],
      postRowIds: number[]
    ): Promise<ThreadLink[]> {
      if (rootIds.length === 0) return [];
      const n = names();
      const knex = await sql(strapi);
      const inList = (values: number[]) => values.map(() => '?').join(', ');
      const samePost = `EXISTS (SELECT 1 FROM ?? pl WHERE pl.?? = c.id AND pl.?? IN (${inList(postRowIds)}))`;
      const samePostBindings = [
        n.postLink.table,
        n.postLink.comment,
        n.postLink.post,
        ...postRowIds,
      ];

      const query = `
        WITH RECURSIVE thread (id, parent_id, depth) AS (
          SELECT l.??, l.??, 1
            FROM ?? l JOIN ?? c ON c.id = l.??
           WHERE l.?? IN (${inList(rootIds)}) AND c.?? = 'approved' AND ${samePost}
          UNION
          SELECT l.??, l.??, t.depth + 1
            FROM ?? l JOIN thread t ON l.?? = t.id JOIN ?? c ON c.id = l.??
           WHERE c.?? = 'approved' AND t.depth < ${MAX_THREAD_DEPTH} AND ${samePost}
        )
        SELECT DISTINCT id, parent_id FROM thread`;
      const bindings = [
        n.parentLink.child,
        n.parentLink.parent,
        n.parentLink.table,
        n.comments,
        n.parentLink.child,
        n.parentLink.parent,
        ...rootIds,
        n.status,
        ...samePostBindings,
        n.parentLink.child,
        n.parentLink.parent,
        n.parentLink.table,
        n.parentLink.parent,
        n.comments,
        n.parentLink.child,
        n.status,
        ...samePostBindings,
      ];
      const rows = rawRows<{ id: number; parent_id: number }>(await knex.raw(query, bindings));
      return rows.map((row) => ({ id: Number(row.id), parentId: Number(row.parent_id) }));
    },

    /** The public fields of the given comments: one statement. */
    async findPublicRows(ids: number[]): Promise<PublicCommentRow[]> {
      if (ids.length === 0) return [];
      return strapi.db.query(COMMENT_UID).findMany({
        where: { id: { $in: ids } },
        select: ['id', 'documentId', 'authorName', 'authorUrl', 'content', 'submittedAt'],
      }) as Promise<PublicCommentRow[]>;
    },
  };
};

export type CommentsRepository = ReturnType<typeof createCommentsRepository>;
export default createCommentsRepository;
