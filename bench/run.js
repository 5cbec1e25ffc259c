#!/usr/bin/env node
/**
 * `npm run bench`: the plugin's public REST API against what a team would build without it, on
 * the same data, the same machine, in the same run.
 *
 * Seeds the playground (1,000 posts of five lessons, three of 50 tags and a cover, 100,000
 * threaded comments, one post with 10,000 of them; `--quick`: a tenth of the posts and comments) in bulk, then measures with autocannon (10 connections, a
 * fixed duration each, after a warm-up):
 *
 * - plugin: the plugin's routes;
 * - core: Strapi's generic content API on the playground's `api::article` / `api::bench-tag` /
 *   `api::reader-comment` (same fields, same lessons component, same data, and the indexes a
 *   careful team declares for these questions), asked the same question;
 * - floor: a playground route answering a constant under the same users-permissions check;
 * - raw: a bare node:http server running the plugin's own SQL with better-sqlite3 (for the POST,
 *   the least a submission needs, with the plugin's flood check).
 *
 * Each plugin read is measured with its public cache on (cached) and off (uncached, every answer
 * built); the uncached reads again in rounds interleaved with the floor (measurePaired), the
 * figures their targets are judged on; then a mix of hot reads under a writer (a comment a
 * second), cache on and off, checked for exactness after each run.
 *
 * Prints a table and writes bench/results.json and bench/RESULTS.md (`--quick`:
 * bench/results-quick.json and bench/RESULTS-quick.md, not committed).
 *
 * Flags: --quick, --duration <seconds>, --connections <n>, --rounds <n> (best of n runs; 2, or 1
 * with --quick), --paired-rounds <n> (interleaved rounds; 4, or 2 with --quick), --paired-duration
 * <seconds> (each run of them; 5, or 2 with --quick), --keep-db (keep the seeded database in
 * playground/.tmp for profiling; each route's statements go to playground/.tmp/bench-statements.json),
 * --report-only (write the Markdown again from the last results JSON, measuring nothing).
 */
'use strict';

const { execFileSync, fork } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const autocannon = require('autocannon');

const { worstCases } = require('./worst-cases');

const root = path.resolve(__dirname, '..');
const playground = path.join(root, 'playground');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] ? Number(argv[at + 1]) : fallback;
};

const QUICK = flag('quick');
const SCALE = QUICK ? 0.1 : 1;
const DATA = {
  posts: 1000 * SCALE,
  comments: 100000 * SCALE,
  bigThread: 10000 * SCALE,
  smallThread: 10,
};
const DURATION = option('duration', QUICK ? 2 : 10);
const WARMUP = QUICK ? 1 : 2;
/** Runs per measurement; the table keeps the best of them. */
const ROUNDS = option('rounds', QUICK ? 1 : 2);
/**
 * Interleaved rounds of the uncached reads against the floor (measurePaired): how many, and the
 * seconds of each run in them (after a 1 s warm-up).
 */
const PAIRED_ROUNDS = option('paired-rounds', QUICK ? 2 : 4);
const PAIRED_DURATION = option('paired-duration', QUICK ? 2 : 5);
const CONNECTIONS = option('connections', 10);
const OUT = QUICK
  ? { json: 'results-quick.json', md: 'RESULTS-quick.md' }
  : { json: 'results.json', md: 'RESULTS.md' };

const log = (line) => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// Build: the plugin (when its sources are newer than dist/) and the playground.

const newest = (dir) => {
  let time = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return time;
};

const build = async () => {
  const built = path.join(root, 'dist', 'server', 'index.js');
  const sources = Math.max(newest(path.join(root, 'server')), newest(path.join(root, 'contracts')));
  if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
    log('Building the plugin (npm run build)…');
    execFileSync('npm', ['run', 'build', '--silent'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: playground });
};

// ---------------------------------------------------------------------------------------------
// Child processes: Strapi (bench/server.js) and the raw floor (bench/raw-server.js).

/** Every child still running, stopped if the bench fails half-way. */
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

const startChild = (script, env) =>
  new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, script), [], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.add(child);
    child.on('exit', () => children.delete(child));
    const pending = new Map();
    let nextId = 0;
    child.ask = (message) =>
      new Promise((done) => {
        nextId += 1;
        pending.set(nextId, done);
        child.send({ ...message, id: nextId });
      });
    child.on('message', (message) => {
      if (message.type === 'ready') resolve({ child, ready: message });
      else if (pending.has(message.id)) {
        pending.get(message.id)(message);
        pending.delete(message.id);
      }
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    child.stopGracefully = () =>
      new Promise((done) => {
        child.removeAllListeners('exit');
        child.on('exit', done);
        child.send({ type: 'stop' });
      });
  });

/** Resident memory of a process now (MB), from /proc. */
const rssMb = (pid) => {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
  } catch {
    return 0;
  }
};

// ---------------------------------------------------------------------------------------------
// Load: autocannon, with a warm-up, sampling the server's memory while it runs.

/**
 * Numbers every submitted comment of this process, so no two are alike (duplicates get 409),
 * and gives each an address of its own in 10.0.0.0/8: every submission is a distinct reader's,
 * passing the flood check (one mark for the address's network, one for the email's mailbox) at
 * its default interval, on the plugin and on the raw floor alike.
 */
let submitted = 0;
const addressOf = (n) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

/**
 * One measurement under autocannon. `requests`, when given, replaces `request`: autocannon's
 * connections cycle through the list. `during` ({ start, stop }, optional) runs after the warm-up
 * and before the measured run, and after it.
 */
const load = async ({ port, pid, request, requests: list, duration, during, warmup = WARMUP }) => {
  const requests = list ?? [
    {
      method: request.method ?? 'GET',
      path: request.path,
      headers: request.body ? { 'content-type': 'application/json' } : {},
      ...(request.body && {
        setupRequest: (req) => {
          submitted += 1;
          const body = JSON.stringify(request.body).replaceAll(
            '{run}',
            `${process.pid}-${submitted}`
          );
          const headers = { ...req.headers, 'x-forwarded-for': addressOf(submitted) };
          return { ...req, headers, body };
        },
      }),
    },
  ];
  const run = (seconds) =>
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: seconds,
      requests,
    });
  await run(warmup);
  let peak = rssMb(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 100);
  await during?.start();
  const result = await run(duration);
  await during?.stop();
  clearInterval(sampler);
  // Let the server finish what the load left queued before the next measurement starts: the
  // requests autocannon gave up on still run (and, for a POST, still write). One more request,
  // queued behind them, is answered when they are through (the raw floor answers it 404).
  await new Promise((resolve) => setTimeout(resolve, 300));
  await fetch(`http://127.0.0.1:${port}/api/floor`).then(
    (answer) => answer.text(),
    () => null
  );
  const ok = result['2xx'];
  return {
    rps: Math.round((ok / result.duration) * 10) / 10,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    /** Requests that got no answer within autocannon's 10 s (or a socket error). */
    timeouts: result.errors + result.timeouts,
    requests: result.requests.total,
    peakMb: Math.round(peak),
  };
};

/**
 * `result` (a `load`), when every answer of its run was a 2xx and it answered at all; throws
 * naming `what` otherwise. A wrong status is a broken benchmark; slowness (timeouts) is a
 * result, and is reported.
 */
const mustAllBe2xx = (result, what) => {
  if (result.non2xx || result.rps === 0)
    throw new Error(`${what}: ${result.non2xx} answers were not 2xx`);
  return result;
};

// ---------------------------------------------------------------------------------------------
// The mix: a few hot posts read at once while a reader submits a comment every second.

/** The hot URLs the mix reads, autocannon cycling through them on every connection. */
const mixUrls = (postSlug, otherSlug) => [
  '/api/blog/posts',
  `/api/blog/posts/${postSlug}`,
  `/api/blog/posts/${postSlug}/comments`,
  `/api/blog/posts/${otherSlug}`,
  `/api/blog/posts/${otherSlug}/comments`,
  '/api/blog/posts/small-thread/comments',
];

/** One comment a second to `postSlug` through the plugin's POST, each from a distinct reader. */
const startWriter = ({ port, postSlug, formToken }) => {
  const pending = new Set();
  const tally = { ok: 0, failed: 0 };
  const write = () => {
    submitted += 1;
    const n = submitted;
    const sent = fetch(`http://127.0.0.1:${port}/api/blog/posts/${postSlug}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': addressOf(n) },
      body: JSON.stringify({
        data: {
          authorName: 'Bench Mix Reader',
          authorEmail: `bench-mix-${process.pid}-${n}@example.com`,
          content: `A comment written during the mix, number ${n}, about networking.`,
        },
        formToken,
      }),
    })
      .then(async (answer) => {
        await answer.text();
        tally[answer.ok ? 'ok' : 'failed'] += 1;
      })
      .catch(() => {
        tally.failed += 1;
      })
      .finally(() => pending.delete(sent));
    pending.add(sent);
  };
  const timer = setInterval(write, 1000);
  return {
    tally,
    /** Stops writing and waits for the submissions under way. */
    async stop() {
      clearInterval(timer);
      await Promise.all([...pending]);
    },
  };
};

const bodyOf = async (url) => {
  const answer = await fetch(url);
  return {
    status: answer.status,
    cache: answer.headers.get('x-blog-cache'),
    text: await answer.text(),
  };
};

/**
 * Exactness: each hot URL answered now through the cache (from memory when it holds the answer)
 * against the same URL built with the cache off. The cache is on again afterwards, emptied.
 */
const checkExact = async ({ base, urls, setCache }) => {
  // Twice through the cache: the answer it holds now (or builds, when a write has just made it
  // stale), then the answer it kept from that request, from memory.
  const through = [];
  for (const url of urls) {
    through.push([await bodyOf(`${base}${url}`), await bodyOf(`${base}${url}`)]);
  }
  await setCache(false);
  const built = [];
  for (const url of urls) built.push(await bodyOf(`${base}${url}`));
  await setCache(true);
  const mismatches = urls.filter((url, i) =>
    through[i].some((answer) => answer.status !== 200 || answer.text !== built[i].text)
  );
  return {
    hits: through.flat().filter((answer) => answer.cache === 'HIT').length,
    checked: through.flat().length,
    mismatches,
  };
};

const measureMix = async ({ strapiChild, strapiPort, setCache, cacheStats, hitRate, ...post }) => {
  const base = `http://127.0.0.1:${strapiPort}`;
  const otherSlug = `post-${Math.floor(DATA.posts / 2) + 1}`;
  const urls = mixUrls(post.postSlug, otherSlug);
  const requests = urls.map((url) => ({ method: 'GET', path: url }));
  const runs = {};
  log(`Mix: ${urls.join(', ')}; a comment a second to ${post.postSlug}`);
  for (const enabled of [true, false]) {
    const label = enabled ? 'cached' : 'uncached';
    await setCache(enabled);
    let writer;
    let before;
    let after;
    const result = await load({
      port: strapiPort,
      pid: strapiChild.pid,
      requests,
      duration: DURATION,
      during: {
        start: async () => {
          before = await cacheStats();
          writer = startWriter({ port: strapiPort, ...post });
        },
        stop: async () => {
          await writer.stop();
          after = await cacheStats();
        },
      },
    });
    log(
      `  ${label.padEnd(8)} ${String(result.rps).padStart(8)} rps  p50 ${result.p50} ms  p99 ${result.p99} ms` +
        `  ${writer.tally.ok} comments written` +
        (writer.tally.failed ? ` (${writer.tally.failed} refused)` : '') +
        (enabled ? `  hit rate ${hitRate(before, after)}` : '')
    );
    mustAllBe2xx(result, `mix ${label}`);
    // After the uncached run the cache is off: turn it on and fill its memory, so the check
    // compares answers kept.
    if (!enabled) {
      await setCache(true);
      for (const url of urls) await bodyOf(`${base}${url}`);
    }
    const exact = await checkExact({ base, urls, setCache });
    if (exact.mismatches.length) log(`  NOT EXACT: ${exact.mismatches.join(', ')}`);
    runs[label] = {
      rps: result.rps,
      p50_ms: result.p50,
      p99_ms: result.p99,
      peak_mb: result.peakMb,
      unanswered: result.timeouts,
      comments_written: writer.tally.ok,
      comments_refused: writer.tally.failed,
      hit_rate: enabled ? hitRate(before, after) : null,
      cache_entries: after.entries,
      cache_bytes: after.bytes,
      exact_hits: exact.hits,
      exact_checked: exact.checked,
      mismatches: exact.mismatches,
    };
  }
  const { budgetBytes } = await cacheStats();
  return { urls, written_to: post.postSlug, budget_bytes: budgetBytes, ...runs };
};

// ---------------------------------------------------------------------------------------------
// The uncached reads against the floor, interleaved.

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Each uncached read beside the floor, in interleaved rounds: the floor, every read once, the
 * floor again, every read once, …, the floor. A read's ratio in a round is its rps over the mean
 * of the two floors measured around that round, minutes apart at most, so a slow or fast spell of
 * the machine moves both sides of the ratio. The order of the reads turns by one every round, so
 * no read always runs first or last. The median of each read's ratios is the figure the uncached
 * targets are judged on; the best-of rounds (each side's best run, the floor's measured on its
 * own) stay beside it in the table.
 */
const measurePaired = async ({ port, pid, reads, setCache }) => {
  const run = async (path) => {
    const result = await load({
      port,
      pid,
      request: { path },
      duration: PAIRED_DURATION,
      warmup: 1,
    });
    return mustAllBe2xx(result, `paired ${path}`).rps;
  };
  await setCache(false);
  const floors = [await run('/api/floor')];
  const rps = reads.map(() => []);
  for (let round = 0; round < PAIRED_ROUNDS; round += 1) {
    for (let i = 0; i < reads.length; i += 1) {
      const at = (i + round) % reads.length;
      rps[at].push(await run(reads[at].path));
    }
    floors.push(await run('/api/floor'));
    log(
      `  round ${round + 1}: floor ${floors[round]} then ${floors[round + 1]} rps; ` +
        reads.map((read, at) => `${read.label} ${rps[at][round]}`).join(', ')
    );
  }
  await setCache(true);
  return reads.map((read, at) => {
    const ratios = rps[at].map(
      (value, round) =>
        Math.round((value / ((floors[round] + floors[round + 1]) / 2)) * 1000) / 1000
    );
    return { endpoint: read.endpoint, rps: rps[at], floors, ratios, median: median(ratios) };
  });
};

// ---------------------------------------------------------------------------------------------
// The questions: each plugin route and the generic API's way of asking the same.

const questions = ({ postSlug, postDocumentId, formToken, everyday }) => {
  const lessons = 'populate[lessons][fields][0]=text';
  // What the plugin's post answers beside its lessons and the generic type has: the tags and
  // the cover, column by column as the plugin reads them.
  const media = ['url', 'alternativeText', 'caption', 'width', 'height', 'mime', 'formats'];
  const populated =
    `${lessons}&populate[tags][fields][0]=name&populate[tags][fields][1]=slug` +
    media.map((field, i) => `&populate[cover][fields][${i}]=${field}`).join('');
  const comments = (slug) =>
    `/api/reader-comments?filters[article][slug][$eq]=${slug}&filters[status][$eq]=approved` +
    `&sort[0]=submittedAt:asc&populate[parent][fields][0]=documentId&pagination[pageSize]=25`;
  return [
    {
      endpoint: 'GET /api/blog/posts',
      read: true,
      label: 'list',
      plugin: { path: '/api/blog/posts' },
      core: {
        path: `/api/articles?${populated}&sort[0]=originalDate:desc&pagination[pageSize]=25`,
      },
    },
    {
      endpoint: `GET /api/blog/posts?filters[tags][slug][$eq]=… (a tag of ${everyday} posts)`,
      read: true,
      label: 'by tag',
      samePosts: true,
      plugin: { path: '/api/blog/posts?filters[tags][slug][$eq]=everyday' },
      core: {
        path:
          `/api/articles?filters[tags][slug][$eq]=everyday&${populated}` +
          '&sort[0]=originalDate:desc&pagination[pageSize]=25',
      },
    },
    {
      endpoint: 'GET /api/blog/posts/:slug',
      read: true,
      label: 'post',
      plugin: { path: '/api/blog/posts/small-thread' },
      core: { path: `/api/articles?filters[slug][$eq]=small-thread&${populated}` },
    },
    {
      endpoint: `GET /api/blog/posts/:slug/comments (${DATA.smallThread} comments)`,
      read: true,
      label: 'small thread',
      thread: 'small',
      plugin: { path: '/api/blog/posts/small-thread/comments' },
      core: { path: comments('small-thread') },
    },
    {
      endpoint: `GET /api/blog/posts/:slug/comments (${DATA.bigThread.toLocaleString('en')} comments)`,
      read: true,
      label: 'big thread',
      thread: 'big',
      plugin: { path: '/api/blog/posts/big-thread/comments' },
      core: { path: comments('big-thread') },
    },
    {
      endpoint: 'POST /api/blog/posts/:slug/comments',
      read: false,
      plugin: {
        method: 'POST',
        path: `/api/blog/posts/${postSlug}/comments`,
        body: {
          data: {
            authorName: 'Bench Reader',
            authorEmail: 'bench-{run}@example.com',
            content: 'A comment from the benchmark, number {run}, about networking.',
          },
          formToken,
        },
      },
      core: {
        method: 'POST',
        path: '/api/reader-comments',
        body: {
          data: {
            article: postDocumentId,
            authorName: 'Bench Reader',
            authorEmail: 'bench-{run}@example.com',
            content: 'A comment from the benchmark, number {run}, about networking.',
            status: 'pending',
            submittedAt: '2026-01-01T00:00:00.000Z',
          },
        },
      },
    },
    {
      // The same submission asking for mail: its subscriptions and the confirmation mail are
      // written to the outbox; the mail server the bench's Strapi is given is down (SMTP_PORT
      // refuses connections), so the cron's sends fail and wait for their retry meanwhile.
      // The generic API and the raw floor ask the plain submission: they have no mail.
      endpoint: 'POST /api/blog/posts/:slug/comments (notify on, SMTP down)',
      read: false,
      plugin: {
        method: 'POST',
        path: `/api/blog/posts/${postSlug}/comments`,
        body: {
          data: {
            authorName: 'Bench Reader',
            authorEmail: 'bench-notify-{run}@example.com',
            content: 'A comment from the benchmark, number {run}, asking for replies.',
            notify: { replies: true, newComments: true },
          },
          formToken,
        },
      },
      core: {
        method: 'POST',
        path: '/api/reader-comments',
        body: {
          data: {
            article: postDocumentId,
            authorName: 'Bench Reader',
            authorEmail: 'bench-notify-{run}@example.com',
            content: 'A comment from the benchmark, number {run}, asking for replies.',
            status: 'pending',
            submittedAt: '2026-01-01T00:00:00.000Z',
          },
        },
      },
    },
  ];
};

// ---------------------------------------------------------------------------------------------
// Report.

const ratio = (a, b) => (b ? Math.round((a / b) * 100) / 100 : null);
const percentOne = (value) => `${(value * 100).toFixed(1)}%`;

const markdownTable = (header, rows) =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

/** `table (a, b)`, each index the generic types declare. */
const indexList = (indexes) =>
  indexes.map((index) => `\`${index.table}\` (${index.columns.join(', ')})`).join(', ');

const megabytes = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;

/**
 * The interleaved rounds' section of the report (none in results written before they existed):
 * each uncached read's rps and ratio to the floors around it, round by round, and the median.
 */
const pairedSection = (results, meta) => {
  const rows = results.filter((r) => r.paired_uncached_to_floor);
  if (!rows.length) return [];
  const floors = rows[0].paired_floor_rps;
  return [
    '## Uncached reads against the floor, interleaved',
    '',
    `The targets for uncached reads are judged here. ${rows[0].paired_uncached_to_floor.length} rounds, each run ${meta.pairedDuration} s after a 1 s warm-up, ` +
      'the public cache off: the floor, every read once (the order turned by one each round), the floor again, and so on, ' +
      'ending with the floor. A read’s ratio in a round is its rps over the mean of the two floors measured around that round; ' +
      'the median of its rounds is its figure. The best-of figures of the table above measure the floor in rounds of its own, ' +
      'minutes away from the read, and keep each side’s best run: on this 2-core machine the floor alone moved between ' +
      '740 and 1,176 rps within minutes (ANALYSIS.md), and that moves every best-of ratio of a run together.',
    '',
    `Floors, in order: ${floors.join(', ')} rps.`,
    '',
    markdownTable(
      [
        'uncached read',
        'rps, round by round',
        '× floor, round by round',
        'median × floor',
        'best-of × floor',
      ],
      rows.map((r) => [
        r.endpoint,
        r.paired_uncached_rps.join(', '),
        r.paired_uncached_to_floor.map(percentOne).join(', '),
        `**${percentOne(r.ratio_uncached_to_floor_paired)}**`,
        `${Math.round(r.ratio_uncached_to_floor * 100)}%`,
      ])
    ),
    '',
  ];
};

/** The mix's section of the report (none in results written before it existed). */
const mixSection = (mix) => {
  if (!mix) return [];
  const runs = [
    ['cached', mix.cached],
    ['uncached', mix.uncached],
  ];
  return [
    '## The mix: hot posts read while comments are written',
    '',
    `Autocannon cycles every connection through ${mix.urls.length} hot URLs (${mix.urls.map((u) => `\`${u}\``).join(', ')}) ` +
      `while a reader submits a comment to \`${mix.written_to}\` every second through the plugin’s POST ` +
      '(each from a distinct address and email, as in the POST rows); every submission gives the tags new versions, ' +
      'so the next read of each URL builds its answer again. Measured once with the public cache on (cached) and once off ' +
      '(uncached), the same duration and warm-up. Hit rate: answers from memory among the cache’s answers during the cached run ' +
      '(its hits and misses counted by `stats()`). Peak RSS: the server’s resident memory, sampled every 100 ms. ' +
      'Exactness, after each run: every hot URL answered twice through the cache (the answer it holds, or builds when the ' +
      'last write made it stale, then the one kept, from memory; after the uncached run the cache is turned on first) ' +
      'equals the same URL built with the cache off. Memory: the cached run’s peak RSS against the highest the server ' +
      'reached in this run with the cache off (the uncached reads and the uncached mix: what the process needs without it) ' +
      'plus the cache’s budget.',
    '',
    markdownTable(
      [
        'run',
        'rps',
        'p50 / p99 ms',
        'comments written',
        'hit rate',
        'cache bytes / budget',
        'peak RSS MB',
        'exact (answers from memory checked)',
      ],
      runs.map(([label, run]) => [
        label,
        run.rps,
        `${run.p50_ms} / ${run.p99_ms}`,
        run.comments_refused
          ? `${run.comments_written} (${run.comments_refused} refused)`
          : run.comments_written,
        run.hit_rate === null ? '–' : `${Math.round(run.hit_rate * 1000) / 10}%`,
        `${megabytes(run.cache_bytes)} MB / ${megabytes(mix.budget_bytes)} MB`,
        run.peak_mb,
        run.mismatches.length
          ? `**no**: ${run.mismatches.join(', ')}`
          : `yes (${mix.urls.length} URLs, ${run.exact_hits} of ${run.exact_checked} answers from memory)`,
      ])
    ),
    '',
  ];
};

/**
 * The importer's figures, from the last `npm run bench:import` (bench/import-results.json, or
 * the quick one with --quick), with its targets: none when that file is missing.
 */
const importFigures = () => {
  const file = path.join(__dirname, QUICK ? 'import-results-quick.json' : 'import-results.json');
  if (!fs.existsSync(file)) return { lines: [], checks: [] };
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  const heaps = (r.heap_after_gc_samples ?? []).map((sample) => sample.heap_mb);
  const settled = heaps.slice(1);
  const lines = [
    '## Import (`npm run bench:import`)',
    '',
    `From \`bench/${path.basename(file)}\` (${r.date}): ${r.posts.toLocaleString('en')} posts and ` +
      `${r.comments.toLocaleString('en')} comments (10 a post, five lessons a post) from a ${r.file_mb} MB WordPress export ` +
      `into a fresh SQLite database, in ${r.seconds} s: **${r.comments_per_second} comments a second** ` +
      `(${r.posts_per_second} posts a second). Live heap after a full GC, every tenth of the run: ` +
      `${heaps.join(', ')} MB; RSS after boot ${r.rss_after_boot_mb} MB, peak ${r.peak_rss_mb} MB.`,
  ];
  if (r.posts_only && r.document_service_posts) {
    lines.push(
      '',
      `What bounds it, measured in the same run: ${r.posts_only.posts} more posts without any comment went through the ` +
        `importer at ${r.posts_only.posts_per_second} posts a second, so with comments that cost nothing at all the ` +
        `import could reach ${r.posts_only.comments_per_second_bound} comments a second at 10 a post; the same posts ` +
        `written straight through Strapi’s Document Service (create, published, five lessons) ran at ` +
        `${r.document_service_posts.posts_per_second} posts a second. See ANALYSIS.md.`
    );
  }
  lines.push('');
  const checks = [
    {
      pass: r.comments_per_second >= 500,
      text: `import: ${r.comments_per_second} comments a second (target ≥ 500)`,
    },
  ];
  if (settled.length) {
    const spread = Math.max(...settled) - Math.min(...settled);
    checks.push({
      pass: spread <= 10,
      text: `import: live heap after GC between ${Math.min(...settled)} and ${Math.max(...settled)} MB from the first tenth to the end (target: flat, within 10 MB)`,
    });
  }
  return { lines, checks };
};

const report = ({ results, floor, meta, checks, worst, mix, imported }) => {
  const header = [
    'endpoint',
    'answer',
    'plugin rps',
    'p50 / p99 ms',
    'uncached rps',
    'uncached p50 / p99 ms',
    'SQL/req built / cached',
    'peak MB',
    'generic API rps',
    'generic p50 ms',
    'generic SQL/req',
    'raw rps',
    '× floor',
    '× floor uncached',
    '× generic',
    '× generic uncached',
    '× raw',
  ];
  const orDash = (value) => (value === null || value === undefined ? '–' : value);
  const rows = results.map((r) => [
    r.endpoint,
    r.plugin_items_per_answer === null
      ? ''
      : `${r.plugin_items_per_answer} items, ${r.plugin_kb_per_answer} kB`,
    r.plugin_rps,
    `${r.plugin_p50_ms} / ${r.plugin_p99_ms}`,
    orDash(r.plugin_uncached_rps),
    r.read ? `${r.plugin_uncached_p50_ms} / ${r.plugin_uncached_p99_ms}` : '–',
    r.read
      ? `${r.plugin_sql_per_request} / ${r.plugin_cached_sql_per_request}`
      : r.plugin_sql_per_request,
    r.plugin_peak_mb,
    r.core_rps,
    r.core_unanswered
      ? `${r.core_p50_ms} (${r.core_unanswered} unanswered in 10 s)`
      : r.core_p50_ms,
    r.core_sql_per_request,
    r.raw_rps,
    r.ratio_to_floor,
    orDash(r.ratio_uncached_to_floor),
    r.ratio_to_core,
    orDash(r.ratio_uncached_to_core),
    r.read ? r.ratio_uncached_to_raw : r.ratio_to_raw,
  ]);
  const table = markdownTable(header, rows);
  const checkLines = checks.map((c) => `- ${c.pass ? 'met' : '**missed**'}: ${c.text}`);
  const md = [
    `# Benchmark results${QUICK ? ' (--quick)' : ''}`,
    '',
    `Measured ${meta.date} by \`npm run bench${QUICK ? ' -- --quick' : ''}\` on ${meta.machine}; ` +
      `Node ${meta.node}, Strapi ${meta.strapi}, SQLite (better-sqlite3). ` +
      `${meta.connections} connections, ${meta.duration} s per measurement after a ${meta.warmup} s warm-up, ` +
      `best of ${meta.rounds} run${meta.rounds > 1 ? 's' : ''} (rounds alternate the plugin cached and uncached, generic and raw).` +
      (meta.load
        ? ` Load average during the run (1 min, the bench’s own two busy processes included): ` +
          `mean ${meta.load.mean}, highest ${meta.load.max}, on ${meta.cores} cores.`
        : ''),
    '',
    `Data: ${meta.data.posts.toLocaleString('en')} posts × 5 lessons, ` +
      `${meta.data.comments.toLocaleString('en')} comments (${meta.data.replies.toLocaleString('en')} of them replies; ` +
      `one post with ${meta.data.bigThread.toLocaleString('en')}, one with ${meta.data.smallThread}), ` +
      `${meta.data.tags} tags (three on each post, \`everyday\` on ${meta.data.everyday} of them) and a cover on every post, ` +
      `the same rows in the plugin's types and in the generic \`api::\` types; seeded in ${meta.seedSeconds} s.`,
    '',
    `Indexes: the generic types declare those a careful team adds for these questions, equal in purpose to the plugin’s ` +
      `(post slug, post date, tag slug, comment status and date): ${indexList(meta.genericIndexes)}, ` +
      'beside those Strapi makes itself (document id, both columns of every link table). ' +
      'Each was found in the database (`PRAGMA index_list`) before measuring. ' +
      'So `× generic` counts no missing index: it is what the plugin’s design is worth over Strapi’s generic API on an indexed schema. ' +
      'What the generic API cannot have: a relation lives in a link table, and Strapi filters through it with `LEFT JOIN`s, ' +
      'which fix SQLite’s join order: a page of one article’s comments reads the approved comments from the oldest ' +
      '(through `reader_comments` (status, submitted_at)), probing each one’s article until the page is full, and all of them again to count them, ' +
      'where the plugin’s comment row holds its post and thread and one composite index answers a page of a thread in order; ' +
      'a list filtered by tag is a `SELECT DISTINCT` over joins with a second query to count it; and comment counts are not kept. ' +
      'Earlier results in this file’s history measured the generic types without these indexes.',
    '',
    `Strapi's floor (a constant route under users-permissions): **${floor.rps} rps**, ` +
      `p50 ${floor.p50} ms, ${floor.sql} SQL statements per request.`,
    '',
    table,
    '',
    '- answer: what the plugin’s answer holds (posts, or comments counting every reply) and its size.',
    '- plugin rps: the plugin as installed, its public cache on (the default; `cached` below). For a read, every answer ' +
      'after the first comes from memory (`X-Blog-Cache: HIT`) once one SQL statement has found the tags’ versions current. ' +
      '**uncached rps**: the same read with the cache off (`plugin::blog.cache.enabled` false while Strapi runs), every answer built: ' +
      'what the first request after a write costs (a write gives the tags new versions, so the next read of each URL builds its answer). ' +
      'Rounds alternate cached, uncached, generic and raw.',
    '- SQL/req built / cached: the statements of a read whose answer is built (counted after the cache’s memory is emptied: ' +
      'the tags’ versions read, then the route’s own) and of the same read answered from memory; a submission’s count includes ' +
      'the new versions it gives the tags.',
    '- peak MB: the server’s highest resident memory (RSS, sampled every 100 ms) during the plugin rps run.',
    '- rps counts 2xx answers only; `× floor`, `× generic`: plugin rps (cached) over Strapi’s floor and the generic API; ' +
      '`× floor uncached`, `× generic uncached`: uncached rps over the same; `× raw`: uncached rps over the raw floor for a read ' +
      '(the raw floor replays the statements of the built answer), plugin rps over it for a submission.',
    '- generic API: Strapi’s own content API on `api::article` / `api::reader-comment` asked the same question ' +
      '(`populate` lessons, tags and cover with the columns the plugin answers, `filters` on slug / tag slug / post / status, `sort`, `pagination` of 25). ' +
      'It answers no comment counts, and a flat page of comments where the plugin answers 25 root comments with all their replies. ' +
      'The benchmark posts have no author, categories, SEO or translations: the plugin looks for them, the generic API is not asked.',
    '- raw floor: bare `node:http` + `better-sqlite3` running the plugin’s own statements for the URL; for the POST, ' +
      'the least a submission needs (post lookup, flood check, comment, links, moderation event) in one transaction.',
    `- flood check, the same on the plugin and the raw floor: one mark for the address’s network and one for the email’s mailbox ` +
      `(keyed hashes made by the plugin’s own functions), each an upsert that passes only if the last comment from it is ` +
      `${meta.floodIntervalSeconds} s old (the default interval). Every submitted comment comes from an address ` +
      '(`X-Forwarded-For`, behind a trusted proxy) and an email of its own, as distinct readers do, so every check passes. ' +
      'The plugin writes the two marks in its one transaction with the comment (on SQLite and PostgreSQL; services/moderation.ts, createDirect), as the raw floor does. ' +
      'The generic API has no flood check.',
    '',
    ...pairedSection(results, meta),
    ...mixSection(mix),
    ...imported.lines,
    '## Worst cases at the default limits',
    '',
    'The largest request each bounded path still accepts (docs/security.md, Limits), measured like the rest ' +
      'with the public cache off (a request varied on purpose is never answered from memory), ' +
      'beside the ordinary request of the same route (uncached for a read). Anything larger is a 4xx before any work. ' +
      '"Longest loop block": the longest the server’s event loop was held during the run ' +
      '(`monitorEventLoopDelay`), what one request can make every other request wait.',
    '',
    markdownTable(
      [
        'worst case',
        'request',
        'rps',
        'p50 / p99 ms',
        'SQL/req',
        'longest loop block ms',
        'beside',
        'its rps',
        'its p50 ms',
        'its longest loop block ms',
      ],
      worst.map((w) => [
        w.endpoint,
        `${Math.round(w.request_bytes / 102.4) / 10} kB`,
        w.plugin_rps,
        `${w.plugin_p50_ms} / ${w.plugin_p99_ms}`,
        w.plugin_sql_per_request,
        w.plugin_max_loop_block_ms,
        w.beside,
        w.beside_rps,
        w.beside_p50_ms,
        w.beside_max_loop_block_ms,
      ])
    ),
    '',
    '## Targets',
    '',
    ...checkLines,
    '- not measured: cached reads at least 20× strapi-plugin-comments’ comments endpoint on the same data ' +
      '(the issue asks it only if that plugin is set up in the bench; it is not).',
    '',
    'Why each missed target is missed, with the profile and the floor that bounds it: [ANALYSIS.md](ANALYSIS.md).',
    '',
  ].join('\n');
  return { table, md };
};

// ---------------------------------------------------------------------------------------------

/** `--report-only`: the Markdown again from the last results, after a change to its text. */
const reportOnly = () => {
  const saved = JSON.parse(fs.readFileSync(path.join(__dirname, OUT.json), 'utf8'));
  const { md } = report({ ...saved, worst: saved.worst_cases });
  fs.writeFileSync(path.join(__dirname, OUT.md), md);
  log(`Wrote bench/${OUT.md} from bench/${OUT.json}.`);
};

/**
 * An uncached read's target: judged on the median of its interleaved rounds against the floor
 * (measurePaired), the best-of figure beside it; on the best-of figure alone in results written
 * before the interleaved rounds existed.
 */
const uncachedCheck = (r, share) => {
  const target = `target ≥ ${Math.round(share * 100)}%`;
  if (r.ratio_uncached_to_floor_paired === undefined) {
    return {
      pass: r.ratio_uncached_to_floor >= share,
      text: `${r.endpoint}, uncached: ${Math.round(r.ratio_uncached_to_floor * 100)}% of Strapi’s floor (${target})`,
    };
  }
  const ratios = r.paired_uncached_to_floor;
  return {
    pass: r.ratio_uncached_to_floor_paired >= share,
    text:
      `${r.endpoint}, uncached: ${percentOne(r.ratio_uncached_to_floor_paired)} of Strapi’s floor, the median of ` +
      `${ratios.length} interleaved rounds (${percentOne(Math.min(...ratios))} to ${percentOne(Math.max(...ratios))}); ` +
      `best of rounds measured apart: ${Math.round(r.ratio_uncached_to_floor * 100)}% (${target})`,
  };
};

const main = async () => {
  if (flag('report-only')) return reportOnly();
  const started = Date.now();
  // The machine's load while the bench runs: neighbours slow every side, and the report says so.
  const loads = [];
  const loadSampler = setInterval(() => loads.push(os.loadavg()[0]), 5000);
  await build();

  const dbFile = path.join(playground, '.tmp', QUICK ? 'bench-quick.db' : 'bench.db');
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  for (const suffix of ['', '-journal', '-wal', '-shm'])
    fs.rmSync(`${dbFile}${suffix}`, { force: true });

  log(`Seeding ${DATA.posts} posts and ${DATA.comments} comments…`);
  const strapiEnv = {
    NODE_ENV: 'production',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: dbFile,
    PLAYGROUND_SEED: 'false',
    // Behind a trusted proxy: each submission's X-Forwarded-For is its reader's address.
    IS_PROXIED: 'true',
    STRAPI_LOG_LEVEL: 'error',
    STRAPI_TELEMETRY_DISABLED: 'true',
    // Mail through an SMTP server that is down (nothing listens on port 1): what mail costs a
    // request when its server fails (docs/notifications.md).
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: '1',
    BENCH_SEED: JSON.stringify(DATA),
  };
  const { child: strapiChild, ready } = await startChild('server.js', strapiEnv);
  const { seeded, tables, flood, genericIndexes } = ready;
  const strapiPort = ready.port;
  log(`Seeded in ${(seeded.ms / 1000).toFixed(1)} s; Strapi listens on ${strapiPort}.`);

  const postSlug = `post-${Math.floor(DATA.posts / 2)}`;
  const base = `http://127.0.0.1:${strapiPort}`;
  const form = await (await fetch(`${base}/api/blog/posts/${postSlug}/comment-form`)).json();
  const article = await (
    await fetch(`${base}/api/articles?filters[slug][$eq]=${postSlug}&fields[0]=slug`)
  ).json();
  const asked = questions({
    postSlug,
    postDocumentId: article.data[0].documentId,
    formToken: form.data.formToken,
    everyday: seeded.everyday,
  });

  // SQL per request, and the plugin's statements for the raw floor.
  const rawRoutes = {};
  for (const question of asked) {
    for (const side of ['plugin', 'core']) {
      const counted = await strapiChild.ask({ type: 'sql', request: question[side] });
      if (counted.status >= 300) {
        throw new Error(
          `${side} ${question[side].path} answered ${counted.status}: ${counted.answer}`
        );
      }
      question[`${side}Sql`] = counted.statements.length;
      question[`${side}Statements`] = counted.statements;
      if (side === 'plugin' && question.read) {
        // The same read answered from memory: the tags' versions, and nothing else.
        if (counted.cached?.header !== 'HIT') {
          throw new Error(
            `${question.plugin.path} was not answered from memory (X-Blog-Cache: ${counted.cached?.header})`
          );
        }
        question.pluginCachedSql = counted.cached.statements.length;
      }
      if (side === 'plugin' && question.read) rawRoutes[question.plugin.path] = counted.statements;
    }
  }
  // For profiling: every statement each route ran, with its bindings.
  fs.writeFileSync(
    path.join(path.dirname(dbFile), 'bench-statements.json'),
    JSON.stringify(
      Object.fromEntries(
        asked.flatMap((q) => [
          [q.plugin.path, q.pluginStatements],
          [q.core.path, q.coreStatements],
        ])
      ),
      null,
      2
    )
  );
  // What each plugin read answers: how many items (posts, or comments with their replies).
  const itemsIn = (list) =>
    list.reduce((sum, item) => sum + 1 + (item.replies ? itemsIn(item.replies) : 0), 0);
  for (const question of asked.filter((q) => q.read)) {
    const response = await fetch(`${base}${question.plugin.path}`);
    const text = await response.text();
    const { data } = JSON.parse(text);
    question.items = Array.isArray(data) ? itemsIn(data) : 1;
    question.kb = Math.round(Buffer.byteLength(text) / 102.4) / 10;
    if (question.samePosts) {
      // Both sides answer the same posts with their tags and cover, or the comparison is void.
      const core = (await (await fetch(`${base}${question.core.path}`)).json()).data;
      const seen = (list) =>
        list.map((post) => `${post.slug} ${post.tags.length} ${post.cover?.url}`).join('\n');
      if (seen(core) !== seen(data)) {
        throw new Error(`${question.endpoint}: the plugin and the generic API answer other posts`);
      }
    }
  }

  const floorSql = (await strapiChild.ask({ type: 'sql', request: { path: '/api/floor' } }))
    .statements.length;

  const { child: rawChild } = await new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'raw-server.js'), [], {
      env: { ...process.env, BENCH_DB: dbFile },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.add(child);
    child.once('message', (message) => resolve({ child, port: message.port, message }));
    child.once('exit', (code) => reject(new Error(`raw-server.js exited with ${code}`)));
    child.send({ type: 'routes', routes: rawRoutes, tables, flood });
  }).then(({ child, port }) => ({ child: Object.assign(child, { port }) }));

  const measure = async (label, port, pid, request) => {
    const result = await load({ port, pid, request, duration: DURATION });
    log(
      `  ${label.padEnd(8)} ${String(result.rps).padStart(8)} rps  p50 ${result.p50} ms  p99 ${result.p99} ms` +
        (result.non2xx ? `  (${result.non2xx} non-2xx)` : '') +
        (result.timeouts ? `  (${result.timeouts} unanswered in 10 s)` : '')
    );
    return mustAllBe2xx(result, `${label} ${request.path}`);
  };

  // One warm-up pass over every question first, so the first measurement (the floor) does not
  // pay for Strapi's and V8's warm-up.
  log('Warming up…');
  for (const question of asked) {
    await load({ port: strapiPort, pid: strapiChild.pid, request: question.plugin, duration: 1 });
    await load({ port: strapiPort, pid: strapiChild.pid, request: question.core, duration: 1 });
  }

  /** The best of several runs: a 2-core machine's neighbours only ever slow a run down. */
  const best = (runs) => runs.reduce((top, run) => (run.rps > top.rps ? run : top));

  log('Strapi floor: GET /api/floor');
  const floorRuns = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    floorRuns.push(await measure('floor', strapiPort, strapiChild.pid, { path: '/api/floor' }));
  }
  const floor = { ...best(floorRuns), sql: floorSql };

  /** The public cache on or off (its memory emptied either way); answers its stats. */
  const setCache = async (enabled) => (await strapiChild.ask({ type: 'cache', enabled })).stats;
  const cacheStats = async () => (await strapiChild.ask({ type: 'cacheStats' })).stats;
  /** Answers from memory among the answers counted between two stats (null when none). */
  const hitRate = (before, after) => {
    const hits = after.hits - before.hits;
    const all = hits + after.misses - before.misses;
    return all ? Math.round((hits / all) * 1000) / 1000 : null;
  };

  const results = [];
  for (const question of asked) {
    log(question.endpoint);
    const runs = { plugin: [], uncached: [], core: [], raw: [] };
    // Rounds alternate the servers, so a slow spell of the machine hits them alike. A read is
    // measured with the public cache on (cached: answers from memory, after the first) and off
    // (uncached: every answer built, as the first request after a write is).
    let loopMs = 0;
    let uncachedLoopMs = 0;
    let cachedHitRate = null;
    for (let round = 0; round < ROUNDS; round += 1) {
      await strapiChild.ask({ type: 'loop' });
      const before = await cacheStats();
      runs.plugin.push(await measure('plugin', strapiPort, strapiChild.pid, question.plugin));
      const after = await cacheStats();
      loopMs = Math.max(loopMs, (await strapiChild.ask({ type: 'loop' })).maxMs);
      if (question.read) {
        const rate = hitRate(before, after);
        cachedHitRate = cachedHitRate === null ? rate : Math.min(cachedHitRate, rate);
        await setCache(false);
        runs.uncached.push(await measure('uncached', strapiPort, strapiChild.pid, question.plugin));
        uncachedLoopMs = Math.max(uncachedLoopMs, (await strapiChild.ask({ type: 'loop' })).maxMs);
        await setCache(true);
      }
      runs.core.push(await measure('generic', strapiPort, strapiChild.pid, question.core));
      runs.raw.push(await measure('raw', rawChild.port, rawChild.pid, question.plugin));
    }
    const [plugin, core, raw] = [best(runs.plugin), best(runs.core), best(runs.raw)];
    const uncached = question.read ? best(runs.uncached) : null;
    results.push({
      endpoint: question.endpoint,
      plugin_rps: plugin.rps,
      core_rps: core.rps,
      floor_rps: floor.rps,
      raw_rps: raw.rps,
      plugin_p50_ms: plugin.p50,
      plugin_p99_ms: plugin.p99,
      plugin_sql_per_request: question.pluginSql,
      plugin_cached_sql_per_request: question.read ? question.pluginCachedSql : null,
      plugin_cached_hit_rate: cachedHitRate,
      plugin_peak_mb: plugin.peakMb,
      plugin_max_loop_block_ms: loopMs,
      plugin_uncached_rps: uncached?.rps ?? null,
      plugin_uncached_p50_ms: uncached?.p50 ?? null,
      plugin_uncached_p99_ms: uncached?.p99 ?? null,
      plugin_uncached_peak_mb: uncached?.peakMb ?? null,
      plugin_uncached_max_loop_block_ms: question.read ? uncachedLoopMs : null,
      plugin_uncached_unanswered: uncached?.timeouts ?? null,
      ratio_uncached_to_core: uncached ? ratio(uncached.rps, core.rps) : null,
      ratio_uncached_to_floor: uncached ? ratio(uncached.rps, floor.rps) : null,
      ratio_uncached_to_raw: uncached ? ratio(uncached.rps, raw.rps) : null,
      plugin_items_per_answer: question.items ?? null,
      plugin_kb_per_answer: question.kb ?? null,
      core_p50_ms: core.p50,
      core_p99_ms: core.p99,
      core_sql_per_request: question.coreSql,
      core_peak_mb: core.peakMb,
      core_unanswered: core.timeouts,
      plugin_unanswered: plugin.timeouts,
      raw_p50_ms: raw.p50,
      raw_p99_ms: raw.p99,
      ratio_to_core: ratio(plugin.rps, core.rps),
      ratio_to_floor: ratio(plugin.rps, floor.rps),
      ratio_to_raw: ratio(plugin.rps, raw.rps),
      read: question.read,
      thread: question.thread ?? null,
    });
  }

  // The uncached reads against the floor in interleaved rounds: the figure their targets are
  // judged on (measurePaired).
  log(
    `Uncached reads and the floor, interleaved (${PAIRED_ROUNDS} rounds of ${PAIRED_DURATION} s runs)`
  );
  const reads = asked.filter((question) => question.read);
  const paired = await measurePaired({
    port: strapiPort,
    pid: strapiChild.pid,
    setCache,
    reads: reads.map((question) => ({
      endpoint: question.endpoint,
      label: question.label,
      path: question.plugin.path,
    })),
  });
  for (const figures of paired) {
    const row = results.find((r) => r.endpoint === figures.endpoint);
    row.paired_uncached_rps = figures.rps;
    row.paired_floor_rps = figures.floors;
    row.paired_uncached_to_floor = figures.ratios;
    row.ratio_uncached_to_floor_paired = Math.round(figures.median * 1000) / 1000;
  }

  // The mix: several hot URLs read at once while a writer submits a comment every second.
  const mix = await measureMix({
    strapiChild,
    strapiPort,
    setCache,
    cacheStats,
    hitRate,
    postSlug,
    formToken: form.data.formToken,
  });

  // The worst case of each bounded path, beside the ordinary request of its route, with the
  // cache off: a request varied on purpose is never answered from memory.
  await setCache(false);
  const worst = [];
  for (const edge of worstCases({ postSlug, formToken: form.data.formToken })) {
    log(edge.endpoint);
    if (edge.settings) await strapiChild.ask({ type: 'settings', changes: edge.settings });
    const counted = await strapiChild.ask({ type: 'sql', request: edge.request });
    if (counted.status >= 300) {
      throw new Error(`${edge.endpoint} answered ${counted.status}: ${counted.answer}`);
    }
    const runs = [];
    let loopMs = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      await strapiChild.ask({ type: 'loop' });
      runs.push(await measure('plugin', strapiPort, strapiChild.pid, edge.request));
      loopMs = Math.max(loopMs, (await strapiChild.ask({ type: 'loop' })).maxMs);
    }
    const run = best(runs);
    const beside = results.find((r) => r.endpoint === edge.beside);
    worst.push({
      endpoint: edge.endpoint,
      request_bytes:
        Buffer.byteLength(edge.request.path) +
        (edge.request.body ? Buffer.byteLength(JSON.stringify(edge.request.body)) : 0),
      plugin_rps: run.rps,
      plugin_p50_ms: run.p50,
      plugin_p99_ms: run.p99,
      plugin_sql_per_request: counted.statements.length,
      plugin_max_loop_block_ms: loopMs,
      beside: edge.beside,
      // The ordinary request uncached (a read), or as measured (a submission).
      beside_max_loop_block_ms:
        beside.plugin_uncached_max_loop_block_ms ?? beside.plugin_max_loop_block_ms,
      beside_p50_ms: beside.plugin_uncached_p50_ms ?? beside.plugin_p50_ms,
      beside_rps: beside.plugin_uncached_rps ?? beside.plugin_rps,
    });
    if (edge.settings) {
      await strapiChild.ask({
        type: 'settings',
        changes: Object.fromEntries(Object.keys(edge.settings).map((key) => [key, []])),
      });
    }
  }

  await setCache(true);

  await rawChild.send({ type: 'stop' });
  await strapiChild.stopGracefully();

  const checks = [];
  for (const r of results.filter((row) => row.read)) {
    checks.push({
      pass: r.ratio_to_floor >= 1.5,
      text: `${r.endpoint}, cached: ${r.ratio_to_floor}× Strapi’s floor (target ≥ 1.5×)`,
    });
    // A list (filtered by tag or not) at least 60% of the floor uncached, any other read 70%.
    const list =
      r.endpoint.startsWith('GET /api/blog/posts?') || r.endpoint === 'GET /api/blog/posts';
    const share = list ? 0.6 : 0.7;
    checks.push(uncachedCheck(r, share));
  }
  const small = results.find((r) => r.thread === 'small');
  const big = results.find((r) => r.thread === 'big');
  checks.push({
    pass: big.plugin_uncached_p50_ms <= small.plugin_uncached_p50_ms * 1.5,
    text: `comments p50 uncached on the ${DATA.bigThread.toLocaleString('en')}-comment post ${big.plugin_uncached_p50_ms} ms vs ${small.plugin_uncached_p50_ms} ms on the ${DATA.smallThread}-comment post (target ≤ 1.5×)`,
  });
  checks.push({
    pass: big.plugin_sql_per_request === small.plugin_sql_per_request,
    text: `SQL statements per comments page built: ${small.plugin_sql_per_request} on the small thread, ${big.plugin_sql_per_request} on the big one (target: the same)`,
  });
  for (const r of results.filter((row) => !row.read)) {
    checks.push({
      pass: r.ratio_to_core >= 1,
      text: `${r.endpoint}: ${r.ratio_to_core}× Strapi’s generic create (target ≥ 1×)`,
    });
    checks.push({
      pass: r.plugin_sql_per_request <= 12,
      text: `${r.endpoint}: ${r.plugin_sql_per_request} SQL statements per submission (target ≤ 12)`,
    });
  }
  for (const [label, run] of [
    ['cached', mix.cached],
    ['uncached', mix.uncached],
  ]) {
    checks.push({
      pass: run.mismatches.length === 0,
      text:
        `mix, after the ${label} run: ${mix.urls.length - run.mismatches.length} of ${mix.urls.length} hot URLs ` +
        `answered through the cache equal to the answer built with it off (target: all, the cache stays exact)`,
    });
  }
  const budgetMb = megabytes(mix.budget_bytes);
  checks.push({
    pass: mix.cached.cache_bytes <= mix.budget_bytes,
    text: `mix, cached: the cache holds ${megabytes(mix.cached.cache_bytes)} MB of answers (target ≤ its budget, ${budgetMb} MB)`,
  });
  // What the process needs without the cache: the highest peak of its runs with the cache off.
  const uncachedPeakMb = Math.max(
    mix.uncached.peak_mb,
    ...results.filter((r) => r.read).map((r) => r.plugin_uncached_peak_mb)
  );
  checks.push({
    pass: mix.cached.peak_mb <= uncachedPeakMb + budgetMb,
    text:
      `mix, cached: peak RSS ${mix.cached.peak_mb} MB, vs ${uncachedPeakMb} MB at most with the cache off in this run ` +
      `(target ≤ that + the ${budgetMb} MB budget)`,
  });

  clearInterval(loadSampler);
  const cpu = os.cpus();
  const oneDecimal = (value) => Math.round(value * 10) / 10;
  const meta = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB`,
    node: process.version,
    strapi: require('@strapi/strapi/package.json').version,
    connections: CONNECTIONS,
    duration: DURATION,
    warmup: WARMUP,
    rounds: ROUNDS,
    pairedRounds: PAIRED_ROUNDS,
    pairedDuration: PAIRED_DURATION,
    quick: QUICK,
    seedSeconds: Math.round(seeded.ms / 100) / 10,
    data: { ...DATA, replies: seeded.replies, tags: seeded.tags, everyday: seeded.everyday },
    genericIndexes,
    floodIntervalSeconds: flood.intervalSeconds,
    cores: cpu.length,
    load: loads.length
      ? {
          mean: oneDecimal(loads.reduce((sum, load) => sum + load, 0) / loads.length),
          max: oneDecimal(Math.max(...loads)),
        }
      : null,
  };
  const imported = importFigures();
  checks.push(...imported.checks);
  const { table, md } = report({ results, floor, meta, checks, worst, mix, imported });
  fs.writeFileSync(
    path.join(__dirname, OUT.json),
    `${JSON.stringify({ meta, floor, results, mix, worst_cases: worst, checks }, null, 2)}\n`
  );
  fs.writeFileSync(path.join(__dirname, OUT.md), md);
  log('');
  log(table);
  log('');
  for (const c of checks) log(`${c.pass ? 'met   ' : 'MISSED'} ${c.text}`);
  log(
    `\nWrote bench/${OUT.json} and bench/${OUT.md} (${Math.round((Date.now() - started) / 1000)} s in all).`
  );
  if (!flag('keep-db')) {
    for (const suffix of ['', '-journal', '-wal', '-shm'])
      fs.rmSync(`${dbFile}${suffix}`, { force: true });
  }
};

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
