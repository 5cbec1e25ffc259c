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

/** Rows of a `knex.raw` result, whatever the client (an array on SQLite, `.rows` on PostgreSQL). */
export const rawRows = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
