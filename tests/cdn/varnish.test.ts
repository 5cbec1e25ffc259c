import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import net, { type AddressInfo } from 'net';
import os from 'os';
import path from 'path';

import request from 'supertest';

import { adminToken } from '../helpers/admin';
import { setSettings, submit, validComment } from '../helpers/comments-api';
import { createComment, createPost } from '../helpers/factories';
import { ROOT, startApp, type TestApp } from '../helpers/strapi';

/**
 * The public cache's HTTP side behind a real CDN: Debian's Varnish, configured with the VCL the
 * docs give (docs/varnish.vcl, only its backend port changed), in front of the playground with
 * `cache.cacheControl: 'public, s-maxage=3600'` and the purge hook pointed at Varnish. Varnish
 * keeps the public answers by their headers and drops them when the hook names their keys, so a
 * write is on the next read through Varnish once its purge has been sent. `npm run test:cdn`
 * (`.ci/run` installs Varnish).
 */
const VARNISHD = '/usr/sbin/varnishd';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

describe('behind a real Varnish, purged by the plugin’s hook', () => {
  let app: TestApp;
  let varnish: ChildProcess;
  let work: string;
  let cdn: ReturnType<typeof request>;
  let varnishUrl: string;
  let auth: { Authorization: string };
  let post: { documentId: string; slug: string };

  /** Waits for the purge calls of the writes so far (they run after each commit). */
  const purged = () => app.strapi.plugin('blog').service('publicCache').settle();
  const hits = (res: { headers: Record<string, string> }) => Number(res.headers['x-varnish-hits']);

  beforeAll(async () => {
    if (!fs.existsSync(VARNISHD)) {
      throw new Error(`${VARNISHD} is missing: apt-get install varnish (.ci/run does)`);
    }
    const varnishPort = await freePort();
    app = await startApp({
      env: {
        BLOG_CACHE_CONTROL: 'public, s-maxage=3600',
        BLOG_CACHE_PURGE_URL: `http://127.0.0.1:${varnishPort}/`,
        BLOG_CACHE_PURGE_METHOD: 'PURGE',
      },
    });
    const server = app.strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const strapiPort = (server.address() as AddressInfo).port;

    work = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-varnish-'));
    const vcl = fs
      .readFileSync(path.join(ROOT, 'docs', 'varnish.vcl'), 'utf8')
      .replace('.port = "1337";', `.port = "${strapiPort}";`);
    expect(vcl).toContain(`.port = "${strapiPort}";`);
    fs.writeFileSync(path.join(work, 'blog.vcl'), vcl);
    // -j none: no privilege separation (the tests run as root in CI); -F: in the foreground.
    const args = ['-F', '-j', 'none', '-n', path.join(work, 'state')];
    args.push('-a', `127.0.0.1:${varnishPort}`, '-f', path.join(work, 'blog.vcl'));
    args.push('-s', 'malloc,32m');
    let output = '';
    varnish = spawn(VARNISHD, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    varnish.stdout!.on('data', (chunk) => (output += chunk));
    varnish.stderr!.on('data', (chunk) => (output += chunk));
    varnishUrl = `http://127.0.0.1:${varnishPort}`;
    cdn = request(varnishUrl);
    for (let tries = 0; ; tries += 1) {
      try {
        await cdn.get('/api/blog/posts').timeout(2000);
        break;
      } catch (error) {
        if (tries > 100 || varnish.exitCode !== null) {
          throw new Error(`Varnish did not answer: ${String(error)}\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }

    auth = { Authorization: `Bearer ${await adminToken(app)}` };
    await setSettings(app, { requireApproval: 'always', floodIntervalSeconds: 0 });
    post = await createPost(app.strapi, { title: 'Read through Varnish' });
    await createComment(app.strapi, { post: post.documentId, content: 'The first word' });
    await purged();
  }, 180000);

  afterAll(async () => {
    if (varnish && varnish.exitCode === null) {
      const exited = new Promise((resolve) => varnish.once('exit', resolve));
      varnish.kill('SIGTERM');
      await exited;
    }
    await app?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('keeps the public answers, then serves the thread with a newly approved comment once purged', async () => {
    const thread = `/api/blog/posts/${post.slug}/comments`;
    const first = await cdn.get(thread).expect(200);
    expect(first.headers['cache-control']).toBe('public, s-maxage=3600');
    expect(first.headers['surrogate-key']).toContain('blog-comments');
    const again = await cdn.get(thread).expect(200);
    expect(hits(again)).toBeGreaterThan(0); // Varnish answered, Strapi was not asked
    expect(again.text).toBe(first.text);
    // The authors show no comment: their answer has no blog-comments key.
    const authors = await cdn.get('/api/blog/authors').expect(200);
    expect(authors.headers['surrogate-key']).not.toContain('blog-comments');

    // A reader's comment is held: no public answer changes.
    const sent = await submit(app, post.slug, {
      data: validComment({ content: 'Worth the wait' }),
    });
    expect(sent.status).toBe(201);
    await purged();
    expect((await cdn.get(thread).expect(200)).text).not.toContain('Worth the wait');

    // Approved in the Moderation view, straight to Strapi: the hook purges blog-comments.
    await request(app.strapi.server.httpServer)
      .patch(`/blog/comments/${sent.body.data.documentId}`)
      .set(auth)
      .send({ status: 'approved' })
      .expect(200);
    await purged();
    const after = await cdn.get(thread).expect(200);
    expect(hits(after)).toBe(0);
    expect(after.text).toContain('Worth the wait');
    const list = await cdn.get('/api/blog/posts').expect(200);
    const listed = list.body.data.find((p: { slug: string }) => p.slug === post.slug);
    expect(listed.commentCount).toBe(2);
    // What the approval did not touch is still Varnish's.
    const authorsAfter = await cdn.get('/api/blog/authors').expect(200);
    expect(hits(authorsAfter)).toBeGreaterThan(0);
    expect(authorsAfter.text).toBe(authors.text);
  });

  it('serves a post’s page with its edit once purged', async () => {
    const page = `/api/blog/posts/${post.slug}`;
    await cdn.get(page).expect(200);
    expect(hits(await cdn.get(page).expect(200))).toBeGreaterThan(0);

    await app.strapi.documents('plugin::blog.post').update({
      documentId: post.documentId,
      locale: 'en',
      data: { title: 'Renamed behind Varnish' },
    } as never);
    await app.strapi
      .documents('plugin::blog.post')
      .publish({ documentId: post.documentId, locale: 'en' });
    await purged();
    const renamed = await cdn.get(page).expect(200);
    expect(hits(renamed)).toBe(0);
    expect(renamed.body.data.title).toBe('Renamed behind Varnish');
  });

  it('never keeps an answer to a request with credentials', async () => {
    const page = `/api/blog/posts/${post.slug}`;
    const token = await app.strapi.service('admin::api-token').create({
      name: `varnish-${Date.now()}`,
      type: 'read-only',
      lifespan: null,
    });
    const withToken = () => cdn.get(page).set('Authorization', `Bearer ${token.accessKey}`);
    expect((await withToken().expect(200)).headers['cache-control']).toBe('private, no-cache');
    expect(hits(await withToken().expect(200))).toBe(0);
  });

  it('takes purges with well-formed keys only', async () => {
    const purge = (keys: string) =>
      fetch(`${varnishUrl}/`, { method: 'PURGE', headers: { 'Surrogate-Key': keys } });
    expect((await purge('blog-comments')).status).toBe(200);
    expect((await purge('x) .*')).status).toBe(400);
  });
});
