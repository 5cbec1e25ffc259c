import { rawRows } from '../../server/src/db/dialect';
import { databaseClient, startApp, type TestApp } from '../helpers/strapi';

type Index = { name: string; columns: string[] };

/**
 * The lists the routes filter and sort are indexed, in any host app: the indexes are declared in
 * the content types, so Strapi creates them on boot, on SQLite, PostgreSQL and MySQL/MariaDB.
 */
describe('indexes', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const indexes = async (table: string): Promise<Index[]> =>
    (
      app.strapi.db as unknown as {
        dialect: { schemaInspector: { getIndexes(table: string): Promise<Index[]> } };
      }
    ).dialect.schemaInspector.getIndexes(table);

  /**
   * Each index's columns, in index order, read from the database's own catalog: Strapi's
   * PostgreSQL inspector lists them in table order, and its MySQL inspector leaves out the
   * primary key when an index names it.
   */
  const columnsOf = async (table: string): Promise<string[][]> => {
    const knex = app.strapi.db.connection;
    if (databaseClient() === 'postgres') {
      const { rows } = (await knex.raw('SELECT indexdef FROM pg_indexes WHERE tablename = ?', [
        table,
      ])) as { rows: Array<{ indexdef: string }> };
      return rows.map(({ indexdef }) =>
        (/\((.*)\)/.exec(indexdef)?.[1] ?? '').split(',').map((c) => c.trim().replace(/"/g, ''))
      );
    }
    if (databaseClient() === 'mysql') {
      const rows = rawRows<{ name: string; column: string }>(
        await knex.raw(
          `SELECT index_name AS name, column_name AS \`column\` FROM information_schema.statistics
            WHERE table_schema = DATABASE() AND table_name = ? ORDER BY index_name, seq_in_index`,
          [table]
        )
      );
      const byIndex = new Map<string, string[]>();
      for (const row of rows) byIndex.set(row.name, [...(byIndex.get(row.name) ?? []), row.column]);
      return [...byIndex.values()];
    }
    return (await indexes(table)).map((index) => index.columns);
  };

  it.each([
    ['blog_posts', ['slug', 'locale', 'published_at']],
    ['blog_categories', ['slug', 'locale']],
    ['blog_tags', ['slug', 'locale']],
    ['blog_authors', ['slug']],
    ['blog_posts', ['original_date', 'published_at']],
    ['blog_comments', ['status', 'submitted_at']],
    ['blog_comments', ['submitted_at']],
    // The first-time rule's lookup (an approved comment by this name and email), the duplicate rule.
    ['blog_comments', ['author_email', 'author_name', 'status']],
    // A public page of comments and its replies: one index range each (thread copies).
    ['blog_comments', ['post_document_id', 'status', 'parent_document_id', 'submitted_at', 'id']],
    ['blog_comments', ['root_document_id', 'status']],
    // The trash: the purge's due range, and what a restore brings back with a comment.
    ['blog_comments', ['status', 'trashed_at']],
    ['blog_comments', ['trash_root']],
    ['blog_comments_post_lnk', ['post_id']],
    ['blog_comments_post_lnk', ['comment_id']],
    ['blog_comments_parent_lnk', ['inv_comment_id']],
    ['blog_comments_parent_lnk', ['comment_id']],
    // A new comment's place after its post's last one, and a reply's after its parent's last
    // reply: the plugin's own indexes on Strapi's link tables (db/link-order-indexes.ts).
    ['blog_comments_post_lnk', ['post_id', 'comment_ord']],
    ['blog_comments_parent_lnk', ['inv_comment_id', 'comment_ord']],
    ['blog_moderation_events', ['comment_document_id']],
    // A post's comments feed, and when its comments last changed.
    ['blog_comments', ['post_document_id', 'status', 'submitted_at']],
    ['blog_moderation_events', ['post_document_id', 'created_at']],
    // Re-imports find what an export brought before.
    ['blog_posts', ['import_key']],
    ['blog_comments', ['import_key']],
    ['blog_import_jobs', ['started_at']],
    // What the scheduling runner finds due, every 15 seconds.
    ['blog_publication_schedules', ['done_at', 'at']],
    // What the mail sender finds due, every 10 seconds; a post's new-comment subscribers.
    ['blog_mail_outbox', ['done_at', 'due_at']],
    ['blog_mail_subscriptions', ['post_document_id', 'kind', 'id']],
  ])('%s has an index on %j', async (table, columns) => {
    expect(await columnsOf(table)).toContainEqual(columns);
  });

  /**
   * SQLite has no statistics unless ANALYZE runs, so its planner picks among indexes by their
   * shape: with `(status, trashed_at)` beside `(author_email)`, it answered the first-time rule's
   * lookup with the status index, a scan of every approved comment for each submission. The
   * lookup's own index must win. (PostgreSQL and MariaDB plan by their statistics, which a test's
   * handful of rows does not exercise: there this test is skipped.)
   */
  (databaseClient() === 'sqlite' ? it : it.skip)(
    "answers the first-time rule's lookup from the author index, not by scanning a status",
    async () => {
      const knex = app.strapi.db.connection;
      const seen: Array<{ sql: string; bindings: unknown[] }> = [];
      const listener = (query: { sql: string; bindings: unknown[] }) => seen.push(query);
      knex.on('query', listener);
      try {
        // The query of repositories/moderation-facts.ts hasApprovedComment, as Strapi builds it.
        await app.strapi.db.query('plugin::blog.comment').findOne({
          where: { authorEmail: 'ann@example.com', authorName: 'Ann', status: 'approved' },
          select: ['id'],
        });
      } finally {
        knex.removeListener('query', listener);
      }
      const lookup = seen[seen.length - 1];
      const plan = (await knex.raw(`EXPLAIN QUERY PLAN ${lookup.sql}`, lookup.bindings)) as Array<{
        detail: string;
      }>;
      expect(plan.map((row) => row.detail).join('\n')).toContain(
        'INDEX blog_comments_author_email_idx (author_email=? AND author_name=? AND status=?)'
      );
    }
  );

  /**
   * A new comment's order is the greatest of its post's links plus one. With Strapi's own indexes
   * (the post's column, the order column) SQLite reads every link of the post for it.
   */
  (databaseClient() === 'sqlite' ? it : it.skip)(
    "finds a post's last comment order in one step down the plugin's link index",
    async () => {
      const plan = (await app.strapi.db.connection.raw(
        'EXPLAIN QUERY PLAN SELECT MAX(comment_ord) FROM blog_comments_post_lnk WHERE post_id = ?',
        [1]
      )) as Array<{ detail: string }>;
      expect(plan.map((row) => row.detail).join('\n')).toContain(
        'USING COVERING INDEX blog_comments_post_lnk_blog_ord (post_id=?)'
      );
    }
  );

  it('keeps one flood mark per key, enforced by a unique index', async () => {
    const unique = (await indexes('blog_flood_marks')).find((index) =>
      index.columns.includes('key')
    );
    expect(unique).toEqual(expect.objectContaining({ columns: ['key'], type: 'unique' }));
  });

  it('keeps one pending schedule per post, locale and action, enforced by a unique index', async () => {
    const unique = (await indexes('blog_publication_schedules')).find((index) =>
      index.columns.includes('pending')
    );
    expect(unique).toEqual(
      expect.objectContaining({
        columns: ['post_document_id', 'locale', 'action', 'pending'],
        type: 'unique',
      })
    );
  });

  it('queues a mail once, keeps one subscription per address, post and kind, and uses a moderation link once: unique indexes', async () => {
    const unique = (columns: string[]) => expect.objectContaining({ columns, type: 'unique' });
    expect(await indexes('blog_mail_outbox')).toContainEqual(unique(['dedupe_key']));
    expect(await indexes('blog_mail_subscriptions')).toContainEqual(
      unique(['email_key', 'post_document_id', 'kind'])
    );
    expect(await indexes('blog_used_mail_links')).toContainEqual(unique(['key']));
  });

  it('keeps one report per client and comment, enforced by a unique index', async () => {
    const unique = (await indexes('blog_comment_reports')).find((index) =>
      index.columns.includes('client_key')
    );
    expect(unique).toEqual(
      expect.objectContaining({
        columns: ['comment_document_id', 'client_key'],
        type: 'unique',
      })
    );
  });

  it('runs one import at a time, enforced by a unique index on the lock', async () => {
    const unique = (await indexes('blog_import_jobs')).find((index) =>
      index.columns.includes('lock')
    );
    expect(unique).toEqual(expect.objectContaining({ columns: ['lock'], type: 'unique' }));
  });
});
