import fs from 'fs';
import path from 'path';

import type { Core } from '@strapi/strapi';
import { createStrapi } from '@strapi/strapi';
import mysql from 'mysql2/promise';
import { Client } from 'pg';
import request from 'supertest';

export const ROOT = path.resolve(__dirname, '..', '..');
export const PLAYGROUND = path.join(ROOT, 'playground');
const TMP = path.join(ROOT, 'tests', '.tmp');

export interface TestApp {
  strapi: Core.Strapi;
  http: () => ReturnType<typeof request>;
  /** The SQLite file, or the server database's name. */
  database: string;
  stop: () => Promise<void>;
}

let counter = 0;

/** The database the tests run on: `npm run test:postgres` and `npm run test:mysql` set DATABASE_CLIENT. */
export const databaseClient = (): 'sqlite' | 'postgres' | 'mysql' => {
  const client = process.env.DATABASE_CLIENT;
  return client === 'postgres' || client === 'mysql' ? client : 'sqlite';
};

export const isPostgres = () => databaseClient() === 'postgres';
export const isMysql = () => databaseClient() === 'mysql';

/** A fresh database, unique to this jest worker and boot: a SQLite file or a server database's name. */
export const freshDatabase = () => {
  counter += 1;
  const worker = process.env.JEST_WORKER_ID ?? '0';
  if (databaseClient() !== 'sqlite') return `blog_test_${worker}_${process.pid}_${counter}`;
  fs.mkdirSync(TMP, { recursive: true });
  return path.join(TMP, `test-${worker}-${process.pid}-${counter}.db`);
};

const serverConnection = () => ({
  host: process.env.DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.DATABASE_PORT ?? (isMysql() ? 3306 : 5432)),
  user: process.env.DATABASE_USERNAME ?? (isMysql() ? 'blog' : 'postgres'),
  password: process.env.DATABASE_PASSWORD ?? '',
});

/** A connection to the PostgreSQL server's maintenance database, to create and drop test databases. */
const postgresAdmin = async <T>(work: (client: Client) => Promise<T>) => {
  const client = new Client({ ...serverConnection(), database: 'postgres' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** A connection to the MySQL or MariaDB server with no database selected, for the same jobs. */
const mysqlAdmin = async <T>(work: (connection: mysql.Connection) => Promise<T>) => {
  const connection = await mysql.createConnection(serverConnection());
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
};

/** Only names made by `freshDatabase` or the tests themselves reach here; quoted all the same. */
const mysqlName = (name: string) => `\`${name.replaceAll('`', '``')}\``;

export const createDatabase = async (name: string) => {
  if (isPostgres()) {
    await postgresAdmin(async (client) => {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
    });
  } else if (isMysql()) {
    await mysqlAdmin((connection) =>
      connection.query(
        `CREATE DATABASE IF NOT EXISTS ${mysqlName(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`
      )
    );
  }
};

export const removeDatabase = async (name: string) => {
  if (isPostgres()) {
    await postgresAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    return;
  }
  if (isMysql()) {
    await mysqlAdmin((connection) =>
      connection.query(`DROP DATABASE IF EXISTS ${mysqlName(name)}`)
    );
    return;
  }
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(name + suffix, { force: true });
};

/**
 * Boots the compiled playground Strapi with the built plugin (`dist/`) on a SQLite file and mounts its
 * HTTP server for supertest. The playground seeds the demo post and admin on bootstrap.
 */
export async function startApp(
  options: {
    database?: string;
    keepDb?: boolean;
    trustProxy?: boolean;
    /** Environment variables the playground's config reads (e.g. SMTP_HOST), for this boot only. */
    env?: Record<string, string>;
  } = {}
) {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server', 'index.js'))) {
    throw new Error('The plugin is not built: run `npm run build` before the API tests.');
  }
  // The playground is compiled by the jest global setup (tests/helpers/global-setup.ts).
  const database = options.database ?? freshDatabase();
  await createDatabase(database);
  if (databaseClient() === 'sqlite') process.env.DATABASE_FILENAME = database;
  else process.env.DATABASE_NAME = database;
  process.env.STRAPI_LOG_LEVEL ??= 'error';
  process.env.STRAPI_STARTUP_BANNER = 'false';
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  // Simulated readers each send their address in X-Forwarded-For.
  process.env.IS_PROXIED = options.trustProxy === false ? 'false' : 'true';
  const extraEnv = Object.entries(options.env ?? {});
  for (const [key, value] of extraEnv) process.env[key] = value;
  const forgetEnv = () => {
    for (const [key] of extraEnv) delete process.env[key];
  };

  const strapi = createStrapi({
    appDir: PLAYGROUND,
    distDir: path.join(PLAYGROUND, 'dist'),
    autoReload: false,
    serveAdminPanel: false,
  });
  try {
    await strapi.load();
    await strapi.server.mount();
  } catch (error) {
    await strapi.destroy();
    forgetEnv();
    throw error;
  }

  const app: TestApp = {
    strapi,
    database,
    http: () => request(strapi.server.httpServer),
    stop: async () => {
      await strapi.destroy();
      forgetEnv();
      if (!options.keepDb) await removeDatabase(database);
    },
  };
  return app;
}
