import type { Core } from '@strapi/strapi';

import { tableName } from '../db/metadata';
import type { ExpiringKeyRow } from '../models/expiring-key';
import { FLOOD_MARK_UID } from '../models/flood-mark';
import { USED_FORM_TOKEN_UID } from '../models/used-form-token';
import { USED_MAIL_LINK_UID } from '../models/used-mail-link';
import { dialectOf, insertIfAbsent, moveForwardIfPassedEach } from '../db/dialect';
import { sql } from '../db/connection';

/**
 * The flood limit and single-use form tokens, kept in the database so they hold across Strapi
 * instances. Flood: one row per key (a keyed hash of an IP network or an email's mailbox) with
 * the time that key may comment again; passing is one atomic upsert of every key (one statement
 * on SQLite and PostgreSQL) that moves each key's time forward only if its old one has passed: a
 * comment held back by one key still marks the others it passed. Form tokens: one row per used token; using one is an
 * atomic insert-or-nothing.
 */
const createFloodService = ({ strapi }: { strapi: Core.Strapi }) => {
  const table = () => tableName(strapi, FLOOD_MARK_UID);
  const usedTokens = () => tableName(strapi, USED_FORM_TOKEN_UID);

  return {
    /** Null when every key may comment now (and is marked), else seconds to wait. */
    async pass(keys: string[], intervalSeconds: number, now: Date): Promise<number | null> {
      if (intervalSeconds <= 0 || keys.length === 0) return null;
      const knex = await sql(strapi);
      const nowMs = now.getTime();
      const until = nowMs + intervalSeconds * 1000;
      const rows = [...new Set(keys)].map((key) => ({ key, until }));
      const moved = await moveForwardIfPassedEach(knex, dialectOf(strapi), table(), rows, nowMs);
      const held = rows.find((row) => !moved.has(row.key));
      if (held) {
        const row = (await knex(table()).where({ key: held.key }).first('until')) as
          Pick<ExpiringKeyRow, 'until'> | undefined;
        return Math.max(1, Math.ceil((Number(row?.until ?? until) - nowMs) / 1000));
      }
      return null;
    },

    /**
     * Marks a form token (its keyed hash) used until `until` (ms): true the first time, false
     * when it was used already, whichever instance used it.
     */
    async useToken(key: string, until: number): Promise<boolean> {
      const knex = await sql(strapi);
      return insertIfAbsent(knex, dialectOf(strapi), usedTokens(), { key, until });
    },

    /** Forgets marks and used tokens that have expired: they no longer hold anyone back. */
    async prune(now: Date) {
      const knex = await sql(strapi);
      const marks = await knex(table()).where('until', '<', now.getTime()).delete();
      await knex(usedTokens()).where('until', '<', now.getTime()).delete();
      await knex(tableName(strapi, USED_MAIL_LINK_UID)).where('until', '<', now.getTime()).delete();
      return marks;
    },
  };
};

export type FloodService = ReturnType<typeof createFloodService>;
export default createFloodService;
