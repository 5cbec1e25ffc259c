import type { Core } from '@strapi/strapi';

import { FLOOD_MARK_UID } from '../models/flood-mark';
import { sql } from '../utils/db';

/**
 * The flood limit, kept in the database so it holds across Strapi instances: one row per key
 * (a keyed hash of an IP or an email) with the time that key may comment again. Passing is one
 * atomic upsert per key: it moves the time forward only if the old one has passed.
 */
const createFloodService = ({ strapi }: { strapi: Core.Strapi }) => {
  const table = () => strapi.db.metadata.get(FLOOD_MARK_UID).tableName;

  return {
    /** Null when every key may comment now (and is marked), else seconds to wait. */
    async pass(keys: string[], intervalSeconds: number, now: Date): Promise<number | null> {
      if (intervalSeconds <= 0 || keys.length === 0) return null;
      const knex = await sql(strapi);
      const nowMs = now.getTime();
      const until = nowMs + intervalSeconds * 1000;
      for (const key of keys) {
        const passed = await knex(table())
          .insert({ key, until })
          .onConflict('key')
          .merge(['until'])
          .where(`${table()}.until`, '<=', nowMs)
          .returning('key');
        if (passed.length === 0) {
          const row = await knex(table()).where({ key }).first('until');
          return Math.max(1, Math.ceil((Number(row?.until ?? until) - nowMs) / 1000));
        }
      }
      return null;
    },

    /** Forgets marks that have expired: they no longer hold anyone back. */
    async prune(now: Date) {
      const knex = await sql(strapi);
      return knex(table()).where('until', '<', now.getTime()).delete();
    },
  };
};

export type FloodService = ReturnType<typeof createFloodService>;
export default createFloodService;
