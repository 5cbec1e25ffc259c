import { spawn, type ChildProcess } from 'child_process';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';

import { ROOT } from '../helpers/strapi';

/**
 * The example reader's site (`npm run example`, examples/site/server.mjs) as a process, in front
 * of a stub of the blog API: what it answers to addresses a reader (or a scanner) may type.
 */
describe('the example site', () => {
  let api: http.Server;
  let site: ChildProcess;
  let base: string;
  const asked: string[] = [];

  const post = {
    documentId: 'd1',
    title: 'A stub post',
    slug: 'a-stub-post',
    excerpt: null,
    body: [],
    originalDate: '2008-02-22',
    authorName: null,
    lessonsHeading: null,
    lessons: [],
    commentsEnabled: false,
    commentCount: 0,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    publishedAt: '2024-01-01T00:00:00.000Z',
  };

  beforeAll(async () => {
    api = http.createServer((req, res) => {
      asked.push(req.url ?? '');
      const found = req.url?.startsWith(`/api/blog/posts/${post.slug}`);
      const comments = req.url?.includes('/comments');
      res.writeHead(found ? 200 : 404, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify(
          found
            ? { data: comments ? [] : post, meta: {} }
            : { data: null, error: { status: 404, name: 'NotFoundError', message: 'Not Found' } }
        )
      );
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const { port } = api.address() as AddressInfo;

    site = spawn(process.execPath, [path.join(ROOT, 'examples', 'site', 'server.mjs')], {
      env: { ...process.env, PORT: '0', BLOG_API: `http://127.0.0.1:${port}` },
    });
    base = await new Promise<string>((resolve, reject) => {
      let output = '';
      site.stdout!.on('data', (chunk) => {
        output += chunk;
        const match = /Example site on (http:\/\/localhost:\d+)/.exec(output);
        if (match) resolve(match[1]);
      });
      site.stderr!.on('data', (chunk) => (output += chunk));
      site.on('exit', (code) => reject(new Error(`the site exited with ${code}: ${output}`)));
    });
  });
  afterAll(async () => {
    site?.kill();
    await new Promise((resolve) => api?.close(resolve));
  });

  const page = async (address: string) => {
    const res = await fetch(`${base}${address}`);
    return { status: res.status, type: res.headers.get('content-type'), html: await res.text() };
  };

  it('answers a malformed address with a 400 page, not a 500, and asks the API nothing', async () => {
    asked.length = 0;
    for (const address of ['/posts/%E0%A4%A', '/posts/%', '/posts/%FF']) {
      const res = await page(address);
      expect(res.status).toBe(400);
      expect(res.type).toMatch(/^text\/html/);
      expect(res.html).toContain('not a valid post address');
    }
    expect(asked).toEqual([]);
  });

  it('still shows a post, and a 404 page for an unknown one', async () => {
    const shown = await page(`/posts/${post.slug}`);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('A stub post');
    const missing = await page('/posts/no-such-post');
    expect(missing.status).toBe(404);
    expect(missing.html).toContain('Not found');
  });
});
