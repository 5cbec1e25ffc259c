/**
 * The import command as a developer runs it from the Strapi project's folder (here the
 * playground, a TypeScript app): `npx strapi-plugin-blog import <file>`. Each run boots the app;
 * these run after the jest suites (`npm run test:demo`), since the command compiles the app.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PLAYGROUND = path.join(ROOT, 'playground');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'import');
const DB = path.join(os.tmpdir(), `blog-import-cli-${process.pid}.db`);

const cli = (...args) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin', 'strapi-plugin-blog.js'), ...args], {
    cwd: PLAYGROUND,
    env: { ...process.env, DATABASE_FILENAME: DB, PLAYGROUND_SEED: 'false' },
    encoding: 'utf8',
    timeout: 120_000,
  });

after(() => fs.rmSync(DB, { force: true }));

test('a dry run reports what it would write, and writes nothing', () => {
  const run = cli('import', path.join(FIXTURES, 'seed.blogger.xml'), '--dry-run');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Dry run \(nothing written\) from Blogger/);
  assert.match(run.stdout, /posts: 2 to create, 0 to update/);
  const again = cli('import', path.join(FIXTURES, 'seed.blogger.xml'), '--dry-run');
  assert.match(again.stdout, /posts: 2 to create, 0 to update/);
});

test('imports a WordPress export, then leaves it unchanged on a second run', () => {
  const first = cli('import', path.join(FIXTURES, 'small.wxr.xml'));
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /Imported from WordPress:/);
  assert.match(first.stdout, /posts: 3 created, 0 updated, 0 unchanged, 0 skipped/);
  assert.match(first.stdout, /comments: 6 created, 0 updated, 0 unchanged, 0 skipped/);
  assert.match(first.stdout, /1 page \(About\)/);
  assert.match(first.stdout, /1 pingback/);
  assert.match(first.stdout, /scheduled to publish: “Scheduled” \(\d+\) at 2030-01-01T/);
  // Not a terminal: plain progress lines, ending at 100%, no bar drawn over itself.
  assert.match(first.stdout, /^ {2}100% {2}3\/3 posts, 6\/6 comments$/m);
  assert.ok(!first.stdout.includes('\r') && !first.stdout.includes('\u001b['), first.stdout);

  const second = cli('import', path.join(FIXTURES, 'small.wxr.xml'));
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /posts: 0 created, 0 updated, 3 unchanged/);
  assert.match(second.stdout, /comments: 0 created, 0 updated, 6 unchanged/);
});

test('refuses a file that is not an export, with a clear message', () => {
  const file = path.join(os.tmpdir(), `not-an-export-${process.pid}.xml`);
  fs.writeFileSync(file, '<html><body>hello</body></html>');
  const run = cli('import', file);
  fs.rmSync(file);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /neither a WordPress \(WXR\) nor a Blogger export/);
  const usage = cli('export');
  assert.equal(usage.status, 1);
  assert.match(usage.stderr, /Usage: npx strapi-plugin-blog import <file>/);
});

test('draws a progress bar on a terminal', () => {
  // `script` (util-linux, in every Debian) gives the command a pseudo-terminal.
  const command = [process.execPath, path.join(ROOT, 'bin', 'strapi-plugin-blog.js')]
    .concat(['import', path.join(FIXTURES, 'small.wxr.xml'), '--dry-run'])
    .map((part) => `'${part.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  const run = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: PLAYGROUND,
    env: { ...process.env, DATABASE_FILENAME: DB, PLAYGROUND_SEED: 'false' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /\[#{30}\] 100% {2}3\/3 posts, 6\/6 comments/);
  assert.match(run.stdout, /Dry run \(nothing written\) from WordPress/);
});
