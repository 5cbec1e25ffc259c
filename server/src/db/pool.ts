/**
 * The database pool's use, read as Strapi 5.54.0 sets it up: `strapi.db.connection` is a knex
 * instance (knex 3) whose `client.pool` is a tarn 3 pool with `numUsed()`,
 * `numPendingAcquires()` and `numPendingCreates()`. Neither Strapi nor knex documents these;
 * tests/api/strapi-internals.test.ts checks them on a booted Strapi.
 */
import type { Core } from '@strapi/strapi';

/** The parts of the pool (tarn) that say whether anything is using it or waiting for it. */
interface TarnPool {
  numUsed(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

/**
 * Whether any query holds or waits for a connection; undefined when there is no pool to ask
 * (the database is closed already).
 */
export const poolActivity = (strapi: Core.Strapi): (() => boolean) | undefined => {
  const pool = (strapi.db?.connection as unknown as { client?: { pool?: TarnPool } } | undefined)
    ?.client?.pool;
  if (!pool) return undefined;
  return () => pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0;
};
