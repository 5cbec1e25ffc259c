import { spawn, type ChildProcess } from 'child_process';
import path from 'path';

import { ROOT } from './strapi';

/** `npm run example` (examples/site/server.mjs) on a free port, reading the API at `api`. */
export const startSite = async (api: string) => {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'examples', 'site', 'server.mjs')],
    { env: { ...process.env, PORT: '0', BLOG_API: api } }
  );
  const base = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /Example site on (http:\/\/localhost:\d+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`the site exited with ${code}: ${output}`)));
  });
  const page = async (address: string) => {
    const res = await fetch(`${base}${address}`);
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      headers: res.headers,
      html: await res.text(),
    };
  };
  return { base, page, stop: () => child.kill() };
};
