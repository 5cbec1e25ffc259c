import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import type { Core } from '@strapi/strapi';

import components from '../../server/src/components';
import { POST_PUBLIC_FILTER_FIELDS } from '../../contracts/posts';
import {
  AUTHOR_UID,
  CATEGORY_UID,
  COMMENT_UID,
  LESSON_COMPONENT_UID,
  POST_UID,
  SEO_COMPONENT_UID,
} from '../../contracts/plugin';
import { permissionParts } from '../../server/src/db/admin-permissions';
import { sql } from '../../server/src/db/connection';
import { dialectOf, rawRows } from '../../server/src/db/dialect';
import { selectRows, withReads, type SelectRows } from '../../server/src/db/prepared-reads';
import { EDIT_ROW_WIDTH, viewConfiguration } from '../../server/src/db/content-manager';
import {
  attributesOf,
  columnsOf,
  componentLink,
  mediaLink,
  relationInverseOrder,
  relationLink,
  tableName,
} from '../../server/src/db/metadata';
import { poolActivity } from '../../server/src/db/pool';
import { readPostExtras } from '../../server/src/db/post-extras';
import { readPostRelations } from '../../server/src/db/post-relations';
import { readPublishedPostRow } from '../../server/src/db/post-rows';
import { readPostTaxonomy } from '../../server/src/db/post-taxonomy';
import { readStoreValues } from '../../server/src/db/store-values';
import createLocales from '../../server/src/i18n/locales';
import { abilityOfAdmin, contentManagerPermissions } from '../../server/src/db/publish-permission';
import { COMMENT_COUNT_COLUMNS, COMMENT_COUNT_UID } from '../../server/src/models/comment-count';
import { FLOOD_MARK_UID } from '../../server/src/models/flood-mark';
import { USED_FORM_TOKEN_UID } from '../../server/src/models/used-form-token';
import { COMMENT_REPORT_COLUMNS, COMMENT_REPORT_UID } from '../../server/src/models/comment-report';
import { previewOrigin } from '../../server/src/preview/url';
import { getPluginConfig } from '../../server/src/utils/plugin-config';
import { MEDIA_SELECT } from '../../server/src/utils/serialize-media';
import { adminToken } from '../helpers/admin';
import { findPostSubject } from '../../server/src/schedules/post-subject';
import { DEMO_ADMIN } from '../helpers/admin';
import {
  createCategory,
  createAuthor,
  createComment,
  createPost,
  createTag,
  ensureLocale,
  translatePost,
} from '../helpers/factories';
import { uploadImage } from '../helpers/media';
import { startApp, type TestApp } from '../helpers/strapi';

const load = createRequire(__filename);
const STRAPI_VERSION = (load('@strapi/core/package.json') as { version: string }).version;

/**
 * Fails with the file of server/src/db/ that needs a look and the Strapi shape it relies on,
 * rather than with an error somewhere in the plugin after a Strapi upgrade.
 */
const relies = (ok: unknown, file: string, shape: string) => {
  if (!ok) {
    throw new Error(
      `server/src/db/${file} relies on ${shape}; Strapi ${STRAPI_VERSION} no longer has it.`
    );
  }
};

/** Every (uid, attribute) whose link table the plugin's raw SQL reads. */
const RELATIONS: Array<[string, string]> = [
  [COMMENT_UID, 'post'],
  [COMMENT_UID, 'parent'],
  [POST_UID, 'categories'],
  [POST_UID, 'tags'],
  [POST_UID, 'author'],
  [CATEGORY_UID, 'parent'],
];
const COMPONENTS: Array<[string, string, string]> = [
  [POST_UID, 'lessons', LESSON_COMPONENT_UID],
  [POST_UID, 'seo', SEO_COMPONENT_UID],
];
const TABLES = [
  POST_UID,
  COMMENT_UID,
  LESSON_COMPONENT_UID,
  SEO_COMPONENT_UID,
  COMMENT_COUNT_UID,
  FLOOD_MARK_UID,
  USED_FORM_TOKEN_UID,
  COMMENT_REPORT_UID,
];

/**
 * The plugin reaches below Strapi's public API only in server/src/db/. Each test here checks,
 * on the Strapi this project installs, one shape a file there relies on, so that an upgrade
 * that changes it fails here, by name, instead of at a reader's first comment.
 */
describe(`Strapi internals the plugin relies on (Strapi ${STRAPI_VERSION})`, () => {
  let app: TestApp;
  let strapi: Core.Strapi;

  const hasColumn = async (table: string, column: string) =>
    (await sql(strapi)).schema.hasColumn(table, column);

  beforeAll(async () => {
    app = await startApp();
    strapi = app.strapi;
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('db/metadata.ts', () => {
    it('reads each table name from strapi.db.metadata.get(uid).tableName', async () => {
      const metadata = (strapi.db as unknown as { metadata?: { get?: unknown } }).metadata;
      relies(typeof metadata?.get === 'function', 'metadata.ts', 'strapi.db.metadata.get(uid)');
      for (const uid of TABLES) {
        const table = tableName(strapi, uid);
        relies(
          typeof table === 'string' && (await (await sql(strapi)).schema.hasTable(table)),
          'metadata.ts',
          `strapi.db.metadata.get('${uid}').tableName naming a table of the database`
        );
      }
    });

    it('reads columns from attributes[name].columnName, snake case, shortened names included', async () => {
      const post = columnsOf(strapi, POST_UID);
      const comment = columnsOf(strapi, COMMENT_UID);
      const columns: Array<[string, string]> = [
        [POST_UID, post('documentId')],
        [POST_UID, post('publishedAt')],
        [COMMENT_UID, comment('postDocumentId')],
        [COMMENT_UID, comment('submittedAt')],
        [LESSON_COMPONENT_UID, columnsOf(strapi, LESSON_COMPONENT_UID)('text')],
        [SEO_COMPONENT_UID, columnsOf(strapi, SEO_COMPONENT_UID)('noIndex')],
      ];
      relies(
        post('documentId') === 'document_id',
        'metadata.ts',
        "metadata.attributes.documentId.columnName ('document_id')"
      );
      for (const [uid, column] of columns) {
        relies(
          await hasColumn(tableName(strapi, uid), column),
          'metadata.ts',
          `metadata.attributes[name].columnName naming a column of ${uid} (${column})`
        );
      }
    });

    it.each(RELATIONS)(
      'reads the link table of %s.%s from attributes[name].joinTable',
      async (uid, attribute) => {
        const shape = `metadata.attributes.${attribute}.joinTable.{name, joinColumn.name, inverseJoinColumn.name} (${uid})`;
        let link: ReturnType<typeof relationLink> | undefined;
        try {
          link = relationLink(strapi, uid, attribute);
        } catch {
          link = undefined;
        }
        relies(link?.table && link.owner && link.target, 'metadata.ts', shape);
        for (const column of [link!.owner, link!.target]) {
          relies(await hasColumn(link!.table, column), 'metadata.ts', shape);
        }
      }
    );

    it.each(COMPONENTS)(
      'reads the component join table of %s.%s: order, field and type columns',
      async (uid, attribute, component) => {
        const shape = `metadata.attributes.${attribute}.joinTable.{orderColumnName, pivotColumns: [entity, component, field, component type]} (${uid})`;
        let link: ReturnType<typeof componentLink> | undefined;
        try {
          link = componentLink(strapi, uid, attribute);
        } catch {
          link = undefined;
        }
        relies(link, 'metadata.ts', shape);
        for (const column of [
          link!.entity,
          link!.component,
          link!.order,
          link!.field,
          link!.type,
        ]) {
          relies(await hasColumn(link!.table, column), 'metadata.ts', shape);
        }

        const post = await createPost(strapi, {
          lessons: ['A lesson'],
          seo: { metaTitle: 'Internals' },
        });
        const row = (await strapi.db
          .query(POST_UID)
          .findOne({ where: { documentId: post.documentId }, select: ['id'] })) as { id: number };
        const rows = (await (
          await sql(strapi)
        )(link!.table)
          .where(link!.entity, row.id)
          .select({ field: link!.field, type: link!.type })) as Array<{
          field: string;
          type: string;
        }>;
        relies(
          rows.some((r) => r.field === attribute && r.type === component),
          'metadata.ts',
          `the ${link!.field} and ${link!.type} columns of ${link!.table} holding the attribute's name and the component's uid`
        );
      }
    );
  });

  describe('db/comment-insert.ts', () => {
    it.each([['post'], ['parent']])(
      "reads the order of comment.%s's link rows from joinTable.inverseOrderColumnName",
      async (attribute) => {
        const shape = `metadata.attributes.${attribute}.joinTable.inverseOrderColumnName (${COMMENT_UID}), a column of its link table`;
        let order: string | undefined;
        try {
          order = relationInverseOrder(strapi, COMMENT_UID, attribute);
        } catch {
          order = undefined;
        }
        relies(order, 'metadata.ts', shape);
        const link = relationLink(strapi, COMMENT_UID, attribute);
        relies(await hasColumn(link.table, order!), 'comment-insert.ts', shape);
        relies(
          await hasColumn(link.table, 'id'),
          'comment-insert.ts',
          `an id column on ${link.table}`
        );
      }
    );

    it("writes the attributes Strapi's metadata lists, with their types and defaults", async () => {
      const attributes = attributesOf(strapi, COMMENT_UID);
      const column = columnsOf(strapi, COMMENT_UID);
      const table = tableName(strapi, COMMENT_UID);
      relies(
        attributes.submittedAt?.type === 'datetime' &&
          attributes.post?.type === 'relation' &&
          attributes.staff?.default === false,
        'metadata.ts',
        `metadata.attributes[name].{type, default} (${COMMENT_UID})`
      );
      for (const name of ['documentId', 'createdAt', 'updatedAt', 'publishedAt', 'submittedAt']) {
        relies(
          await hasColumn(table, column(name)),
          'comment-insert.ts',
          `the ${column(name)} column of ${table}`
        );
      }
    });
  });

  describe('db/registries.ts', () => {
    it("registers components in the shape @strapi/core's component loader builds", async () => {
      // The loader reads the app's compiled components: give it the plugin's, in a folder.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-components-'));
      let built: Record<string, Record<string, unknown>> = {};
      try {
        for (const [uid, schema] of Object.entries(components)) {
          const [category, name] = uid.split('.');
          fs.mkdirSync(path.join(dir, category), { recursive: true });
          fs.writeFileSync(path.join(dir, category, `${name}.json`), JSON.stringify(schema));
        }
        const loaderFile = path.join(
          path.dirname(load.resolve('@strapi/core')),
          'loaders',
          'components.js'
        );
        relies(
          fs.existsSync(loaderFile),
          'registries.ts',
          "@strapi/core's component loader (dist/loaders/components.js)"
        );
        const loadComponents = load(loaderFile) as (strapi: unknown) => Promise<void>;
        await loadComponents({
          dirs: { dist: { components: dir }, app: { components: dir } },
          get: () => ({ add: (all: typeof built) => (built = all) }),
          stopWithError: (message: string) => {
            throw new Error(message);
          },
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }

      for (const [uid, schema] of Object.entries(components)) {
        // What the loader adds to a component's schema, `__filename__` (its file) aside.
        const core = JSON.parse(JSON.stringify(built[uid] ?? {}));
        delete core.__schema__?.__filename__;
        const added = Object.keys(core).filter((key) => !(key in schema) && key !== '__filename__');
        const ours = JSON.parse(JSON.stringify(strapi.get('components').get(uid) ?? {}));
        for (const key of ['uid', 'category', 'modelType', 'modelName', 'globalId', '__schema__']) {
          relies(added.includes(key), 'registries.ts', `the core loader setting ${key}`);
        }
        for (const key of added) {
          relies(
            JSON.stringify(ours[key]) === JSON.stringify(core[key]),
            'registries.ts',
            `the core loader's component shape: ${key} = ${JSON.stringify(core[key]).slice(0, 80)}`
          );
        }
      }
    });

    it("registers database-only models with strapi.get('models').add, tables built on boot", async () => {
      for (const uid of [
        COMMENT_COUNT_UID,
        FLOOD_MARK_UID,
        USED_FORM_TOKEN_UID,
        COMMENT_REPORT_UID,
      ]) {
        relies(
          strapi.get('models').get(uid),
          'registries.ts',
          `strapi.get('models') keeping ${uid}`
        );
      }
      // models/comment-count.ts names its columns for its index and the raw SQL.
      const column = columnsOf(strapi, COMMENT_COUNT_UID);
      relies(
        Object.entries(COMMENT_COUNT_COLUMNS).every(
          ([attribute, name]) => column(attribute) === name
        ),
        'registries.ts',
        "attribute columns in snake case (postDocumentId → 'post_document_id', see models/comment-count.ts)"
      );
      const reportColumn = columnsOf(strapi, COMMENT_REPORT_UID);
      relies(
        Object.entries(COMMENT_REPORT_COLUMNS).every(
          ([attribute, name]) => reportColumn(attribute) === name
        ),
        'registries.ts',
        'the report columns in snake case (see models/comment-report.ts)'
      );
    });
  });

  describe('db/pool.ts', () => {
    it("reads tarn's numUsed, numPendingAcquires and numPendingCreates on the knex pool", async () => {
      const pool = (
        strapi.db.connection as unknown as { client?: { pool?: Record<string, unknown> } }
      ).client?.pool;
      for (const method of ['numUsed', 'numPendingAcquires', 'numPendingCreates']) {
        relies(
          typeof pool?.[method] === 'function',
          'pool.ts',
          `strapi.db.connection.client.pool.${method}()`
        );
      }
      const busy = poolActivity(strapi)!;
      let during: boolean | undefined;
      await strapi.db.transaction(async () => {
        await strapi.db.query(POST_UID).count({});
        during = busy();
      });
      relies(during === true, 'pool.ts', 'a transaction counting in pool.numUsed()');
    });
  });

  describe('db/connection.ts', () => {
    it('finds the current transaction with inTransaction() and transaction().get()', async () => {
      relies(strapi.db.inTransaction() === false, 'connection.ts', 'strapi.db.inTransaction()');
      const outside = await sql(strapi);
      relies(
        outside === (strapi.db.connection as unknown),
        'connection.ts',
        'strapi.db.connection as the pool outside a transaction'
      );
      let same = false;
      let inside = false;
      await strapi.db.transaction(async ({ trx }) => {
        inside = strapi.db.inTransaction();
        same = (await sql(strapi)) === (trx as unknown);
      });
      relies(inside, 'connection.ts', 'strapi.db.inTransaction() inside strapi.db.transaction()');
      relies(
        same,
        'connection.ts',
        'strapi.db.transaction() without a callback answering the current transaction, whose get() is its knex transaction'
      );
    });
  });

  describe('db/prepared-reads.ts', () => {
    const postsTable = () => tableName(strapi, POST_UID);
    const read = (title: string) =>
      selectRows<{ title: string; at: number | string | Date }>(
        strapi,
        'SELECT ?? AS title, ? AS at FROM ?? WHERE ?? = ?',
        ['title', 7, postsTable(), 'title', title]
      );

    it('formats a raw text with knex once and answers what knex.raw answers', async () => {
      const raw = strapi.db.connection.raw('SELECT ?? AS n FROM ?? WHERE ?? = ?', [
        'title',
        'blog_posts',
        'id',
        1,
      ]) as unknown as { toSQL: () => { sql: string; bindings: unknown[] } };
      const native = raw.toSQL();
      relies(
        typeof native.sql === 'string' &&
          !native.sql.includes('??') &&
          native.bindings.length === 1,
        'prepared-reads.ts',
        'knex.raw(text, bindings).toSQL(): identifiers quoted, the values alone left as bindings'
      );
      const post = await createPost(strapi, { title: 'Prepared reads: shape' });
      const viaKnex = rawRows<{ title: string }>(
        await strapi.db.connection.raw('SELECT ?? AS title FROM ?? WHERE ?? = ?', [
          'title',
          postsTable(),
          'title',
          post.title,
        ])
      );
      const twice = [await read(post.title), await read(post.title)];
      expect(twice[0].map((row) => row.title)).toEqual(viaKnex.map((row) => row.title));
      expect(twice[1]).toEqual(twice[0]);
      expect(Number(twice[0][0].at)).toBe(7);
    });

    it('lends the connection through knex.client and is seen by the query event', async () => {
      const client = (strapi.db.connection as unknown as { client: Record<string, unknown> })
        .client;
      for (const method of ['acquireConnection', 'releaseConnection', 'emit']) {
        relies(
          typeof client[method] === 'function',
          'prepared-reads.ts',
          `strapi.db.connection.client.${method}()`
        );
      }
      if (dialectOf(strapi) === 'sqlite') {
        const connection = (await (client.acquireConnection as () => Promise<unknown>)()) as {
          prepare?: (text: string) => { reader?: unknown; all?: unknown };
        };
        try {
          const statement = connection.prepare?.('SELECT 1 AS one');
          relies(
            statement?.reader === true && typeof statement.all === 'function',
            'prepared-reads.ts',
            "better-sqlite3's connection.prepare(sql) with reader and all()"
          );
        } finally {
          await (client.releaseConnection as (c: unknown) => Promise<void>)(connection);
        }
      }
      const seen: string[] = [];
      const listener = (query: { sql: string }) => seen.push(query.sql);
      strapi.db.connection.on('query', listener);
      try {
        await read('nobody wrote this title');
      } finally {
        strapi.db.connection.removeListener('query', listener);
      }
      expect(seen).toHaveLength(1);
      // `?` as sent on SQLite and MySQL, `$n` on PostgreSQL.
      expect(seen[0]).toMatch(
        /^SELECT \S+ AS title, (\?|\$1) AS at FROM \S+ WHERE \S+ = (\?|\$2)$/
      );
    });

    it("reads inside a transaction on its connection, and never another request's uncommitted rows", async () => {
      const title = 'Prepared reads: uncommitted';
      let inside: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let written!: () => void;
      const wrote = new Promise<void>((resolve) => {
        written = resolve;
      });
      const transaction = strapi.db
        .transaction(async ({ trx }) => {
          const column = columnsOf(strapi, POST_UID);
          await trx(postsTable()).insert({
            [column('documentId')]: 'preparedreadsuncommitted',
            [column('title')]: title,
            [column('slug')]: 'prepared-reads-uncommitted',
            [column('locale')]: 'en',
          });
          inside = (await read(title)).map((row) => row.title);
          written();
          await held;
          throw new Error('rolled back on purpose');
        })
        .catch((error: Error) => error.message);
      await wrote;
      expect(inside).toEqual([title]);
      let outside: string[] | null = null;
      const reading = read(title).then((rows) => {
        outside = rows.map((row) => row.title);
      });
      await new Promise((resolve) => setTimeout(resolve, 150));
      if (dialectOf(strapi) === 'sqlite') {
        // SQLite's one connection is the transaction's until it ends: the read waits for it.
        expect(outside).toBeNull();
      }
      release();
      expect(await transaction).toBe('rolled back on purpose');
      await reading;
      expect(outside).toEqual([]);
    });
  });

  describe('db/prepared-reads.ts withReads', () => {
    it('runs several statements on one borrow of the connection, each seen by the query event', async () => {
      const title = 'Prepared reads: one borrow';
      const postsTable = tableName(strapi, POST_UID);
      const column = columnsOf(strapi, POST_UID);
      const count = (select: SelectRows) =>
        select<{ n: number | string }>('SELECT COUNT(*) AS n FROM ?? WHERE ?? = ?', [
          postsTable,
          column('title'),
          title,
        ]).then(([row]) => Number(row.n));
      const seen: string[] = [];
      const listener = (query: { sql: string }) => seen.push(query.sql);
      strapi.db.connection.on('query', listener);
      let writing: Promise<unknown> = Promise.resolve();
      let writtenDuringWork = false;
      let counts: number[] = [];
      try {
        counts = await withReads(strapi, async (select) => {
          const before = await count(select);
          // A write asked for between two statements of the borrow.
          writing = strapi.db.transaction(async ({ trx }) => {
            await trx(postsTable).insert({
              [column('documentId')]: 'preparedreadsoneborrow',
              [column('title')]: title,
              [column('slug')]: 'prepared-reads-one-borrow',
              [column('locale')]: 'en',
            });
          });
          await new Promise((resolve) => setTimeout(resolve, 150));
          const after = await count(select);
          writtenDuringWork = after > before;
          return [before, after];
        });
      } finally {
        strapi.db.connection.removeListener('query', listener);
      }
      await writing;
      expect(counts[0]).toBe(0);
      if (dialectOf(strapi) === 'sqlite') {
        // SQLite's one connection is the borrow's until the work ends: the write waits for it,
        // so the two statements read the same rows.
        expect(writtenDuringWork).toBe(false);
        expect(counts).toEqual([0, 0]);
      }
      expect(seen.filter((text) => text.startsWith('SELECT COUNT(*) AS n'))).toHaveLength(2);
      const [{ n }] = rawRows<{ n: number | string }>(
        await strapi.db.connection.raw('SELECT COUNT(*) AS n FROM ?? WHERE ?? = ?', [
          postsTable,
          column('title'),
          title,
        ])
      );
      expect(Number(n)).toBe(1);
    });
  });

  describe('db/post-rows.ts', () => {
    it("reads a published post's row by slug as the query engine's findOne reads it", async () => {
      const attributes = ['id', 'locale', 'body', ...POST_PUBLIC_FILTER_FIELDS];
      const full = await createPost(strapi, {
        title: 'Post rows: everything',
        originalDate: '2008-02-22',
        commentsEnabled: false,
        body: ['First paragraph', 'Second'],
      });
      const bare = await createPost(strapi, {
        title: 'Post rows: nothing',
        originalDate: null,
        commentsEnabled: true,
        body: [],
      });
      // Rows of another locale, a draft of the same slug and another slug are not read.
      const draftOnly = await createPost(strapi, { title: 'Post rows: draft' }, { draft: true });
      for (const post of [full, bare]) {
        const expected = await strapi.db.query(POST_UID).findOne({
          where: { slug: post.slug, locale: 'en', publishedAt: { $notNull: true } },
          select: attributes,
        });
        const raw = await readPublishedPostRow(strapi, attributes, post.slug, 'en');
        relies(expected, 'post-rows.ts', 'a published row found by the query engine');
        expect(raw).toEqual(expected);
      }
      expect(await readPublishedPostRow(strapi, attributes, draftOnly.slug, 'en')).toBeNull();
      expect(await readPublishedPostRow(strapi, attributes, full.slug, 'fr')).toBeNull();
    });
  });

  describe('db/store-values.ts', () => {
    it('reads core store values in one statement as strapi.store().get reads each', async () => {
      const blog = strapi.store({ type: 'plugin', name: 'blog' });
      const values: Array<[string, unknown]> = [
        ['store-values-object', { a: 1, list: ['x'], nested: { on: true } }],
        ['store-values-array', ['one', 2]],
        ['store-values-string', 'text'],
        ['store-values-number', 42],
        ['store-values-boolean', false],
      ];
      for (const [key, value] of values) await blog.set({ key, value });
      const keys = [
        ...values.map(([key]) => ({ type: 'plugin' as const, name: 'blog', key })),
        { type: 'plugin' as const, name: 'blog', key: 'store-values-never-set' },
        { type: 'plugin' as const, name: 'i18n', key: 'default_locale' },
      ];
      const one = await readStoreValues(strapi, keys);
      const each = [];
      for (const { type, name, key } of keys)
        each.push(await strapi.store({ type, name }).get({ key }));
      relies(
        JSON.stringify(one) === JSON.stringify(each),
        'store-values.ts',
        "the core store's rows: key `${type}_${name}_${key}`, environment and tag null, a JSON value typed by `type`"
      );
      expect(one).toEqual(each);
      expect(one.at(-1)).toBe(await strapi.plugin('i18n').service('locales').getDefaultLocale());
      // i18n/locales.ts reads the default locale this way.
      expect(await createLocales({ strapi }).defaultLocale()).toBe(one.at(-1));
    });
  });

  describe('db/post-extras.ts', () => {
    it("reads a page's lessons, comment counts and other languages as the query engine reads each", async () => {
      await ensureLocale(strapi, 'fr', 'French (fr)');
      const withAll = await createPost(strapi, {
        title: 'Extras',
        lessons: ['one', 'two', 'three'],
      });
      const bare = await createPost(strapi, { title: 'No extras' });
      const frSlug = `extras-fr-${Date.now()}`;
      await translatePost(strapi, withAll.documentId, 'fr', {
        title: 'Extras fr',
        slug: frSlug,
        lessons: ['un'],
      });
      await createComment(strapi, { post: withAll.documentId });
      await createComment(strapi, { post: withAll.documentId });
      await createComment(strapi, { post: withAll.documentId, status: 'pending' });

      const rows = (await strapi.db.query(POST_UID as never).findMany({
        where: {
          documentId: { $in: [withAll.documentId, bare.documentId] },
          locale: 'en',
          publishedAt: { $notNull: true },
        },
        select: ['id', 'documentId'],
        populate: { lessons: { select: ['text'] } },
      })) as Array<{ id: number; documentId: string; lessons: Array<{ text: string }> }>;
      const extras = await readPostExtras(strapi, rows, 'en');

      const lessonsOk = rows.every(
        (row) =>
          JSON.stringify(extras.lessons.get(row.id) ?? []) ===
          JSON.stringify(row.lessons.map(({ text }) => ({ text })))
      );
      const counted = (await strapi.db.query(COMMENT_COUNT_UID as never).findOne({
        where: { postDocumentId: withAll.documentId },
      })) as { approved: number };
      const others = (await strapi.db.query(POST_UID as never).findMany({
        where: {
          documentId: withAll.documentId,
          locale: { $ne: 'en' },
          publishedAt: { $notNull: true },
        },
        select: ['locale', 'slug'],
      })) as Array<{ locale: string; slug: string }>;
      relies(
        lessonsOk &&
          extras.counts.get(withAll.documentId) === Number(counted.approved) &&
          JSON.stringify(extras.localizations.get(withAll.documentId)) === JSON.stringify(others),
        'post-extras.ts',
        "a component join table's entity, component, order, field and type columns; the post table's document_id, locale, slug and published_at"
      );
      expect(
        extras.lessons.get(rows.find((row) => row.documentId === withAll.documentId)!.id)
      ).toEqual([{ text: 'one' }, { text: 'two' }, { text: 'three' }]);
      expect(
        extras.lessons.get(rows.find((row) => row.documentId === bare.documentId)!.id)
      ).toBeUndefined();
      expect(extras.counts.get(withAll.documentId)).toBe(2);
      expect(extras.counts.get(withAll.documentId)).toBe(Number(counted.approved));
      expect(extras.localizations.get(withAll.documentId)).toEqual([
        { locale: 'fr', slug: frSlug },
      ]);
      expect(extras.localizations.get(withAll.documentId)).toEqual(others);
      expect(extras.localizations.get(bare.documentId)).toBeUndefined();
    });
  });

  describe('db/post-taxonomy.ts', () => {
    it("reads a page's categories, their parents and tags as the query engine populates them", async () => {
      const parent = await createCategory(strapi, { name: 'Taxonomy parent' });
      const child = await createCategory(strapi, {
        name: 'Taxonomy child',
        parent: parent.documentId,
      });
      const tags = [
        await createTag(strapi, { name: 'Taxonomy b' }),
        await createTag(strapi, { name: 'Taxonomy a' }),
      ];
      const linked = await createPost(strapi, {
        title: 'Taxonomy',
        categories: [child.documentId, parent.documentId],
        tags: tags.map((tag) => tag.documentId),
      });
      const bare = await createPost(strapi, { title: 'No taxonomy' });

      const rows = (await strapi.db.query(POST_UID as never).findMany({
        where: {
          documentId: { $in: [linked.documentId, bare.documentId] },
          publishedAt: { $notNull: true },
        },
        select: ['id', 'documentId'],
        populate: {
          categories: {
            select: ['documentId', 'name', 'slug', 'locale'],
            populate: { parent: { select: ['documentId', 'name', 'slug'] } },
          },
          tags: { select: ['documentId', 'name', 'slug', 'locale'] },
        },
      })) as Array<{
        id: number;
        documentId: string;
        categories: Array<Record<string, unknown>>;
        tags: Array<Record<string, unknown>>;
      }>;
      const taxonomy = await readPostTaxonomy(
        strapi,
        rows.map((row) => row.id)
      );

      // The query engine's rows, with only the columns the public answer shows.
      const pick = (row: Record<string, unknown>, keys: string[]) =>
        Object.fromEntries(keys.map((key) => [key, row[key] ?? null]));
      const refKeys = ['documentId', 'name', 'slug', 'locale'];
      const parentOf = (row: Record<string, unknown>) =>
        row.parent
          ? pick(row.parent as Record<string, unknown>, ['documentId', 'name', 'slug'])
          : null;
      const expected = rows.map((row) => ({
        categories: row.categories.map((c) => ({ ...pick(c, refKeys), parent: parentOf(c) })),
        tags: row.tags.map((t) => pick(t, refKeys)),
      }));
      const actual = rows.map((row) => ({
        categories: taxonomy.categories.get(row.id) ?? [],
        tags: taxonomy.tags.get(row.id) ?? [],
      }));
      relies(
        JSON.stringify(actual) === JSON.stringify(expected),
        'post-taxonomy.ts',
        "the link tables of a post's categories and tags (post, target, order columns) and of a category's parent"
      );
      expect(actual).toEqual(expected);
      const linkedRow = rows.find((row) => row.documentId === linked.documentId)!;
      expect(taxonomy.categories.get(linkedRow.id)).toEqual([
        expect.objectContaining({
          documentId: child.documentId,
          parent: expect.objectContaining({ documentId: parent.documentId }),
        }),
        expect.objectContaining({ documentId: parent.documentId, parent: null }),
      ]);
      expect(taxonomy.tags.get(linkedRow.id)?.map((tag) => tag.name)).toEqual([
        'Taxonomy b',
        'Taxonomy a',
      ]);
    });
  });

  describe('db/post-relations.ts', () => {
    it("reads a page's cover, author with avatar and SEO with image as the query engine populates them", async () => {
      const cover = await uploadImage(strapi);
      const avatar = await uploadImage(strapi, { name: 'avatar.png', width: 32, height: 32 });
      const ogImage = await uploadImage(strapi, { name: 'og.png', width: 120, height: 63 });
      const extra = await uploadImage(strapi, { name: 'extra.png', width: 20, height: 10 });
      const withAvatar = await createAuthor(strapi, {
        name: 'Relations author',
        avatar: avatar.id,
      });
      const plain = await createAuthor(strapi, { name: 'Plain author', url: 'https://a.test' });
      const linked = await createPost(strapi, {
        title: 'Relations',
        cover: cover.id,
        author: withAvatar.documentId,
        seo: {
          metaTitle: 'Relations',
          metaDescription: 'All of them',
          canonicalUrl: 'https://example.test/relations',
          noIndex: true,
          ogImage: ogImage.id,
        },
      });
      const partial = await createPost(strapi, {
        title: 'Some relations',
        author: plain.documentId,
        seo: { metaTitle: 'Partial', noIndex: false },
      });
      const bare = await createPost(strapi, { title: 'No relations' });

      const documentIds = [linked.documentId, partial.documentId, bare.documentId];
      const read = async () =>
        (await strapi.db.query(POST_UID as never).findMany({
          where: { documentId: { $in: documentIds }, publishedAt: { $notNull: true } },
          select: ['id', 'documentId'],
          orderBy: { id: 'asc' },
          populate: {
            cover: { select: MEDIA_SELECT },
            author: {
              select: ['documentId', 'name', 'slug', 'url'],
              populate: { avatar: { select: MEDIA_SELECT } },
            },
            seo: {
              select: ['metaTitle', 'metaDescription', 'canonicalUrl', 'noIndex'],
              populate: { ogImage: { select: MEDIA_SELECT } },
            },
          },
        })) as Array<Record<string, unknown> & { id: number; documentId: string }>;

      // The query engine's rows, with only the columns the public answer shows, in the raw
      // read's key order (JSON.stringify compares them byte for byte).
      const pick = (row: unknown, keys: readonly string[]) =>
        row
          ? Object.fromEntries(
              keys.map((key) => [key, (row as Record<string, unknown>)[key] ?? null])
            )
          : null;
      const media = (row: unknown) => pick(row, MEDIA_SELECT);
      const expectedOf = (rows: Awaited<ReturnType<typeof read>>) =>
        rows.map((row) => {
          const author = row.author as Record<string, unknown> | null;
          const seo = row.seo as Record<string, unknown> | null;
          return {
            cover: media(row.cover),
            author: author
              ? {
                  ...pick(author, ['documentId', 'name', 'slug', 'url']),
                  avatar: media(author.avatar),
                }
              : null,
            seo: seo
              ? {
                  ...pick(seo, ['metaTitle', 'metaDescription', 'canonicalUrl', 'noIndex']),
                  ogImage: media(seo.ogImage),
                }
              : null,
          };
        });
      const actualOf = async (rows: Awaited<ReturnType<typeof read>>) => {
        const relations = await readPostRelations(
          strapi,
          rows.map((row) => row.id)
        );
        return rows.map((row) => ({
          cover: relations.covers.get(row.id) ?? null,
          author: relations.authors.get(row.id) ?? null,
          seo: relations.seos.get(row.id) ?? null,
        }));
      };
      const shape =
        "the upload morph table (file, related id and type, field, order) of a post's cover, an author's avatar and an SEO component's image; the author link table; the seo component join table";

      const rows = await read();
      const expected = expectedOf(rows);
      const actual = await actualOf(rows);
      relies(JSON.stringify(actual) === JSON.stringify(expected), 'post-relations.ts', shape);
      expect(actual).toEqual(expected);
      const [full, some, none] = actual;
      expect(full.cover).toEqual(
        expect.objectContaining({ url: cover.url, width: 400, formats: expect.any(Object) })
      );
      expect(full.author?.avatar).toEqual(expect.objectContaining({ width: 32, height: 32 }));
      expect(full.seo).toEqual(
        expect.objectContaining({ noIndex: true, ogImage: expect.objectContaining({ width: 120 }) })
      );
      expect(some).toEqual({
        cover: null,
        author: expect.objectContaining({ url: 'https://a.test', avatar: null }),
        seo: expect.objectContaining({ metaTitle: 'Partial', noIndex: false, ogImage: null }),
      });
      expect(none).toEqual({ cover: null, author: null, seo: null });

      // A second morph row for the cover (an import or a hand edit; Strapi never writes one),
      // ahead of the first in the link order: both reads take it.
      const link = mediaLink(strapi, POST_UID, 'cover');
      const knex = await sql(strapi);
      const [first] = (await knex(link.table)
        .where({ [link.owner]: rows[0].id, [link.ownerType]: POST_UID, [link.field]: 'cover' })
        .select({ order: link.order })) as Array<{ order: number }>;
      relies(first, 'post-relations.ts', shape);
      await knex(link.table).insert({
        [link.file]: extra.id,
        [link.owner]: rows[0].id,
        [link.ownerType]: POST_UID,
        [link.field]: 'cover',
        [link.order]: Number(first.order) / 2,
      });
      const again = await read();
      const expectedAgain = expectedOf(again);
      const actualAgain = await actualOf(again);
      relies(
        JSON.stringify(actualAgain) === JSON.stringify(expectedAgain),
        'post-relations.ts',
        `${shape} (the first in its order column)`
      );
      expect(actualAgain[0].cover).toEqual(expect.objectContaining({ url: extra.url }));
    });
  });

  describe('db/content-manager.ts', () => {
    it.each([POST_UID, LESSON_COMPONENT_UID])(
      "reads and writes the Content Manager's view configuration of %s",
      async (uid) => {
        const view = viewConfiguration(strapi, uid);
        relies(
          view,
          'content-manager.ts',
          "strapi.plugin('content-manager').service('content-types' | 'components')"
        );
        const current = await view!.find();
        relies(
          current?.settings && current.metadatas && Array.isArray(current.layouts?.edit),
          'content-manager.ts',
          'findConfiguration(model) answering { settings, metadatas, layouts: { edit } }'
        );
        const cells = current.layouts.edit!.flat();
        relies(
          cells.length > 0 &&
            cells.every((cell) => typeof cell.name === 'string' && typeof cell.size === 'number') &&
            current.layouts.edit!.every(
              (row) => row.reduce((sum, cell) => sum + cell.size, 0) <= EDIT_ROW_WIDTH
            ),
          'content-manager.ts',
          `layouts.edit as rows of { name, size } cells at most ${EDIT_ROW_WIDTH} wide`
        );
        const field = cells[0].name;
        relies(
          current.metadatas[field]?.edit?.label !== undefined,
          'content-manager.ts',
          'metadatas[field].edit.label'
        );

        const label = `Changed by the internals test`;
        await view!.update({
          ...current,
          metadatas: {
            ...current.metadatas,
            [field]: {
              ...current.metadatas[field],
              edit: { ...current.metadatas[field].edit, label },
            },
          },
        });
        const changed = await view!.find();
        relies(
          changed.metadatas[field]?.edit?.label === label,
          'content-manager.ts',
          'updateConfiguration(model, configuration) storing metadatas[field].edit.label'
        );
        await view!.update(current);
      }
    );
  });

  describe('db/admin-preview.ts', () => {
    it("has the Content Manager ask the plugin's handler for a post's preview, and frame the site", async () => {
      const { documentId } = await createPost(strapi, {}, { draft: true });
      const res = await app
        .http()
        .get(`/content-manager/preview/url/${POST_UID}`)
        .query({ documentId, locale: 'en', status: 'draft' })
        .set('Authorization', `Bearer ${await adminToken(app)}`);
      relies(
        res.status === 200 && String(res.body?.data?.url).includes(documentId),
        'admin-preview.ts',
        "GET /content-manager/preview/url/:uid calling admin.preview.config.handler as set in a plugin's register"
      );
      const site = previewOrigin(getPluginConfig(strapi).preview.url!);
      const frameSrc = String(res.headers['content-security-policy'])
        .split(';')
        .find((directive) => directive.trim().startsWith('frame-src '));
      relies(
        site !== null && frameSrc?.split(' ').includes(site),
        'admin-preview.ts',
        "strapi::security's frame-src taken from the middlewares config as set in a plugin's register"
      );
    });
  });

  describe('db/publish-permission.ts', () => {
    it("builds an admin's ability and asks the Content Manager's permission-checker with it", async () => {
      const admin = (await strapi.db.query('admin::user').findOne({
        where: { email: DEMO_ADMIN.email },
        select: ['id'],
      })) as { id: number };
      const ability = await abilityOfAdmin(strapi, admin.id);
      relies(
        typeof (ability as { can?: unknown } | null)?.can === 'function',
        'publish-permission.ts',
        "strapi.service('admin::permission').engine.generateUserAbility(user) answering an ability"
      );
      const post = await createPost(strapi, { title: 'Checked' }, { draft: true });
      const subject = await findPostSubject(strapi, post.documentId, 'en');
      relies(
        subject &&
          contentManagerPermissions(strapi, ability, POST_UID).canPublish(subject) === true &&
          contentManagerPermissions(strapi, ability, POST_UID).canRead(subject) === true,
        'publish-permission.ts',
        "the Content Manager's service('permission-checker').create({ userAbility, model }).can.publish/read(entity)"
      );
      expect(await abilityOfAdmin(strapi, 2_000_000_000)).toBeNull();
    });
  });

  describe('db/admin-permissions.ts', () => {
    it("reads admin actions, a subject's fields and whether it is localized", () => {
      const parts = permissionParts(strapi);
      const action = parts.action('plugin::content-manager.explorer.update');
      relies(
        action?.subjects?.includes(POST_UID),
        'admin-permissions.ts',
        "actionProvider.get(actionId) answering { actionId, subjects } ('admin::permission')"
      );
      const properties = parts.properties(action!, POST_UID);
      relies(
        Array.isArray(properties?.fields) && properties.fields.includes('title'),
        'admin-permissions.ts',
        "getPermissionsWithNestedFields(actions)[0].properties.fields ('admin::content-type')"
      );
      relies(
        parts.isLocalized(POST_UID) === true && parts.isLocalized(AUTHOR_UID) === false,
        'admin-permissions.ts',
        "the i18n plugin's service('content-types').isLocalizedContentType(model)"
      );
    });
  });
});
