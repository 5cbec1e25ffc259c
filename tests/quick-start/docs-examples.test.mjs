/**
 * Every curl example of the README and of docs/*.md runs as printed against the demo
 * (`npm run demo`), from the repository's folder, with `ADMIN_TOKEN` set by the command the docs
 * give for it. An example fails when its shell exits non-zero (curl's own errors included, such
 * as a URL with brackets and no `-g`) or when an answer is a 4xx or 5xx. A block that shows an
 * error on purpose says so with a line `# expect: 404`: its last answer must have that status.
 * Run with `npm run test:demo` (node's test runner; it starts the demo, about a minute).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ROOT, startDemo } from '../helpers/demo-server.mjs';

const PORT = Number(process.env.DOCS_TEST_PORT || 1398);
const DOCUMENTED_ORIGIN = 'localhost:1337';

/** The ```sh / ```bash blocks of a markdown file that call curl, with the line each starts on. */
function curlBlocks(file) {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const blocks = [];
  let open = null;
  lines.forEach((line, index) => {
    if (open === null) {
      const fence = /^(\s*)```(sh|bash|shell)\s*$/.exec(line);
      if (fence) open = { file, line: index + 2, body: [] };
    } else if (/^\s*```\s*$/.test(line)) {
      if (open.body.some((text) => /\bcurl\b/.test(text))) blocks.push(open);
      open = null;
    } else {
      open.body.push(line);
    }
  });
  return blocks.map((block) => {
    const script = block.body.join('\n');
    const expect = /^\s*# expect: (\d{3})\s*$/m.exec(script);
    return { ...block, script, expect: expect ? Number(expect[1]) : null };
  });
}

const docFiles = [
  'README.md',
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];
const blocks = docFiles.flatMap(curlBlocks);

let demo;
let adminToken = '';
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-docs-examples-'));

/**
 * Runs one block in bash, as a reader pasting it would, against the test's demo. A `curl`
 * function records each answer's headers (-D) in a file of its own, named in call order, without
 * touching what curl prints (examples pipe it).
 */
function runBlock(script, env = {}) {
  const headers = fs.mkdtempSync(path.join(scratch, 'headers-'));
  const prelude = [
    'set -eo pipefail',
    'curl() { command curl -D "$(mktemp -p "$DOCS_HEADERS" "$(date +%s%N).XXXX")" "$@"; }',
  ].join('\n');
  const run = spawnSync(
    'bash',
    ['-c', `${prelude}\n${script.replaceAll(DOCUMENTED_ORIGIN, `localhost:${PORT}`)}`],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, ...env, DOCS_HEADERS: headers },
    }
  );
  const statuses = fs
    .readdirSync(headers)
    .sort()
    .map((name) => {
      const codes = [
        ...fs.readFileSync(path.join(headers, name), 'utf8').matchAll(/^HTTP\/[\d.]+ (\d{3})/gm),
      ];
      return codes.length > 0 ? Number(codes.at(-1)[1]) : null;
    });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, statuses };
}

before(async () => {
  demo = await startDemo({ port: PORT, name: 'docs-examples' });
  // The docs' own way to get an admin token, run as printed.
  const lines = docFiles
    .flatMap((file) => fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n'))
    .filter((line) => line.startsWith('ADMIN_TOKEN=$('));
  assert.ok(lines.length > 0, 'no doc says how to set ADMIN_TOKEN');
  const got = runBlock(`${lines[0]}\nprintf %s "$ADMIN_TOKEN"`);
  assert.equal(got.status, 0, got.stderr);
  adminToken = got.stdout.trim();
  assert.match(adminToken, /^\S{20,}$/, 'the documented ADMIN_TOKEN command printed no token');
});

after(() => {
  demo?.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

test('the docs hold curl examples, the admin ones included', () => {
  assert.ok(blocks.length >= 10, `only ${blocks.length} curl blocks found`);
  assert.ok(blocks.some((block) => block.script.includes('$ADMIN_TOKEN')));
});

for (const block of blocks) {
  test(`${block.file}:${block.line} runs as printed`, () => {
    const got = runBlock(block.script, { ADMIN_TOKEN: adminToken });
    const where = `${block.file}:${block.line}`;
    const shown = `\n--- script\n${block.script}\n--- stdout\n${got.stdout}\n--- stderr\n${got.stderr}`;
    assert.equal(got.status, 0, `${where} exited with ${got.status}${shown}`);
    assert.ok(got.statuses.length > 0, `${where} made no HTTP request${shown}`);
    assert.ok(
      got.statuses.every((status) => status !== null),
      `${where}: an answer without a status line${shown}`
    );
    const last = got.statuses.at(-1);
    const before = block.expect === null ? got.statuses : got.statuses.slice(0, -1);
    for (const status of before) {
      assert.ok(status < 400, `${where} answered ${status} (${got.statuses.join(', ')})${shown}`);
    }
    if (block.expect !== null) {
      assert.equal(
        last,
        block.expect,
        `${where} answered ${last}, the doc expects ${block.expect}${shown}`
      );
    }
  });
}
