/**
 * Two indexes the plugin adds to Strapi's link tables of a comment: (post row, the comment's
 * place among the post's comments) on the comment → post link, and (parent row, the reply's
 * place among its parent's replies) on the comment → parent link.
 *
 * Every new comment is linked after the last one: its order is the greatest order of its post's
 * links, plus one (db/comment-insert.ts, and Strapi's own Document Service the same way). With
 * Strapi's indexes alone (one on the post's column, one on the order column) that `MAX` reads
 * every link of the post, so a submission costs more the more comments its post has; with the
 * pair it is one step down an index on SQLite, PostgreSQL and MySQL/MariaDB.
 *
 * Strapi's schema sync does not declare indexes on link tables for an app, and it drops only the
 * indexes its own stored schema had (@strapi/database 5 `schema/diff.js`, diffTableIndexes), so
 * these stay; if Strapi ever builds the table again, the next boot adds them again.
 * tests/api/link-order-indexes.test.ts checks they exist after boot, after a boot whose schema sync
 * runs, and again after being dropped, on every database; tests/api/indexes.test.ts lists them.
 */
import type { Core } from '@strapi/strapi';

import { COMMENT_UID } from '../../../contracts/plugin';

import { dialectOf } from './dialect';
import { relationInverseOrder, relationLink } from './metadata';
import { sql } from './connection';

/** The index name on a link table: Strapi's own end in `_fk`, `_ifk`, `_uq`, `_oifk`. */
export const linkOrderIndexName = (table: string) => `${table}_blog_ord`;

/** The two link tables' (target row, order) column pairs, read from Strapi's metadata. */
export const linkOrderIndexes = (strapi: Core.Strapi) =>
  (['post', 'parent'] as const).map((attribute) => {
    const link = relationLink(strapi, COMMENT_UID, attribute);
    return {
      table: link.table,
      name: linkOrderIndexName(link.table),
      columns: [link.target, relationInverseOrder(strapi, COMMENT_UID, attribute)],
    };
  });

/** Adds the indexes that are missing (on boot). */
export const ensureLinkOrderIndexes = async (strapi: Core.Strapi) => {
  const knex = await sql(strapi);
  const mysql = dialectOf(strapi) === 'mysql';
  for (const index of linkOrderIndexes(strapi)) {
    const marks = index.columns.map(() => '??').join(', ');
    const bindings = [index.name, index.table, ...index.columns];
    const create = async () => {
      if (!mysql) {
        await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (${marks})`, bindings);
        return;
      }
      // MySQL 8 has no CREATE INDEX IF NOT EXISTS (MariaDB has): its catalog says.
      const found: unknown = await knex('information_schema.statistics')
        .where({ table_schema: knex.raw('DATABASE()'), table_name: index.table })
        .andWhere('index_name', index.name)
        .first('index_name');
      if (!found) await knex.raw(`CREATE INDEX ?? ON ?? (${marks})`, bindings);
    };
    try {
      await create();
    } catch {
      // Another instance booting on the same database made it first: this second try sees it.
      await create();
    }
  }
};
