/**
 * Several values of Strapi's core store in one statement. `strapi.store(...).get` reads one key
 * per statement; a public submission needs two (the plugin's moderation settings and i18n's
 * default locale), so this reads them together, in the shape @strapi/core 5 stores them: table
 * `strapi::core-store`, key `${type}_${name}_${key}` with `environment` and `tag` null, the value
 * JSON text (a `number` type holds a plain number) and null when no row exists. The statement is
 * a raw one (db/prepared-reads.ts): a public read asks for the default locale on every request.
 * tests/api/strapi-internals.test.ts checks it answers what `strapi.store().get` answers.
 */
import type { Core } from '@strapi/strapi';

import { placeholders, selectAs } from './dialect';
import { columnsOf, tableName } from './metadata';
import { ownBorrows, type SelectRows } from './prepared-reads';

const CORE_STORE_UID = 'strapi::core-store';

export interface StoreKey {
  type: 'plugin' | 'core';
  name: string;
  key: string;
}

interface StoreRow {
  key: string;
  value: string | null;
  type: string | null;
}

const fullKey = ({ type, name, key }: StoreKey) => `${type}_${name}_${key}`;

const parse = (row: StoreRow | undefined): unknown => {
  if (!row || row.value === null) return null;
  if (row.type === 'number') return Number(row.value);
  if (['object', 'array', 'boolean', 'string'].includes(row.type ?? '')) {
    try {
      return JSON.parse(row.value);
    } catch {
      return new Date(row.value);
    }
  }
  return null;
};

/**
 * The values of `keys`, in their order (null for a key not stored), read in one statement
 * (through `read` when given: a borrow of prepared-reads.ts' `withReads`).
 */
export const readStoreValues = async (
  strapi: Core.Strapi,
  keys: StoreKey[],
  read: SelectRows = ownBorrows(strapi)
): Promise<unknown[]> => {
  const names = keys.map(fullKey);
  const column = columnsOf(strapi, CORE_STORE_UID);
  const select = selectAs({ key: column('key'), value: column('value'), type: column('type') });
  const rows = await read<StoreRow>(
    `SELECT ${select.list} FROM ??
      WHERE ?? IN (${placeholders(names)}) AND ?? IS NULL AND ?? IS NULL`,
    [
      ...select.bindings,
      tableName(strapi, CORE_STORE_UID),
      column('key'),
      ...names,
      column('environment'),
      column('tag'),
    ]
  );
  return names.map((name) => parse(rows.find((row) => row.key === name)));
};
