#!/usr/bin/env node
/**
 * `npm run test:postgres`: every API suite again on PostgreSQL, and the multi-instance suite. Each test file gets a database
 * of its own on the server named by the usual Strapi variables (defaults: 127.0.0.1:5432, user
 * postgres, password from DATABASE_PASSWORD), created and dropped by the tests.
 */
'use strict';

const { spawnSync } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const env = {
  ...process.env,
  DATABASE_CLIENT: 'postgres',
  DATABASE_HOST: process.env.DATABASE_HOST || '127.0.0.1',
  DATABASE_PORT: process.env.DATABASE_PORT || '5432',
  DATABASE_USERNAME: process.env.DATABASE_USERNAME || 'postgres',
};

const build = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'strapi-plugin'), ['build'], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const jest = spawnSync(
  path.join(ROOT, 'node_modules', '.bin', 'jest'),
  ['tests/api', 'tests/postgres', ...process.argv.slice(2)],
  { cwd: ROOT, stdio: 'inherit', env }
);
process.exit(jest.status ?? 1);
