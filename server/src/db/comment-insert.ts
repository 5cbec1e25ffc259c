import type { Core } from '@strapi/strapi';

import { COMMENT_UID } from '../../../contracts/plugin';
import { commentTables } from '../repositories/table-names';

import { sql } from './connection';
import { dialectOf } from './dialect';
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
 * number of rows (a batch of one post's comments, as the importer writes them), plus one on
 * MySQL/MariaDB for a batch (no RETURNING: the ids are read back by documentId).
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

  // Each comment after the post's last one (in the batch's order), on every row of the post.
  const postOrder = relationInverseOrder(strapi, COMMENT_UID, 'post');
  const { postLink, parentLink } = n;
  const batch = documentIds.map(() => '?').join(', ');
  const posts = postRowIds.map(() => '?').join(', ');
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
    const list = replies.map(() => '?').join(', ');
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

  return written.map((comment, index) => ({ ...comment, id: ids[index] }));
};
