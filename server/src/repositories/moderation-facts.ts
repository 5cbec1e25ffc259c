import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import type { CommentStatus } from '../../../contracts/comments';
import { COMMENT_UID, POST_UID } from '../../../contracts/plugin';
import type { PostState } from '../moderation/rules';
import { rawRows } from '../db/dialect';
import { sql } from '../db/connection';

import { columnsOf } from '../db/metadata';

import { commentTables, MAX_THREAD_DEPTH } from './table-names';

/** What makes a comment a duplicate of another (see `duplicate`). */
export interface DuplicateInput {
  postDocumentId: string;
  parentDocumentId: string | null;
  authorName: string;
  authorEmail: string | null;
  content: string;
}

export interface PostFacts {
  state: PostState;
  date: Date | null;
}

/** A post row as `post` reads it (a boolean may come back as 0 or 1 from raw SQL on SQLite). */
interface PostRow {
  publishedAt: string | Date | null;
  commentsEnabled: boolean | number | null;
  originalDate: string | null;
}

/** The facts of a post document from its rows (every locale, draft and published), oldest first. */
export const postFactsOf = (rows: PostRow[]): PostFacts => {
  if (rows.length === 0) return { state: 'missing', date: null };
  const published = rows.find((row) => row.publishedAt);
  if (!published) return { state: 'unpublished', date: null };
  const date = published.originalDate
    ? new Date(`${published.originalDate}T00:00:00Z`)
    : new Date(published.publishedAt as string);
  const disabled = published.commentsEnabled === false || published.commentsEnabled === 0;
  return { state: disabled ? 'comments-disabled' : 'open', date };
};

/**
 * What the moderation rules need to know from the database, each fact in one statement.
 */
const createModerationFactsRepository = ({ strapi }: { strapi: Core.Strapi }) => {
  const names = () => commentTables(strapi);

  /**
   * The first comment that `input` would duplicate (see `duplicate`) on `post`: a documentId, or
   * a column reference (the post lookup's own row).
   */
  const duplicateQuery = (
    knex: Knex,
    input: Omit<DuplicateInput, 'postDocumentId'>,
    post: string | Knex.Ref<string, Record<string, string>>
  ) => {
    const n = names();
    const column = columnsOf(strapi, COMMENT_UID);
    const c = (name: string) => `dup.${name}`;
    return knex({ dup: n.comments })
      .select(c('id'))
      .where({
        [c(column('authorName'))]: input.authorName,
        [c(column('content'))]: input.content,
      })
      .where(c(n.commentPost), post as string)
      .where((q) => {
        if (input.authorEmail === null) q.whereNull(c(column('authorEmail')));
        else q.where(c(column('authorEmail')), input.authorEmail);
      })
      .where((q) => {
        if (input.parentDocumentId === null) q.whereNull(c(n.commentParent));
        else q.where(c(n.commentParent), input.parentDocumentId);
      })
      .whereNotIn(c(n.status), ['rejected', 'trash'])
      .limit(1);
  };

  return {
    /** Whether the post exists, is published, takes comments, and its date. */
    async post(documentId: string): Promise<PostFacts> {
      const rows = (await strapi.db.query(POST_UID).findMany({
        where: { documentId },
        select: ['publishedAt', 'commentsEnabled', 'originalDate'],
        orderBy: { id: 'asc' },
      })) as PostRow[];
      return postFactsOf(rows);
    },

    /**
     * The published post with this slug in this locale (its documentId) and the facts `post`
     * reads for that document, in one statement: every row of the document(s) with that slug,
     * locale and a published version. Null when there is none. Also the ids of the document's
     * rows in `defaultLocale` (its draft and published rows there, which a comment links to),
     * and, given a comment (`duplicateOf`), whether it duplicates one on that post (`duplicate`,
     * a scalar subquery of the same statement).
     */
    async publishedPostBySlug(
      slug: string,
      locale: string,
      options: {
        defaultLocale?: string;
        duplicateOf?: Omit<DuplicateInput, 'postDocumentId'>;
      } = {}
    ): Promise<{
      documentId: string;
      facts: PostFacts;
      rowIds: number[];
      duplicate?: boolean;
    } | null> {
      const n = names();
      const column = columnsOf(strapi, POST_UID);
      const knex = await sql(strapi);
      const documentId = n.postDocumentId;
      const { duplicateOf, defaultLocale } = options;
      const query = knex(n.posts)
        .select({
          id: 'id',
          documentId,
          slug: column('slug'),
          locale: column('locale'),
          publishedAt: column('publishedAt'),
          commentsEnabled: column('commentsEnabled'),
          originalDate: column('originalDate'),
        })
        .whereIn(
          documentId,
          knex(n.posts)
            .select(documentId)
            .where({ [column('slug')]: slug, [column('locale')]: locale })
            .whereNotNull(column('publishedAt'))
        )
        .orderBy('id', 'asc');
      if (duplicateOf) {
        const ref = knex.ref(`${n.posts}.${documentId}`);
        query.select(knex.raw('(?) AS ??', [duplicateQuery(knex, duplicateOf, ref), 'duplicate']));
      }
      const rows = (await query) as Array<
        PostRow & {
          id: number;
          documentId: string;
          slug: string;
          locale: string;
          duplicate?: unknown;
        }
      >;
      const found = rows.find(
        (row) => row.slug === slug && row.locale === locale && row.publishedAt !== null
      );
      if (!found) return null;
      const own = rows.filter((row) => row.documentId === found.documentId);
      return {
        documentId: found.documentId,
        facts: postFactsOf(own),
        rowIds: own.filter((row) => row.locale === defaultLocale).map((row) => Number(row.id)),
        ...(duplicateOf ? { duplicate: found.duplicate != null } : {}),
      };
    },

    /**
     * The parent's status, the post documents it belongs to and its level (a root is 1). With
     * `movingId` (a comment about to be put under it): whether that comment is the parent or
     * one of its ancestors, which would close a cycle.
     */
    async parent(
      documentId: string,
      movingId: number | null = null
    ): Promise<{
      status: CommentStatus;
      postDocumentIds: string[];
      depth: number;
      rootDocumentId: string | null;
      underMoving: boolean;
    } | null> {
      const n = names();
      const knex = await sql(strapi);
      const query = `
        WITH RECURSIVE up (id, depth) AS (
          SELECT c.id, 1 FROM ?? c WHERE c.?? = ?
          UNION ALL
          SELECT l.??, up.depth + 1 FROM ?? l JOIN up ON l.?? = up.id WHERE up.depth < ${MAX_THREAD_DEPTH}
        )
        SELECT c.?? AS status, c.?? AS root_document_id, p.?? AS post_document_id,
               (SELECT MAX(depth) FROM up) AS depth,
               (SELECT COUNT(*) FROM up WHERE up.id = ?) AS under_moving
          FROM ?? c
          LEFT JOIN ?? pl ON pl.?? = c.id
          LEFT JOIN ?? p ON p.id = pl.??
         WHERE c.?? = ?`;
      const rows = rawRows<{
        status: CommentStatus;
        root_document_id: string | null;
        post_document_id: string | null;
        depth: number;
        under_moving: number | string;
      }>(
        await knex.raw(query, [
          n.comments,
          n.commentDocumentId,
          documentId,
          n.parentLink.parent,
          n.parentLink.table,
          n.parentLink.child,
          n.status,
          n.commentRoot,
          n.postDocumentId,
          movingId ?? -1,
          n.comments,
          n.postLink.table,
          n.postLink.comment,
          n.posts,
          n.postLink.post,
          n.commentDocumentId,
          documentId,
        ])
      );
      if (rows.length === 0) return null;
      return {
        status: rows[0].status,
        postDocumentIds: [
          ...new Set(rows.map((row) => row.post_document_id).filter((id): id is string => !!id)),
        ],
        depth: Number(rows[0].depth),
        rootDocumentId: rows[0].root_document_id ?? null,
        underMoving: Number(rows[0].under_moving) > 0,
      };
    },

    /**
     * A comment not rejected nor in the trash with the same post, parent, author and content (a
     * deleted comment sent again is judged afresh, and its delete is not given away).
     */
    async duplicate(input: DuplicateInput): Promise<boolean> {
      const found = await strapi.db.query(COMMENT_UID).findOne({
        select: ['id'],
        where: {
          authorName: input.authorName,
          authorEmail: input.authorEmail,
          content: input.content,
          status: { $notIn: ['rejected', 'trash'] },
          postDocumentId: input.postDocumentId,
          parentDocumentId: input.parentDocumentId ?? { $null: true },
        },
      });
      return Boolean(found);
    },

    /**
     * `duplicate` and `hasApprovedComment` in one statement (two scalar subqueries, each on the
     * index the other methods' statements use): a reader's comment under first-time approval
     * needs both.
     */
    async duplicateAndApproved(input: DuplicateInput): Promise<{
      duplicate: boolean;
      authorHasApprovedComment: boolean;
    }> {
      const n = names();
      const column = columnsOf(strapi, COMMENT_UID);
      const knex = await sql(strapi);
      const email = input.authorEmail;
      const duplicate = duplicateQuery(knex, input, input.postDocumentId);
      const approved = knex(n.comments)
        .select('id')
        .where({
          [column('authorEmail')]: email ?? '',
          [column('authorName')]: input.authorName,
          [n.status]: 'approved',
        })
        .limit(1);
      const rows = rawRows<{ duplicate: unknown; approved: unknown }>(
        await knex.raw('SELECT (?) AS duplicate, (?) AS approved', [duplicate, approved])
      );
      return {
        duplicate: rows[0]?.duplicate != null,
        authorHasApprovedComment: rows[0]?.approved != null,
      };
    },

    /**
     * Whether an approved comment has this name and this email (both as stored: the email
     * lower-cased), as WordPress matches a previously approved author: an email alone, which
     * anyone can type, approves nobody.
     */
    async hasApprovedComment(authorName: string, authorEmail: string): Promise<boolean> {
      const found = await strapi.db.query(COMMENT_UID).findOne({
        select: ['id'],
        where: { authorEmail, authorName, status: 'approved' },
      });
      return Boolean(found);
    },

    /**
     * A comment's status, post and parent, before a change; null when it does not exist. The
     * parent is the thread copy (the relation's documentId, kept by thread-index.ts).
     */
    async current(documentId: string): Promise<{
      id: number;
      status: CommentStatus;
      postDocumentId: string | null;
      parentDocumentId: string | null;
    } | null> {
      const row = (await strapi.db.query(COMMENT_UID).findOne({
        where: { documentId },
        select: ['id', 'status', 'parentDocumentId'],
        populate: { post: { select: ['documentId'] } },
      })) as {
        id: number;
        status: CommentStatus;
        parentDocumentId: string | null;
        post?: { documentId: string } | null;
      } | null;
      if (!row) return null;
      return {
        id: row.id,
        status: row.status,
        postDocumentId: row.post?.documentId ?? null,
        parentDocumentId: row.parentDocumentId ?? null,
      };
    },

    /** The stored values of these fields of a comment, to tell what an update changes. */
    async stored(documentId: string, fields: string[]): Promise<Record<string, unknown> | null> {
      return (await strapi.db.query(COMMENT_UID).findOne({
        where: { documentId },
        select: fields,
      })) as Record<string, unknown> | null;
    },

    /**
     * Moves the replies of a comment about to be deleted up to its own parent (or to the root),
     * and answers their ids. Through the Query Engine, on the `replies` side: the moved replies
     * go after the parent's own (Strapi keeps the link table's order column) and the update's
     * lifecycle events run.
     */
    async reparentReplies(commentId: number): Promise<number[]> {
      const comments = strapi.db.query(COMMENT_UID);
      const current = (await comments.findOne({
        where: { id: commentId },
        select: ['id'],
        populate: { parent: { select: ['id'] }, replies: { select: ['id'] } },
      })) as { parent?: { id: number } | null; replies?: Array<{ id: number }> } | null;
      const replies = (current?.replies ?? []).map((reply) => reply.id);
      if (replies.length === 0) return [];
      if (current?.parent) {
        await comments.update({
          where: { id: current.parent.id },
          data: { replies: { connect: replies.map((id) => ({ id, position: { end: true } })) } },
        });
      } else {
        await comments.update({
          where: { id: commentId },
          data: { replies: { disconnect: replies } },
        });
      }
      return replies;
    },
  };
};

export type ModerationFactsRepository = ReturnType<typeof createModerationFactsRepository>;
export default createModerationFactsRepository;
