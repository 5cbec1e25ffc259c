import type { Core } from '@strapi/strapi';

import { tableName } from '../db/metadata';
import { COMMENT_COUNT_COLUMNS, COMMENT_COUNT_UID } from '../models/comment-count';
import { sql } from '../db/connection';
import { getService } from '../utils/get-service';

import { commentTables } from './table-names';

/** How a write moves a post's counts: its approved comments, and those of them that are roots. */
export interface CountChange {
  approved: number;
  approvedRoots: number;
}

/**
 * Approved comments per post, and approved root comments per post, kept in
 * `blog_comment_counts` (see models/comment-count.ts). Each change is one atomic upsert, so
 * counts hold with several Strapi instances on one database.
 */
const createCommentCountsRepository = ({ strapi }: { strapi: Core.Strapi }) => {
  const table = () => tableName(strapi, COMMENT_COUNT_UID);
  const { postDocumentId: POST, approved: APPROVED, approvedRoots: ROOTS } = COMMENT_COUNT_COLUMNS;
  /** Counts are shown on public answers: a change to them empties the cache's comment answers. */
  const changed = () => getService('publicCache', { strapi }).invalidate(['comments']);

  /** Counts these posts' approved comments and roots from the comments themselves (thread copies). */
  const countFromComments = async (postDocumentIds: string[] | null) => {
    const n = commentTables(strapi);
    const knex = await sql(strapi);
    const query = knex
      .select({ postDocumentId: n.commentPost })
      .count({ approved: '*' })
      .select(
        knex.raw('SUM(CASE WHEN ?? IS NULL THEN 1 ELSE 0 END) AS ??', [n.commentParent, 'roots'])
      )
      .from(n.comments)
      .where(n.status, 'approved')
      .whereNotNull(n.commentPost)
      .groupBy(n.commentPost);
    if (postDocumentIds) query.whereIn(n.commentPost, postDocumentIds);
    const rows = (await query) as Array<{
      postDocumentId: string;
      approved: number | string;
      roots: number | string;
    }>;
    return rows.map((row) => ({
      postDocumentId: row.postDocumentId,
      approved: Number(row.approved),
      approvedRoots: Number(row.roots),
    }));
  };

  return {
    /**
     * Moves a post's counts (a comment approved: +1; unapproved or deleted: -1; the roots count
     * only when the comment is a root). A post without a row had no approved comment.
     */
    async adjust(postDocumentId: string | null, change: CountChange) {
      if (!postDocumentId || (change.approved === 0 && change.approvedRoots === 0)) return;
      await changed();
      const knex = await sql(strapi);
      const plus = (column: string, delta: number) =>
        knex.raw('?? + ?', [`${table()}.${column}`, delta]);
      await knex(table())
        .insert({
          [POST]: postDocumentId,
          [APPROVED]: Math.max(0, change.approved),
          [ROOTS]: Math.max(0, change.approvedRoots),
        })
        .onConflict(POST)
        .merge({
          [APPROVED]: plus(APPROVED, change.approved),
          [ROOTS]: plus(ROOTS, change.approvedRoots),
        });
    },

    /** Sets these posts' counts from their comments (after a comment moved, or lost its parent). */
    async recount(postDocumentIds: Array<string | null>) {
      const ids = [...new Set(postDocumentIds.filter((id): id is string => !!id))];
      if (ids.length === 0) return;
      const counted = new Map(
        (await countFromComments(ids)).map((row) => [row.postDocumentId, row])
      );
      await changed();
      const knex = await sql(strapi);
      for (const id of ids) {
        await knex(table())
          .insert({
            [POST]: id,
            [APPROVED]: counted.get(id)?.approved ?? 0,
            [ROOTS]: counted.get(id)?.approvedRoots ?? 0,
          })
          .onConflict(POST)
          .merge([APPROVED, ROOTS]);
      }
    },

    /**
     * Counts every post's approved comments afresh: on the first boot with this table or with
     * its roots column, and after comments written without the Document Service got their
     * thread copies.
     */
    async rebuild(): Promise<number> {
      const counted = await countFromComments(null);
      await changed();
      const knex = await sql(strapi);
      await knex(table()).delete();
      for (let at = 0; at < counted.length; at += 500) {
        await knex(table()).insert(
          counted.slice(at, at + 500).map((row) => ({
            [POST]: row.postDocumentId,
            [APPROVED]: row.approved,
            [ROOTS]: row.approvedRoots,
          }))
        );
      }
      return counted.length;
    },

    /**
     * Whether the counts must be built: the table has no row yet (a first boot, or an upgrade),
     * or a row has no roots count (written before that column).
     */
    async needsRebuild(): Promise<boolean> {
      const knex = await sql(strapi);
      if (!(await knex(table()).first('id'))) return true;
      return !!(await knex(table()).whereNull(ROOTS).first('id'));
    },
  };
};

export type CommentCountsRepository = ReturnType<typeof createCommentCountsRepository>;
export default createCommentCountsRepository;
