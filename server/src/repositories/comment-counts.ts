import type { Core } from '@strapi/strapi';

import { tableName } from '../db/metadata';
import { COMMENT_COUNT_COLUMNS, COMMENT_COUNT_UID } from '../models/comment-count';
import { sql } from '../db/connection';
import { getService } from '../utils/get-service';

import { commentTables } from './table-names';

/**
 * Approved comments per post, kept in `blog_comment_counts` (see models/comment-count.ts). Each
 * change is one atomic upsert, so counts hold with several Strapi instances on one database.
 */
const createCommentCountsRepository = ({ strapi }: { strapi: Core.Strapi }) => {
  const table = () => tableName(strapi, COMMENT_COUNT_UID);
  const { postDocumentId: POST, approved: APPROVED } = COMMENT_COUNT_COLUMNS;
  /** Counts are shown on public answers: a change to them empties the cache's comment answers. */
  const changed = () => getService('publicCache', { strapi }).invalidate(['comments']);

  /** Counts these posts' approved comments from the comments themselves (thread copies). */
  const countFromComments = async (postDocumentIds: string[] | null) => {
    const n = commentTables(strapi);
    const knex = await sql(strapi);
    const query = knex
      .select({ postDocumentId: n.commentPost })
      .count({ approved: '*' })
      .from(n.comments)
      .where(n.status, 'approved')
      .whereNotNull(n.commentPost)
      .groupBy(n.commentPost);
    if (postDocumentIds) query.whereIn(n.commentPost, postDocumentIds);
    return (await query) as Array<{ postDocumentId: string; approved: number | string }>;
  };

  return {
    /** Moves a post's count by `delta` (a comment approved: +1; unapproved or deleted: -1). */
    async adjust(postDocumentId: string | null, delta: number) {
      if (!postDocumentId || delta === 0) return;
      await changed();
      const knex = await sql(strapi);
      await knex(table())
        .insert({ [POST]: postDocumentId, [APPROVED]: Math.max(0, delta) })
        .onConflict(POST)
        .merge({ [APPROVED]: knex.raw('?? + ?', [`${table()}.${APPROVED}`, delta]) });
    },

    /** Sets these posts' counts from their comments (after a comment moved between posts). */
    async recount(postDocumentIds: Array<string | null>) {
      const ids = [...new Set(postDocumentIds.filter((id): id is string => !!id))];
      if (ids.length === 0) return;
      const counted = new Map(
        (await countFromComments(ids)).map((row) => [row.postDocumentId, Number(row.approved)])
      );
      await changed();
      const knex = await sql(strapi);
      for (const id of ids) {
        await knex(table())
          .insert({ [POST]: id, [APPROVED]: counted.get(id) ?? 0 })
          .onConflict(POST)
          .merge([APPROVED]);
      }
    },

    /**
     * Counts every post's approved comments afresh: on the first boot with this table, and after
     * comments written without the Document Service got their thread copies.
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
            [APPROVED]: Number(row.approved),
          }))
        );
      }
      return counted.length;
    },

    /** Whether the table has no row yet (a first boot, or an upgrade). */
    async isEmpty(): Promise<boolean> {
      const knex = await sql(strapi);
      return !(await knex(table()).first('id'));
    },
  };
};

export type CommentCountsRepository = ReturnType<typeof createCommentCountsRepository>;
export default createCommentCountsRepository;
