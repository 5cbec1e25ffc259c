/**
 * Starts `npm run demo` (the README's quick start) on its own port and SQLite file, for the
 * suites that test the running product: the quick start and the admin in a browser.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function startDemo({ port, name, env = {}, timeoutMs = 6 * 60 * 1000 }) {
  const db = path.join(ROOT, 'tests', '.tmp', `${name}-${process.pid}.db`);
  fs.mkdirSync(path.dirname(db), { recursive: true });
  const child = spawn('npm', ['run', 'demo'], {
    cwd: ROOT,
    env: {
      ...process.env,
      // The demo's mail catcher on free ports (its defaults, 2525 and 8025, are one demo's).
      DEMO_SMTP_PORT: '0',
      DEMO_MAIL_PORT: '0',
      ...env,
      PORT: String(port),
      DATABASE_FILENAME: db,
    },
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));

  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), timeoutMs);
    const onExit = (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}:\n${output}`));
    };
    child.on('exit', onExit);
    child.stdout.on('data', () => {
      if (output.includes('demo is running')) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve();
      }
    });
  });

  return {
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    stop() {
      if (child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
      for (const suffix of ['', '-wal', '-shm', '-journal'])
        fs.rmSync(db + suffix, { force: true });
    },
  };
}

/** Starts the example site (`npm run example`, as the README says) against `api` on `port`. */
export const startSite = (api, port) =>
  new Promise((resolve, reject) => {
    // As the README says: `npm run example`, with the demo's address.
    const child = spawn('npm', ['run', 'example'], {
      cwd: ROOT,
      env: { ...process.env, BLOG_API: api, PORT: String(port) },
      detached: true,
    });
    child.stop = () => {
      if (child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    };
    let output = '';
    const timer = setTimeout(() => reject(new Error(`site did not start:\n${output}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Example site on')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`site exited with ${code}:\n${output}`)));
  });
