'use strict';
/**
 * The Strapi process of `npm run bench`: boots the compiled playground on the bench database,
 * seeds it when asked (`BENCH_SEED`, JSON), opens the generic API and the floor route to the
 * Public role, listens on an ephemeral port and tells its parent over IPC (with what the raw
 * floor needs to apply the same flood check). The flood limit stays at the plugin's default:
 * the bench runs behind a trusted proxy (`IS_PROXIED`) and gives every submission an address
 * (`X-Forwarded-For`) and an email of its own, as distinct readers. It then answers the parent's
 * questions:
 *
 * - `{ type: 'sql', request }`: how many SQL statements one such request costs (the fewest of
 *   three, counted until the database is quiet), with the statements themselves; a submission
 *   comes from a fresh address each time. The public cache's memory is emptied before each
 *   counted run, so a read's count is that of the answer built (as on the first request after a
 *   write); a GET is then asked once more without emptying it, and `cached` holds the statements
 *   of that answer, which comes from memory (`X-Blog-Cache: HIT`) when the cache is on;
 * - `{ type: 'cache', enabled }`: turns the public cache on or off while Strapi runs (its config
 *   is read on every request) and empties its memory; answers its `stats()`;
 * - `{ type: 'cacheStats' }`: the public cache's `stats()` (entries, bytes, budgetBytes, hits,
 *   misses);
 * - `{ type: 'settings', changes }`: saves moderation settings (the worst cases' word list);
 * - `{ type: 'loop' }`: the longest event-loop delay since the last such question (ms).
 */
const path = require('path');
const { monitorEventLoopDelay } = require('perf_hooks');

const { createStrapi } = require('@strapi/strapi');

const { seed } = require('./seed');

const playground = path.resolve(__dirname, '..', 'playground');

const PUBLIC_ACTIONS = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::reader-comment.reader-comment.find',
  'api::reader-comment.reader-comment.create',
  // Populating and filtering through a relation needs the target's find (Strapi checks it).
  'api::bench-tag.bench-tag.find',
  'plugin::upload.content-api.find',
  'api::floor.floor.constant',
];

const grantPublic = async (strapi) => {
  const role = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' } });
  for (const action of PUBLIC_ACTIONS) {
    const permissions = strapi.db.query('plugin::users-permissions.permission');
    const existing = await permissions.findOne({ where: { action, role: role.id } });
    if (!existing) await permissions.create({ data: { action, role: role.id } });
  }
};

/** The generic API's types, which declare the indexes a careful team adds for the bench's questions. */
const GENERIC_TYPES = [
  'api::article.article',
  'api::bench-tag.bench-tag',
  'api::reader-comment.reader-comment',
];

/** The indexes the generic types declare, each found in the database (or the bench stops). */
const genericIndexes = async (strapi) => {
  const found = [];
  for (const uid of GENERIC_TYPES) {
    const table = strapi.db.metadata.get(uid).tableName;
    const rows = await strapi.db.connection.raw(`PRAGMA index_list("${table}")`);
    const names = new Set(rows.map((row) => row.name));
    for (const index of strapi.contentType(uid).indexes ?? []) {
      if (!names.has(index.name)) throw new Error(`${table} has no index ${index.name}`);
      found.push({ table, name: index.name, columns: index.columns });
    }
  }
  return found;
};

/** The tables the raw floor's hand-written comment submission writes to. */
const tablesOf = (strapi) => {
  const meta = (uid) => strapi.db.metadata.get(uid);
  const postLink = meta('plugin::blog.comment').attributes.post.joinTable;
  return {
    posts: meta('plugin::blog.post').tableName,
    comments: meta('plugin::blog.comment').tableName,
    events: meta('plugin::blog.moderation-event').tableName,
    flood: meta('plugin::blog.flood-mark').tableName,
    postLink: {
      table: postLink.name,
      comment: postLink.joinColumn.name,
      post: postLink.inverseJoinColumn.name,
    },
  };
};

/** Bindings as better-sqlite3 takes them, the way knex's SQLite client sends them. */
const toSqlite = (bindings = []) =>
  bindings.map((value) => {
    if (value instanceof Date) return value.getTime();
    if (typeof value === 'boolean') return value ? 1 : 0;
    return value;
  });

/** Submissions counted so far: each comes from an address of its own (198.18.0.0/15). */
let counted = 0;

/** The plugin's public cache (server/src/services/public-cache.ts). */
const publicCache = (strapi) => strapi.plugin('blog').service('publicCache');

/** Counts the statements of one request to this server, including what it does after answering. */
const countStatements = async (strapi, base, request) => {
  const knex = strapi.db.connection;
  let fewest = null;
  const get = (request.method ?? 'GET') === 'GET';
  // Three runs, each after the memory is emptied (the answer built), then for a GET one more
  // without emptying it (the answer kept by the run before, from memory when the cache is on).
  for (let run = 0; run < (get ? 4 : 3); run += 1) {
    const fromMemory = run === 3;
    if (!fromMemory) publicCache(strapi).clear();
    const seen = [];
    const listener = (query) => seen.push({ sql: query.sql, bindings: toSqlite(query.bindings) });
    knex.on('query', listener);
    let status;
    let answer;
    let cacheHeader;
    try {
      counted += 1;
      const response = await fetch(`${base}${request.path}`, {
        method: request.method ?? 'GET',
        headers: request.body
          ? {
              'content-type': 'application/json',
              'x-forwarded-for': `198.18.${(counted >> 8) & 255}.${counted & 255}`,
            }
          : {},
        body: request.body ? JSON.stringify(request.body(run)) : undefined,
      });
      status = response.status;
      cacheHeader = response.headers.get('x-blog-cache');
      answer = await response.text();
      for (let quiet = -1; quiet !== seen.length;) {
        quiet = seen.length;
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
    } finally {
      knex.removeListener('query', listener);
    }
    if (fromMemory) {
      fewest.cached = { header: cacheHeader, statements: seen };
    } else if (!fewest || seen.length < fewest.statements.length) {
      fewest = {
        status,
        answer: status >= 300 ? answer.slice(0, 500) : '',
        header: cacheHeader,
        statements: seen,
      };
    }
  }
  return fewest;
};

(async () => {
  const strapi = createStrapi({
    appDir: playground,
    distDir: path.join(playground, 'dist'),
    autoReload: false,
    serveAdminPanel: false,
  });
  await strapi.load();

  let seeded = null;
  if (process.env.BENCH_SEED) {
    const started = Date.now();
    seeded = { ...(await seed(strapi, JSON.parse(process.env.BENCH_SEED))), ms: 0 };
    seeded.ms = Date.now() - started;
  }
  await grantPublic(strapi);
  const settings = strapi.plugin('blog').service('settings');
  // The raw floor makes the plugin's flood keys with the plugin's own functions from these.
  const flood = {
    config: {
      'plugin::blog': strapi.config.get('plugin::blog'),
      'server.app.keys': strapi.config.get('server.app.keys'),
    },
    intervalSeconds: (await settings.get()).floodIntervalSeconds,
  };

  await strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;

  // The longest the event loop was held between two readings: what one request can cost others.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();

  process.on('message', async (message) => {
    if (message.type === 'loop') {
      const maxMs = Math.round(loop.max / 1e5) / 10;
      loop.reset();
      process.send({ type: 'loop', id: message.id, maxMs });
    }
    if (message.type === 'sql') {
      const request = { ...message.request };
      if (request.body) {
        const body = request.body;
        request.body = (run) => JSON.parse(JSON.stringify(body).replaceAll('{run}', `sql-${run}`));
      }
      const result = await countStatements(strapi, base, request);
      process.send({ type: 'sql', id: message.id, ...result });
    }
    if (message.type === 'cache') {
      strapi.config.set('plugin::blog.cache.enabled', Boolean(message.enabled));
      publicCache(strapi).clear();
      process.send({ type: 'cache', id: message.id, stats: publicCache(strapi).stats() });
    }
    if (message.type === 'cacheStats') {
      process.send({ type: 'cacheStats', id: message.id, stats: publicCache(strapi).stats() });
    }
    if (message.type === 'settings') {
      await settings.update({ ...(await settings.get()), ...message.changes });
      process.send({ type: 'settings', id: message.id });
    }
    if (message.type === 'stop') {
      await strapi.destroy();
      process.exit(0);
    }
  });
  process.send({
    type: 'ready',
    port: server.address().port,
    seeded,
    tables: tablesOf(strapi),
    flood,
    genericIndexes: await genericIndexes(strapi),
  });
})().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
