/**
 * The knex to run raw SQL with, read as Strapi 5.54.0 sets it up: `strapi.db.inTransaction()`
 * says whether the current async context is inside `strapi.db.transaction(…)`, and
 * `strapi.db.transaction()` called without a callback then answers that transaction, whose
 * `get()` is its knex transaction. Strapi documents `strapi.db.transaction(callback)` only;
 * tests/api/strapi-internals.test.ts checks the rest on a booted Strapi.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * The current transaction when there is one (a raw query outside it would wait on SQLite's
 * single connection that the transaction holds), else the pool.
 */
export const sql = async (strapi: Core.Strapi): Promise<Knex> => {
  if (strapi.db.inTransaction()) {
    const current = await strapi.db.transaction();
    return current.get() as unknown as Knex;
  }
  return strapi.db.connection as unknown as Knex;
};

/** Whether the current async context is inside `strapi.db.transaction(…)` (read as above). */
export const inTransaction = (strapi: Core.Strapi): boolean => strapi.db.inTransaction();
