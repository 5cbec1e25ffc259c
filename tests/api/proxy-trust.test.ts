import { setSettings, validComment } from '../helpers/comments-api';
import { createPost } from '../helpers/factories';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * The flood key is the client address Koa reports: X-Forwarded-For counts only when the app
 * says it runs behind a proxy (`server.proxy.koa`). Here it does not, so a forged header
 * changes nothing.
 */
describe('flood limit without a trusted proxy', () => {
  let app: TestApp;
  let post: { slug: string };

  beforeAll(async () => {
    app = await startApp({ trustProxy: false });
    post = await createPost(app.strapi, { title: 'No proxy here' });
    await setSettings(app, { requireApproval: 'never', floodIntervalSeconds: 15 });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('ignores X-Forwarded-For: a new header value does not make a new reader', async () => {
    const send = (forwarded: string) =>
      app
        .http()
        .post(`/api/blog/posts/${post.slug}/comments`)
        .set('X-Forwarded-For', forwarded)
        .send({ data: validComment() });
    expect((await send('192.0.2.1')).status).toBe(201);
    const second = await send('192.0.2.2');
    expect(second.status).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
  });
});
