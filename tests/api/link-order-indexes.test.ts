import { rawRows } from '../../server/src/db/dialect';
import { linkOrderIndexName } from '../../server/src/db/link-order-indexes';
import {
  databaseClient,
  freshDatabase,
  removeDatabase,
  startApp,
  type TestApp,
} from '../helpers/strapi';

const TABLES = ['blog_comments_post_lnk', 'blog_comments_parent_lnk'];

/**
 * The plugin's (target, order) indexes on Strapi's two link tables of a comment
 * (db/link-order-indexes.ts) are there after every boot, including one where Strapi's schema
 * sync compares the database with a stored schema that differs (as after an upgrade), which
 * drops the indexes Strapi made itself and no longer declares, and must leave these.
 */
describe('link order indexes', () => {
  const database = freshDatabase();
  let app: TestApp | undefined;

  afterAll(async () => {
    await app?.stop();
    await removeDatabase(database);
  });

  const existing = async (name: string): Promise<boolean> => {
    const knex = app!.strapi.db.connection;
    const client = databaseClient();
    const [sql, bindings] =
      client === 'sqlite'
        ? ["SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?", [name]]
        : client === 'postgres'
          ? ['SELECT indexname AS name FROM pg_indexes WHERE indexname = ?', [name]]
          : [
              `SELECT index_name AS name FROM information_schema.statistics
                WHERE table_schema = DATABASE() AND index_name = ?`,
              [name],
            ];
    return rawRows(await knex.raw(sql, bindings)).length > 0;
  };

  it('are made on the first boot', async () => {
    app = await startApp({ database, keepDb: true });
    for (const table of TABLES) expect(await existing(linkOrderIndexName(table))).toBe(true);
  });

  it("stay through a boot where Strapi's schema sync runs against a changed stored schema", async () => {
    const knex = app!.strapi.db.connection;
    await knex('strapi_database_schema').update({ hash: 'changed by the test' });
    await app!.stop();
    app = await startApp({ database, keepDb: true });
    // The sync ran: Strapi stored the schema's own hash again.
    const [stored] = (await app.strapi.db
      .connection('strapi_database_schema')
      .select('hash')) as Array<{ hash: string }>;
    expect(stored.hash).not.toBe('changed by the test');
    for (const table of TABLES) expect(await existing(linkOrderIndexName(table))).toBe(true);
  });

  it('are made again when something dropped them', async () => {
    const knex = app!.strapi.db.connection;
    const name = linkOrderIndexName(TABLES[0]);
    if (databaseClient() === 'mysql') await knex.raw('DROP INDEX ?? ON ??', [name, TABLES[0]]);
    else await knex.raw('DROP INDEX ??', [name]);
    expect(await existing(name)).toBe(false);
    await app!.stop();
    app = await startApp({ database, keepDb: true });
    expect(await existing(name)).toBe(true);
  });
});
