import type { Core } from '@strapi/strapi';

import { dialectOf, placeholders, rawRows, updateMayReadItsTable } from '../db/dialect';
import { sql } from '../db/connection';
import { getService } from '../utils/get-service';

import { commentTables, MAX_THREAD_DEPTH } from './table-names';

/**
 * The thread copies: beside its `post` and `parent` relations, each comment keeps its post's
 * documentId, its parent's documentId and its thread root's documentId (null for a root comment).
 * With them a public page of comments is one index range (`blog_comments_thread_page_idx`) and
 * its replies another (`blog_comments_thread_root_idx`), whatever the size of the thread.
 *
 * The moderation middleware writes them on create; this repository recomputes them from the
 * relations when those change (a reply re-parented, a comment deleted, moved in the Content
 * Manager) and fills them for rows written without them.
 */

const CHUNK = 500;

const chunks = <T>(values: T[]): T[][] => {
  const out: T[][] = [];
  for (let at = 0; at < values.length; at += CHUNK) out.push(values.slice(at, at + CHUNK));
  return out;
};

interface Row {
  id: number;
  documentId: string;
  parentDocumentId: string | null;
}

const createThreadIndexRepository = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The copies decide which replies public threads show: a change empties their cached answers. */
  const changed = () => getService('publicCache', { strapi }).invalidate(['comments']);
  const names = () => commentTables(strapi);

  /** The given comments and every reply under them, to any depth. */
  const subtree = async (commentIds: number[]): Promise<number[]> => {
    const n = names();
    const knex = await sql(strapi);
    const ids = new Set<number>();
    for (const part of chunks(commentIds)) {
      const query = `
        WITH RECURSIVE sub (id, depth) AS (
          SELECT c.id, 1 FROM ?? c WHERE c.id IN (${placeholders(part)})
          UNION
          SELECT l.??, sub.depth + 1 FROM ?? l JOIN sub ON l.?? = sub.id WHERE sub.depth < ${MAX_THREAD_DEPTH}
        )
        SELECT DISTINCT id FROM sub`;
      const rows = rawRows<{ id: number }>(
        await knex.raw(query, [
          n.comments,
          ...part,
          n.parentLink.child,
          n.parentLink.table,
          n.parentLink.parent,
        ])
      );
      for (const row of rows) ids.add(Number(row.id));
    }
    return [...ids];
  };

  /** Copies each comment's post and parent documentIds from its relations. */
  const copyRelations = async (ids: number[]) => {
    const n = names();
    const knex = await sql(strapi);
    const joinedUpdate = !updateMayReadItsTable(dialectOf(strapi));
    for (const part of chunks(ids)) {
      if (joinedUpdate) {
        // One multi-table UPDATE: a comment has at most one post link and one parent link.
        await knex({ c: n.comments })
          .leftJoin({ l: n.postLink.table }, `l.${n.postLink.comment}`, 'c.id')
          .leftJoin({ p: n.posts }, 'p.id', `l.${n.postLink.post}`)
          .leftJoin({ pl: n.parentLink.table }, `pl.${n.parentLink.child}`, 'c.id')
          .leftJoin({ pc: n.comments }, 'pc.id', `pl.${n.parentLink.parent}`)
          .whereIn('c.id', part)
          .update({
            [`c.${n.commentPost}`]: knex.ref(`p.${n.postDocumentId}`),
            [`c.${n.commentParent}`]: knex.ref(`pc.${n.commentDocumentId}`),
          });
        continue;
      }
      await knex(n.comments)
        .whereIn('id', part)
        .update({
          [n.commentPost]: knex
            .select(`p.${n.postDocumentId}`)
            .from({ l: n.postLink.table })
            .join({ p: n.posts }, 'p.id', `l.${n.postLink.post}`)
            .whereRaw('?? = ??', [`l.${n.postLink.comment}`, `${n.comments}.id`])
            .limit(1),
          [n.commentParent]: knex
            .select(`pc.${n.commentDocumentId}`)
            .from({ l: n.parentLink.table })
            .join({ pc: n.comments }, 'pc.id', `l.${n.parentLink.parent}`)
            .whereRaw('?? = ??', [`l.${n.parentLink.child}`, `${n.comments}.id`])
            .limit(1),
        });
    }
  };

  /** Rows by documentId, with their parents up to the roots. */
  const withAncestors = async (ids: number[]): Promise<Map<string, Row>> => {
    const n = names();
    const knex = await sql(strapi);
    const byDocument = new Map<string, Row>();
    const read = async (column: string, values: Array<number | string>) => {
      for (const part of chunks(values)) {
        const rows = await knex(n.comments)
          .select({
            id: 'id',
            documentId: n.commentDocumentId,
            parentDocumentId: n.commentParent,
          })
          .whereIn(column, part);
        for (const row of rows as Row[]) byDocument.set(row.documentId, row);
      }
    };
    await read('id', ids);
    for (let level = 0; level < MAX_THREAD_DEPTH; level += 1) {
      const missing = [...byDocument.values()]
        .map((row) => row.parentDocumentId)
        .filter((parent): parent is string => parent !== null && !byDocument.has(parent));
      if (missing.length === 0) break;
      await read(n.commentDocumentId, [...new Set(missing)]);
    }
    return byDocument;
  };

  /** Sets each comment's root from its parent chain: one statement per distinct root. */
  const copyRoots = async (ids: number[]) => {
    const n = names();
    const knex = await sql(strapi);
    const byDocument = await withAncestors(ids);
    const rootOf = (row: Row): string | null => {
      let current = row;
      for (let level = 0; level < MAX_THREAD_DEPTH && current.parentDocumentId; level += 1) {
        const parent = byDocument.get(current.parentDocumentId);
        if (!parent) return current.parentDocumentId;
        current = parent;
      }
      return current === row ? null : current.documentId;
    };
    const wanted = new Set(ids);
    const groups = new Map<string | null, number[]>();
    for (const row of byDocument.values()) {
      if (!wanted.has(Number(row.id))) continue;
      const root = rootOf(row);
      groups.set(root, [...(groups.get(root) ?? []), Number(row.id)]);
    }
    for (const [root, members] of groups) {
      for (const part of chunks(members)) {
        await knex(n.comments)
          .whereIn('id', part)
          .update({ [n.commentRoot]: root });
      }
    }
  };

  return {
    /**
     * How many levels a comment's thread has from it down (1 when it has no replies): what a
     * move adds to the depth of its new parent. One statement, bounded by MAX_THREAD_DEPTH.
     */
    async height(commentId: number): Promise<number> {
      const n = names();
      const knex = await sql(strapi);
      const query = `
        WITH RECURSIVE sub (id, depth) AS (
          SELECT c.id, 1 FROM ?? c WHERE c.id = ?
          UNION ALL
          SELECT l.??, sub.depth + 1 FROM ?? l JOIN sub ON l.?? = sub.id WHERE sub.depth < ${MAX_THREAD_DEPTH}
        )
        SELECT MAX(depth) AS height FROM sub`;
      const rows = rawRows<{ height: number | string }>(
        await knex.raw(query, [
          n.comments,
          commentId,
          n.parentLink.child,
          n.parentLink.table,
          n.parentLink.parent,
        ])
      );
      return Number(rows[0]?.height ?? 1);
    },

    /** Recomputes the copies of these comments and of every reply under them. */
    async refresh(commentIds: number[]) {
      if (commentIds.length === 0) return;
      const ids = await subtree(commentIds);
      await changed();
      await copyRelations(ids);
      await copyRoots(ids);
    },

    /**
     * Fills the copies of comments that have none (written before this version, or straight
     * to the database): one cheap statement when there are none.
     */
    async backfill(): Promise<number> {
      const n = names();
      const knex = await sql(strapi);
      const rows = await knex(n.comments).select('id').whereNull(n.commentPost);
      const ids = rows.map((row: { id: number }) => Number(row.id));
      if (ids.length === 0) return 0;
      await changed();
      await copyRelations(ids);
      await copyRoots(ids);
      return ids.length;
    },
  };
};

export type ThreadIndexRepository = ReturnType<typeof createThreadIndexRepository>;
export default createThreadIndexRepository;
