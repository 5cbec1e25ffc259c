import http from 'http';
import type { AddressInfo } from 'net';

import { COMMENT_UID } from '../../contracts/plugin';
import { setSettings, submit, validComment } from '../helpers/comments-api';
import { createPost } from '../helpers/factories';
import { startApp, type TestApp } from '../helpers/strapi';

const BUDGET = 60_000;

type Call = {
  method: string;
  keys: string[];
  header: string | undefined;
  auth: string | undefined;
};

/**
 * The CDN purge hook (docs/caching.md): after each write commits, `cache.purge.url` is called
 * with the surrogate keys the write invalidated; a hook that fails never fails the write.
 */
describe('the public cache’s purge hook', () => {
  let app: TestApp;
  let server: http.Server;
  const calls: Call[] = [];
  let answer = 200;
  let post: { documentId: string; slug: string };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        calls.push({
          method: req.method ?? '',
          keys: (JSON.parse(body) as { keys: string[] }).keys,
          header: req.headers['surrogate-key'] as string | undefined,
          auth: req.headers.authorization,
        });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    app = await startApp({
      env: {
        BLOG_CACHE_PURGE_URL: `http://127.0.0.1:${port}/purge`,
        BLOG_CACHE_PURGE_METHOD: 'PURGE',
        // Small, so that distinct reads fill it.
        BLOG_CACHE_MAX_BYTES: String(BUDGET),
      },
    });
    await setSettings(app, { requireApproval: 'never', floodIntervalSeconds: 15 });
    post = await createPost(app.strapi, { title: 'Behind a CDN' });
  }, 120000);
  afterAll(async () => {
    await app?.stop();
    await new Promise((resolve) => server?.close(resolve));
  });

  /**
   * Waits for every purge call already queued or under way (the boot's, the setup's writes')
   * to reach the server, so that what a test records is its own write's.
   */
  const quiet = () => app.strapi.plugin('blog').service('publicCache').settle();

  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(check()).toBe(true);
  };

  it('sends the keys of a comment’s write once it has committed', async () => {
    await quiet();
    calls.length = 0;
    const sent = await submit(app, post.slug, { data: validComment() });
    expect(sent.status).toBe(201);
    await until(() => calls.some((call) => call.keys.includes('blog-comments')));
    const call = calls.find((c) => c.keys.includes('blog-comments'))!;
    expect(call.method).toBe('PURGE');
    expect(call.header).toBe(call.keys.join(' '));
    expect(call.keys).not.toContain('blog-permissions');
  });

  it('sends a committed write’s keys before Strapi stops, even when it stops in the same tick', async () => {
    await quiet();
    calls.length = 0;
    // An in-process write, then at once what the plugin's destroy waits for (`settle`): the
    // keys queued for this tick's call go out then, not after.
    await app.strapi.documents('plugin::blog.post').update({
      documentId: post.documentId,
      locale: 'en',
      data: { title: 'Purged on stop' },
    } as never);
    await app.strapi.plugin('blog').service('publicCache').settle();
    expect(calls.some((call) => call.keys.includes('blog-content'))).toBe(true);
  });

  it('sends nothing for a write that rolled back', async () => {
    await quiet();
    calls.length = 0;
    await expect(
      app.strapi.db.transaction(async () => {
        await app.strapi.db.query(COMMENT_UID).updateMany({ where: {}, data: { staff: false } });
        throw new Error('rolled back');
      })
    ).rejects.toThrow('rolled back');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await quiet();
    expect(calls).toEqual([]);
  });

  it('never holds more than its budget, however many distinct reads a stranger sends', async () => {
    const cache = app.strapi.plugin('blog').service('publicCache');
    for (let i = 0; i < 200; i += 1) {
      await app
        .http()
        .get(`/api/blog/posts?pagination[pageSize]=${1 + (i % 25)}&pagination[page]=${1 + i}`)
        .expect(200);
      expect(cache.stats().bytes).toBeLessThanOrEqual(BUDGET);
    }
    // The latest are kept and answered from memory; the oldest were let go.
    const latest = await app
      .http()
      .get('/api/blog/posts?pagination[pageSize]=25&pagination[page]=200');
    expect(latest.headers['x-blog-cache']).toBe('HIT');
    const oldest = await app
      .http()
      .get('/api/blog/posts?pagination[pageSize]=1&pagination[page]=1');
    expect(oldest.headers['x-blog-cache']).toBe('MISS');
  });

  it('keeps the write when the CDN answers an error', async () => {
    await quiet();
    answer = 500;
    calls.length = 0;
    const sent = await submit(app, post.slug, { data: validComment({ content: 'Still stored' }) });
    expect(sent.status).toBe(201);
    await until(() => calls.length >= 1);
    const thread = await app.http().get(`/api/blog/posts/${post.slug}/comments`).expect(200);
    expect(thread.text).toContain('Still stored');
    answer = 200;
  });
});
