import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { COMMENT_UID } from '../../../contracts/plugin';
import { commentTables } from '../repositories/table-names';

import { sql } from './connection';
import { dialectOf, placeholders } from './dialect';
import { attributesOf, columnsOf, documentIdFactory, relationInverseOrder } from './metadata';

/**
 * Comments written straight into Strapi's tables, as the Document Service writes them for a type
 * without draft & publish (tests/api/comment-insert.test.ts compares both): the comment row
 * (a new documentId from Strapi's own generator unless the caller chose it, `created_at` =
 * `updated_at` = `published_at` = now, the schema's defaults
 * for what the data leaves out), the link rows to every row of its post document (its draft and
 * published rows, each at the end of that post's comments: `comment_ord` = the post's greatest
 * + 1, computed in the INSERT … SELECT) and, for a reply, the link row to its parent (at the end
 * of the parent's replies). Two statements for a root comment, three for a reply, whatever the
 * number of rows (a batch of one post's comments, as the importer writes them). On MySQL and
 * MariaDB, one more for a batch (no RETURNING: the ids are read back by documentId), and the
 * orders are read before their INSERTs (one more for a root comment, two for a reply: see
 * `linkWithReadOrder`).
 *
 * Nothing here judges or counts: the moderation service (services/moderation.ts
 * `createDirect`) prepares each row and does what follows a create.
 */

/** A comment to write: its attributes (scalar only), as the Document Service would take them. */
export interface CommentInsert {
  data: Record<string, unknown>;
  /** Its parent's documentId (a reply), or null. The thread copy `parentDocumentId` says it. */
  parentDocumentId: string | null;
  /** Its documentId when the caller needs it before the write (a batch's replies name it). */
  documentId?: string;
}

export interface InsertedComment {
  id: number;
  documentId: string;
  /** The attributes written, by attribute name (the timestamps included). */
  values: Record<string, unknown>;
}

/** Attributes the Document Service sets itself, or that are relations (link tables). */
const NOT_DATA = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'locale']);
const LINKED = new Set(['relation', 'component', 'dynamiczone', 'media']);

const toStored = (type: string | undefined, value: unknown) =>
  (type === 'datetime' || type === 'timestamp') && typeof value === 'string'
    ? new Date(value)
    : value;

/**
 * The link rows, their order computed in the same INSERT … SELECT (SQLite, PostgreSQL): each
 * comment after the post's last one (in the batch's order) on every row of the post, each reply
 * after its parent's last one (parents found by their documentId, the thread copy).
 */
const linkWithOrderInInsert = async (
  strapi: Core.Strapi,
  knex: Knex,
  postRowIds: number[],
  comments: CommentInsert[],
  documentIds: string[]
) => {
  const n = commentTables(strapi);
  // Each comment after the post's last one (in the batch's order), on every row of the post.
  const postOrder = relationInverseOrder(strapi, COMMENT_UID, 'post');
  const { postLink, parentLink } = n;
  const batch = placeholders(documentIds);
  const posts = placeholders(postRowIds);
  await knex.raw(
    `INSERT INTO ?? (??, ??, ??)
     SELECT c.id, p.id,
            COALESCE((SELECT MAX(l.??) FROM ?? l WHERE l.?? = p.id), 0)
            + (SELECT COUNT(*) FROM ?? b WHERE b.?? IN (${batch}) AND b.id <= c.id)
       FROM ?? c JOIN ?? p ON p.id IN (${posts})
      WHERE c.?? IN (${batch})
      ORDER BY c.id, p.id`,
    [
      postLink.table,
      postLink.comment,
      postLink.post,
      postOrder,
      postOrder,
      postLink.table,
      postLink.post,
      n.comments,
      n.commentDocumentId,
      ...documentIds,
      n.comments,
      n.posts,
      ...postRowIds,
      n.commentDocumentId,
      ...documentIds,
    ]
  );

  // Each reply after its parent's last one (parents found by their documentId, the thread copy).
  const replies = comments.flatMap((comment, index) =>
    comment.parentDocumentId ? [documentIds[index]] : []
  );
  if (replies.length) {
    const replyOrder = relationInverseOrder(strapi, COMMENT_UID, 'parent');
    const list = placeholders(replies);
    await knex.raw(
      `INSERT INTO ?? (??, ??, ??)
       SELECT c.id, p.id,
              COALESCE((SELECT MAX(l.??) FROM ?? l WHERE l.?? = p.id), 0)
              + (SELECT COUNT(*) FROM ?? b
                  WHERE b.?? IN (${list}) AND b.?? = c.?? AND b.id <= c.id)
         FROM ?? c JOIN ?? p ON p.?? = c.??
        WHERE c.?? IN (${list})
        ORDER BY c.id`,
      [
        parentLink.table,
        parentLink.child,
        parentLink.parent,
        replyOrder,
        replyOrder,
        parentLink.table,
        parentLink.parent,
        n.comments,
        n.commentDocumentId,
        ...replies,
        n.commentParent,
        n.commentParent,
        n.comments,
        n.comments,
        n.commentDocumentId,
        n.commentParent,
        n.commentDocumentId,
        ...replies,
      ]
    );
  }
};

/**
 * The link rows on MySQL and MariaDB, ordered as Strapi orders them (the targets' greatest order
 * read first, without locking, then one INSERT): InnoDB's INSERT … SELECT locks the rows and gaps
 * it reads in the link table, and two submissions on one post then deadlock on each other's locks.
 * Two statements for a root comment, four for a reply, whatever the number of rows.
 */
const linkWithReadOrder = async (
  strapi: Core.Strapi,
  knex: Knex,
  postRowIds: number[],
  comments: CommentInsert[],
  ids: number[]
) => {
  const n = commentTables(strapi);
  const { postLink, parentLink } = n;
  const postOrder = relationInverseOrder(strapi, COMMENT_UID, 'post');
  const greatest = (rows: Array<Record<string, unknown>>, key: string) =>
    new Map(rows.map((row) => [Number(row[key]), Number(row.max ?? 0)]));
  const postMax = greatest(
    (await knex(postLink.table)
      .select(postLink.post)
      .max(postOrder, { as: 'max' })
      .whereIn(postLink.post, postRowIds)
      .groupBy(postLink.post)) as Array<Record<string, unknown>>,
    postLink.post
  );
  const postRows = ids.flatMap((id) =>
    postRowIds.map((post) => {
      const order = (postMax.get(post) ?? 0) + 1;
      postMax.set(post, order);
      return { [postLink.comment]: id, [postLink.post]: post, [postOrder]: order };
    })
  );
  await knex(postLink.table).insert(postRows);

  const replies = comments.flatMap((comment, index) =>
    comment.parentDocumentId ? [{ id: ids[index], parent: comment.parentDocumentId }] : []
  );
  if (replies.length === 0) return;
  const replyOrder = relationInverseOrder(strapi, COMMENT_UID, 'parent');
  // The parents' row ids with their replies' greatest order, in one read.
  const parents = (await knex(`${n.comments} as c`)
    .select({ id: 'c.id', documentId: `c.${n.commentDocumentId}` })
    .select(
      knex(`${parentLink.table} as l`)
        .max(`l.${replyOrder}`)
        .where(`l.${parentLink.parent}`, knex.ref('c.id'))
        .as('max')
    )
    .whereIn(`c.${n.commentDocumentId}`, [
      ...new Set(replies.map((reply) => reply.parent)),
    ])) as Array<{
    id: number;
    documentId: string;
    max: number | null;
  }>;
  const parentOf = new Map(parents.map((row) => [row.documentId, Number(row.id)]));
  const replyMax = new Map(parents.map((row) => [Number(row.id), Number(row.max ?? 0)]));
  const replyRows = replies.flatMap(({ id, parent }) => {
    const parentId = parentOf.get(parent);
    if (parentId === undefined) return [];
    const order = (replyMax.get(parentId) ?? 0) + 1;
    replyMax.set(parentId, order);
    return [{ [parentLink.child]: id, [parentLink.parent]: parentId, [replyOrder]: order }];
  });
  if (replyRows.length) await knex(parentLink.table).insert(replyRows);
};

/**
 * Writes these comments, all on one post (`postRowIds`: the ids of every row of the post
 * document to link to) in the current transaction, and answers them in the same order.
 */
export const insertComments = async (
  strapi: Core.Strapi,
  postRowIds: number[],
  comments: CommentInsert[]
): Promise<InsertedComment[]> => {
  if (comments.length === 0) return [];
  const knex = await sql(strapi);
  const n = commentTables(strapi);
  const attributes = attributesOf(strapi, COMMENT_UID);
  const column = columnsOf(strapi, COMMENT_UID);
  const now = new Date();
  const newDocumentId = documentIdFactory(strapi, COMMENT_UID);

  const written = comments.map(({ data, documentId }) => {
    const values: Record<string, unknown> = {};
    for (const [name, attribute] of Object.entries(attributes)) {
      if (NOT_DATA.has(name) || LINKED.has(attribute.type ?? '')) continue;
      const value = data[name] !== undefined ? data[name] : attribute.default;
      if (value !== undefined) values[name] = toStored(attribute.type, value);
    }
    Object.assign(values, { createdAt: now, updatedAt: now, publishedAt: now });
    return { documentId: documentId ?? newDocumentId(), values };
  });
  const rows = written.map(({ documentId, values }) => {
    const row: Record<string, unknown> = { [n.commentDocumentId]: documentId };
    for (const [name, value] of Object.entries(values)) row[column(name)] = value;
    return row;
  });
  const documentIds = written.map((comment) => comment.documentId);

  let ids: number[];
  if (dialectOf(strapi) === 'mysql') {
    await knex(n.comments).insert(rows);
    const found = (await knex(n.comments)
      .select({ id: 'id', documentId: n.commentDocumentId })
      .whereIn(n.commentDocumentId, documentIds)) as Array<{ id: number; documentId: string }>;
    const byDocument = new Map(found.map((row) => [row.documentId, Number(row.id)]));
    ids = documentIds.map((documentId) => byDocument.get(documentId) ?? 0);
  } else {
    const returned = (await knex(n.comments).insert(rows).returning('id')) as Array<
      { id: number } | number
    >;
    ids = returned.map((row) => Number(typeof row === 'object' ? row.id : row));
  }

  if (dialectOf(strapi) === 'mysql') {
    await linkWithReadOrder(strapi, knex, postRowIds, comments, ids);
  } else {
    await linkWithOrderInInsert(strapi, knex, postRowIds, comments, documentIds);
  }

  return written.map((comment, index) => ({ ...comment, id: ids[index] }));
};
