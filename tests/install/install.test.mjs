/**
 * `npm run test:install`: the plugin as a developer installs it. Packs it (`npm pack`), writes a
 * fresh Strapi 5 TypeScript app in a temporary folder (tests/install/app-files.mjs), installs the
 * tarball there from the npm registry's packages, builds the admin, boots, and checks the
 * plugin's routes, its admin bundle, its typed contracts and the app's own content type.
 * Set KEEP_INSTALL_APP=1 to keep the folder.
 *
 * The app's Strapi: BLOG_INSTALL_STRAPI_VERSION, an exact version or `lowest` (the lowest of the
 * plugin's `@strapi/strapi` peer range); by default the one this project's lock installs, the
 * newest the range is tested with. CI runs both ends of the range.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { appFiles } from './app-files.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ADMIN = { email: 'install@example.com', password: 'Install-pass-1' };
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const installed = (name) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8'))
    .version;

/** The Strapi version the app installs (see the top of this file). */
const strapiVersion = (() => {
  const asked = process.env.BLOG_INSTALL_STRAPI_VERSION;
  if (!asked) return installed('@strapi/strapi');
  if (asked !== 'lowest') return asked;
  const semver = createRequire(path.join(ROOT, 'package.json'))('semver');
  return semver.minVersion(pkg.peerDependencies['@strapi/strapi']).version;
})();

let dir;
let tarball;
let packed;
let server;
let base;
let output = '';

const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...options,
    env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true', ...options.env },
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`
    );
  }
  return result.stdout;
};

const freePort = () =>
  new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const http = async (method, url, { body, token, headers = {} } = {}) => {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, text, body: json, headers: res.headers };
};

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-install-'));
  run('npm', ['run', 'build'], { cwd: ROOT });
  const [info] = JSON.parse(
    run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT })
  );
  tarball = path.join(dir, info.filename);
  packed = info.files.map((file) => file.path).sort();

  const app = path.join(dir, 'app');
  const files = appFiles({
    tarball,
    admin: ADMIN,
    versions: {
      strapi: strapiVersion,
      betterSqlite3: installed('better-sqlite3'),
      react: installed('react'),
      reactDom: installed('react-dom'),
      reactRouterDom: installed('react-router-dom'),
      styledComponents: installed('styled-components'),
      typescript: installed('typescript'),
    },
  });
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(app, name)), { recursive: true });
    fs.writeFileSync(path.join(app, name), content);
  }
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: app });
  run('npx', ['strapi', 'build'], { cwd: app, env: { NODE_ENV: 'production' } });

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn('npx', ['strapi', 'start'], {
    cwd: app,
    env: {
      ...process.env,
      PORT: String(port),
      NODE_ENV: 'production',
      STRAPI_TELEMETRY_DISABLED: 'true',
    },
    detached: true,
  });
  server.stdout.on('data', (chunk) => (output += chunk));
  server.stderr.on('data', (chunk) => (output += chunk));
  const until = Date.now() + 180_000;
  for (;;) {
    const health = await fetch(`${base}/_health`).catch(() => null);
    if (health?.status === 204) break;
    if (server.exitCode !== null || Date.now() > until) {
      throw new Error(`the app did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});

after(() => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  if (dir && !process.env.KEEP_INSTALL_APP) fs.rmSync(dir, { recursive: true, force: true });
});

test('the tarball holds what a user needs and nothing else', () => {
  const unexpected = packed.filter(
    (file) =>
      ![
        'package.json',
        'README.md',
        'CHANGELOG.md',
        'LICENSE',
        'strapi-server.js',
        'bin/strapi-plugin-blog.js',
      ].includes(file) && !file.startsWith('dist/')
  );
  assert.deepEqual(unexpected, []);
  for (const needed of [
    'dist/server/index.js',
    'dist/admin/index.mjs',
    'dist/contracts/index.d.ts',
    'README.md',
    'CHANGELOG.md',
    'LICENSE',
  ]) {
    assert.ok(packed.includes(needed), `${needed} is missing from the tarball`);
  }
  assert.ok(!packed.some((file) => /^(tests|playground|bench|scripts)\//.test(file)));
});

test(`the app runs Strapi ${strapiVersion}`, () => {
  const app = path.join(dir, 'app');
  for (const name of ['@strapi/strapi', '@strapi/core', '@strapi/database']) {
    const version = JSON.parse(
      fs.readFileSync(path.join(app, 'node_modules', name, 'package.json'), 'utf8')
    ).version;
    assert.equal(version, strapiVersion, `${name} is ${version}`);
  }
});

test('its peer dependencies are met by what a Strapi app installs', () => {
  const app = path.join(dir, 'app');
  const semver = (name) =>
    JSON.parse(fs.readFileSync(path.join(app, 'node_modules', name, 'package.json'), 'utf8'))
      .version;
  const satisfies = (version, range) =>
    JSON.parse(
      run(
        process.execPath,
        [
          '-e',
          `process.stdout.write(JSON.stringify(require('semver').satisfies(${JSON.stringify(version)}, ${JSON.stringify(range)})))`,
        ],
        { cwd: app }
      )
    );
  for (const [name, range] of Object.entries(pkg.peerDependencies)) {
    const version = semver(name);
    assert.ok(satisfies(version, range), `${name} ${version} does not satisfy ${range}`);
  }
});

test('serves its routes: a post written in the admin, its comments and feeds', async () => {
  const login = await http('POST', '/admin/login', { body: ADMIN });
  assert.equal(login.status, 200, login.text);
  const token = login.body.data.token;

  const created = await http('POST', '/content-manager/collection-types/plugin::blog.post', {
    token,
    body: {
      title: 'Networking biggest mistake?',
      slug: 'networking-biggest-mistake',
      originalDate: '2008-02-22',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'What is networking?' }] }],
      lessonsHeading: 'Lessons in Life',
      lessons: [{ text: 'A network to learn.' }],
    },
  });
  assert.equal(created.status, 201, created.text);
  const published = await http(
    'POST',
    `/content-manager/collection-types/plugin::blog.post/${created.body.data.documentId}/actions/publish`,
    { token, body: {} }
  );
  assert.equal(published.status, 200, published.text);

  const post = await http('GET', '/api/blog/posts/networking-biggest-mistake');
  assert.equal(post.status, 200, post.text);
  assert.deepEqual(post.body.data.lessons, [{ position: 1, text: 'A network to learn.' }]);
  const list = await http('GET', '/api/blog/posts');
  assert.equal(list.body.meta.pagination.total, 1);

  const form = await http('GET', '/api/blog/posts/networking-biggest-mistake/comment-form');
  assert.equal(form.status, 200, form.text);
  await new Promise((resolve) => setTimeout(resolve, form.body.data.minSubmitSeconds * 1000 + 100));
  const comment = await http('POST', '/api/blog/posts/networking-biggest-mistake/comments', {
    body: {
      data: { authorName: 'Reader', authorEmail: 'reader@example.com', content: 'Well said.' },
      formToken: form.body.data.formToken,
    },
  });
  assert.equal(comment.status, 201, comment.text);
  const queue = await http('GET', '/blog/comments?status=pending', { token });
  assert.equal(queue.status, 200, queue.text);
  assert.equal(queue.body.data.length, 1);

  const feed = await http('GET', '/api/blog/feed.xml');
  assert.equal(feed.status, 200);
  assert.match(feed.text, /<title type="text">Networking biggest mistake\?<\/title>/);
});

test('ships its admin: the Blog page is in the built admin panel', async () => {
  const page = await http('GET', '/admin');
  assert.equal(page.status, 200);
  const build = path.join(dir, 'app', 'dist', 'build');
  const bundled = fs
    .readdirSync(build, { recursive: true })
    .filter((file) => String(file).endsWith('.js'))
    .some((file) =>
      fs
        .readFileSync(path.join(build, String(file)), 'utf8')
        .includes('Bring posts and their comments from WordPress or Blogger')
    );
  assert.ok(bundled, 'the plugin’s admin strings are not in the admin build');
});

test('adds its queries to the app’s GraphQL schema', async () => {
  const res = await http('POST', '/graphql', {
    body: {
      query: '{ blogPost(slug: "networking-biggest-mistake") { title lessons { position text } } }',
    },
  });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.body.data.blogPost, {
    title: 'Networking biggest mistake?',
    lessons: [{ position: 1, text: 'A network to learn.' }],
  });
});

test('the app’s own content type still works, over REST and GraphQL', async () => {
  const books = await http('GET', '/api/books');
  assert.equal(books.status, 200, books.text);
  assert.deepEqual(
    books.body.data.map((book) => book.title),
    ['Chicken Soup for the Soul']
  );
  const graphql = await http('POST', '/graphql', { body: { query: '{ books { title pages } }' } });
  assert.equal(graphql.status, 200, graphql.text);
  assert.deepEqual(graphql.body.data.books, [{ title: 'Chicken Soup for the Soul', pages: 300 }]);
});

test('a site in the app type-checks against strapi-plugin-blog/contracts', () => {
  const app = path.join(dir, 'app');
  run(
    process.execPath,
    [path.join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'site'],
    {
      cwd: app,
    }
  );
});
