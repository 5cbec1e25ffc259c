import type { DatabaseModel } from './database-model';

/** A key and until when it holds (ms since the epoch; text on PostgreSQL, a biginteger). */
export interface ExpiringKeyRow {
  id: number;
  key: string;
  until: number | string;
}

/**
 * A database-only table of keys that hold until a time, one row per key. The unique index makes
 * "take this key" one atomic statement, so it holds across several Strapi instances on one
 * database; rows past their time are pruned hourly.
 */
export const expiringKeyModel = (uid: string, singularName: string, tableName: string) =>
  ({
    uid,
    singularName,
    tableName,
    attributes: {
      id: { type: 'increments' },
      key: { type: 'string', column: { notNullable: true } },
      until: { type: 'biginteger', column: { notNullable: true } },
    },
    indexes: [{ name: `${tableName}_key_uq`, columns: ['key'], type: 'unique' }],
  }) satisfies DatabaseModel<ExpiringKeyRow>;
