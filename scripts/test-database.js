#!/usr/bin/env node
/**
 * `npm run test:postgres` and `npm run test:mysql`: every API suite again on a database server, and
 * the two-instance suite (`tests/multi-instance/`). Each test file gets a database of its own on the
 * server named by the usual Strapi variables, created and dropped by the tests:
 * - postgres: 127.0.0.1:5432, user `postgres`;
 * - mysql (MySQL 8 or MariaDB): 127.0.0.1:3306, user `blog`;
 * the password from DATABASE_PASSWORD in both cases.
 *
 * It builds the plugin first, unless BLOG_TEST_PREBUILT=1 says the plugin (`dist/`) and the
 * playground (`playground/dist`) are already built: `.ci/run` builds them once and runs the
 * PostgreSQL and MariaDB suites side by side, which must not rewrite the same files.
 */
'use strict';

const { spawnSync } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DEFAULTS = {
  postgres: { port: '5432', user: 'postgres' },
  mysql: { port: '3306', user: 'blog' },
};

const [client, ...jestArgs] = process.argv.slice(2);
if (!Object.hasOwn(DEFAULTS, client)) {
  console.error(
    `usage: node scripts/test-database.js <${Object.keys(DEFAULTS).join('|')}> [jest args]`
  );
  process.exit(2);
}

const env = {
  ...process.env,
  DATABASE_CLIENT: client,
  DATABASE_HOST: process.env.DATABASE_HOST || '127.0.0.1',
  DATABASE_PORT: process.env.DATABASE_PORT || DEFAULTS[client].port,
  DATABASE_USERNAME: process.env.DATABASE_USERNAME || DEFAULTS[client].user,
};

if (process.env.BLOG_TEST_PREBUILT !== '1') {
  const build = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'strapi-plugin'), ['build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const jest = spawnSync(
  path.join(ROOT, 'node_modules', '.bin', 'jest'),
  ['tests/api', 'tests/multi-instance', ...jestArgs],
  { cwd: ROOT, stdio: 'inherit', env }
);
process.exit(jest.status ?? 1);
