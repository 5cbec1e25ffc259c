import fs from 'fs';
import path from 'path';

import type { Core } from '@strapi/strapi';
import { createStrapi } from '@strapi/strapi';
import request from 'supertest';

export const ROOT = path.resolve(__dirname, '..', '..');
export const PLAYGROUND = path.join(ROOT, 'playground');
const TMP = path.join(ROOT, 'tests', '.tmp');

export interface TestApp {
  strapi: Core.Strapi;
  http: () => ReturnType<typeof request>;
  dbFile: string;
  stop: () => Promise<void>;
}

let counter = 0;

/** A fresh SQLite file, unique to this jest worker and boot. */
export const freshDatabaseFile = () => {
  fs.mkdirSync(TMP, { recursive: true });
  counter += 1;
  const worker = process.env.JEST_WORKER_ID ?? '0';
  return path.join(TMP, `test-${worker}-${process.pid}-${counter}.db`);
};

const removeDatabase = (file: string) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
};

/**
 * Boots the compiled playground Strapi with the built plugin (`dist/`) on a SQLite file and mounts its
 * HTTP server for supertest. The playground seeds the demo post and admin on bootstrap.
 */
export async function startApp(
  options: { dbFile?: string; keepDb?: boolean; trustProxy?: boolean } = {}
) {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server', 'index.js'))) {
    throw new Error('The plugin is not built: run `npm run build` before the API tests.');
  }
  // The playground is compiled by the jest global setup (tests/helpers/global-setup.ts).
  const dbFile = options.dbFile ?? freshDatabaseFile();
  process.env.DATABASE_FILENAME = dbFile;
  process.env.STRAPI_LOG_LEVEL ??= 'error';
  process.env.STRAPI_STARTUP_BANNER = 'false';
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  // Simulated readers each send their address in X-Forwarded-For.
  process.env.IS_PROXIED = options.trustProxy === false ? 'false' : 'true';

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
    throw error;
  }

  const app: TestApp = {
    strapi,
    dbFile,
    http: () => request(strapi.server.httpServer),
    stop: async () => {
      await strapi.destroy();
      if (!options.keepDb) removeDatabase(dbFile);
    },
  };
  return app;
}

export { removeDatabase };
