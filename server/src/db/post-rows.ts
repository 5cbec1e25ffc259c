/**
 * A published post's own row by slug and locale, the first read of a public post, in one raw
 * statement on the post's (slug, locale, published_at) index instead of the query engine's
 * findOne: the query engine builds the same SELECT anew on every call, and on SQLite knex
 * compiles it anew too; here it is formatted and compiled once (db/prepared-reads.ts). The row's
 * values come back as the query engine's fields convert them (db/field-values.ts);
 * tests/api/strapi-internals.test.ts compares the two on every database.
 */
import type { Core } from '@strapi/strapi';

import { POST_UID } from '../../../contracts/plugin';

import { selectAs } from './dialect';
import { fromFieldOf } from './field-values';
import { attributesOf, columnsOf, tableName } from './metadata';
import { ownBorrows, type SelectRows } from './prepared-reads';

/**
 * The published row of `slug` in `locale` with these attributes, or null (through `read` when
 * given: a borrow of prepared-reads.ts' `withReads`).
 */
export const readPublishedPostRow = async <T>(
  strapi: Core.Strapi,
  attributes: readonly string[],
  slug: string,
  locale: string,
  read: SelectRows = ownBorrows(strapi)
): Promise<T | null> => {
  const column = columnsOf(strapi, POST_UID);
  const types = attributesOf(strapi, POST_UID);
  const select = selectAs(Object.fromEntries(attributes.map((name) => [name, column(name)])));
  const [row] = await read<Record<string, unknown>>(
    `SELECT ${select.list} FROM ??
      WHERE ?? = ? AND ?? = ? AND ?? IS NOT NULL LIMIT 1`,
    [
      ...select.bindings,
      tableName(strapi, POST_UID),
      column('slug'),
      slug,
      column('locale'),
      locale,
      column('publishedAt'),
    ]
  );
  if (!row) return null;
  const converted: Record<string, unknown> = {};
  for (const name of attributes) {
    const value = row[name];
    converted[name] =
      value === null || value === undefined ? null : fromFieldOf(types[name]?.type ?? '')(value);
  }
  return converted as T;
};
