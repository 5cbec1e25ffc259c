/**
 * Rows written many at a time, as Strapi 5.54.0 would write them one by one (the importer's
 * batches, import/comment-batch.ts). What this relies on, checked on a booted Strapi by
 * tests/api/import-batch.test.ts:
 * - `strapi.db.query(uid).createMany({ data })` inserts scalar fields with Strapi's own value
 *   conversions and defaults, runs the database lifecycles (`beforeCreateMany`/`afterCreateMany`),
 *   and writes no relation;
 * - a `manyToOne` relation with `inversedBy` is a link table (db/metadata.ts `relationLink`) whose
 *   inverse order column (`joinTable.inverseOrderColumnName`) holds, for each target row, the
 *   position of the owner among the target's links: Strapi writes the target's highest value + 1
 *   (entity-manager `attachRelations`); a comment links to each row of its post (draft and
 *   published);
 * - every statement here stays under `MAX_BINDINGS` bound values, so it runs on SQLite (whose
 *   oldest limit is 999), PostgreSQL and MySQL/MariaDB (65,535).
 */
import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';

import { sql } from './connection';
import { relationLink } from './metadata';

/** Bound values per statement, under every supported database's limit. */
export const MAX_BINDINGS = 999;

/** How many rows of `columns` values fit in one statement. */
export const rowsPerStatement = (columns: number) =>
  Math.max(1, Math.floor(MAX_BINDINGS / Math.max(1, columns)));

const chunks = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

type Metadata = { attributes: Record<string, unknown> };
const attributeCount = (strapi: Core.Strapi, uid: string) =>
  Object.keys((strapi.db.metadata.get(uid as never) as unknown as Metadata).attributes).length;

/**
 * Inserts rows of a content type (each with its `documentId`) through Strapi's query engine and,
 * with `withIds`, answers each row's id by documentId: one INSERT (and one SELECT) per chunk of
 * rows. The ids are read back by documentId because MySQL's INSERT answers only the first.
 */
export const insertDocuments = async (
  strapi: Core.Strapi,
  uid: string,
  rows: Array<Record<string, unknown> & { documentId: string }>,
  { withIds = true }: { withIds?: boolean } = {}
): Promise<Map<string, number>> => {
  const ids = new Map<string, number>();
  const query = strapi.db.query(uid as UID.ContentType);
  for (const chunk of chunks(rows, rowsPerStatement(attributeCount(strapi, uid)))) {
    await query.createMany({ data: chunk });
    if (!withIds) continue;
    const found = (await query.findMany({
      select: ['id', 'documentId'],
      where: { documentId: { $in: chunk.map((row) => row.documentId) } },
    })) as Array<{ id: number; documentId: string }>;
    for (const row of found) ids.set(row.documentId, row.id);
  }
  return ids;
};

interface InverseOrdered {
  table: string;
  owner: string;
  target: string;
  inverseOrder: string;
}

/** A relation's link table with its inverse order column, as Strapi's metadata names them. */
const inverseOrdered = (strapi: Core.Strapi, uid: string, attribute: string): InverseOrdered => {
  const link = relationLink(strapi, uid, attribute);
  const joinTable = (
    (strapi.db.metadata.get(uid as never) as unknown as Metadata).attributes[attribute] as {
      joinTable: { inverseOrderColumnName?: string };
    }
  ).joinTable;
  if (!joinTable.inverseOrderColumnName) {
    throw new Error(`${uid}.${attribute} has no inverse order column in Strapi's metadata`);
  }
  return { ...link, inverseOrder: joinTable.inverseOrderColumnName };
};

/**
 * Links owners to targets (pairs of row ids, in the order they would have been written one by
 * one): each target's new links numbered after its highest, as Strapi numbers them.
 */
const insertLinks = async (knex: Knex, link: InverseOrdered, pairs: Array<[number, number]>) => {
  if (pairs.length === 0) return;
  const targets = [...new Set(pairs.map(([, target]) => target))];
  const next = new Map<number, number>();
  for (const chunk of chunks(targets, MAX_BINDINGS)) {
    const rows = (await knex(link.table)
      .select(link.target)
      .max(link.inverseOrder, { as: 'max' })
      .whereIn(link.target, chunk)
      .groupBy(link.target)) as Array<Record<string, unknown>>;
    for (const row of rows) next.set(Number(row[link.target]), Number(row.max ?? 0));
  }
  const rows = pairs.map(([owner, target]) => {
    const order = (next.get(target) ?? 0) + 1;
    next.set(target, order);
    return { [link.owner]: owner, [link.target]: target, [link.inverseOrder]: order };
  });
  for (const chunk of chunks(rows, rowsPerStatement(3))) await knex(link.table).insert(chunk);
};

/**
 * Links rows of `uid` through their `attribute` (a `manyToOne` with `inversedBy`) to target rows:
 * `pairs` are [owner row id, target row id].
 */
export const linkRows = async (
  strapi: Core.Strapi,
  uid: string,
  attribute: string,
  pairs: Array<[number, number]>
) => insertLinks(await sql(strapi), inverseOrdered(strapi, uid, attribute), pairs);
