/**
 * Several values of Strapi's core store in one statement. `strapi.store(...).get` reads one key
 * per statement; a public submission needs two (the plugin's moderation settings and i18n's
 * default locale), so this reads them together, in the shape @strapi/core 5 stores them: table
 * `strapi::core-store`, key `${type}_${name}_${key}` with `environment` and `tag` null, the value
 * JSON text (a `number` type holds a plain number) and null when no row exists.
 * tests/api/strapi-internals.test.ts checks it answers what `strapi.store().get` answers.
 */
import type { Core } from '@strapi/strapi';

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

/** The values of `keys`, in their order (null for a key not stored), read in one statement. */
export const readStoreValues = async (
  strapi: Core.Strapi,
  keys: StoreKey[]
): Promise<unknown[]> => {
  const names = keys.map(fullKey);
  const rows = (await strapi.db.query('strapi::core-store').findMany({
    where: { key: { $in: names }, environment: null, tag: null },
    select: ['key', 'value', 'type'],
  })) as StoreRow[];
  return names.map((name) => parse(rows.find((row) => row.key === name)));
};
