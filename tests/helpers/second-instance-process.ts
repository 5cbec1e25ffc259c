import { spawn, type ChildProcess } from 'child_process';
import path from 'path';

import { databaseClient } from './strapi';

/** A second Strapi process on the database of instance A (tests/helpers/second-instance.js). */
export interface SecondInstance {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Starts instance B on `database` (a SQLite file several processes share, or a server
 * database), without the playground's seed, and answers once it listens. `env` adds to its
 * environment (e.g. PRINT_PUBLISHES, see second-instance.js); `onLine` hears each whole line it
 * prints, from its start on.
 */
export const startSecondInstance = async (
  database: string,
  {
    env: extraEnv = {},
    onLine = () => undefined,
  }: { env?: NodeJS.ProcessEnv; onLine?: (line: string) => void } = {}
): Promise<SecondInstance> => {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv, PLAYGROUND_SEED: 'false' };
  if (databaseClient() === 'sqlite') env.DATABASE_FILENAME = database;
  else env.DATABASE_NAME = database;
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(__dirname, 'second-instance.js')],
    { env, stdio: ['ignore', 'pipe', 'pipe'] }
  );
  let output = '';
  let partial = '';
  child.stdout!.on('data', (chunk) => {
    const lines = (partial + String(chunk)).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) onLine(line.trim());
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`instance B did not start:\n${output}`)),
      90000
    );
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /READY (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`instance B exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
};
