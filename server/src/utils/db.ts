import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * The knex to run raw SQL with: the current transaction when there is one (a raw query outside
 * it would wait on SQLite's single connection that the transaction holds), else the pool.
 */
export const sql = async (strapi: Core.Strapi): Promise<Knex> => {
  if (strapi.db.inTransaction()) {
    const current = await strapi.db.transaction();
    return current.get() as unknown as Knex;
  }
  return strapi.db.connection as unknown as Knex;
};
