import { CACHE_STATUS_HEADER } from '../../contracts/cache';
import { POST_UID, TAG_UID } from '../../contracts/plugin';
import { adminToken } from '../helpers/admin';
import { nextIp, setSettings, submit, validComment } from '../helpers/comments-api';
import { createComment, createPost, createTag } from '../helpers/factories';
import { countStatements, untilQuiet } from '../helpers/sql-count';
import { startApp, type TestApp } from '../helpers/strapi';
import { setPublicAction } from '../helpers/public-role';

const STATUS = CACHE_STATUS_HEADER.toLowerCase();

/**
 * The public cache (docs/caching.md) answers anonymous reads from memory, and is exact: every
 * write that changes an answer is seen by the next read, whatever path it came by.
 */
describe('the exact cache of public reads', () => {
  let app: TestApp;
  let auth: { Authorization: string };
  let post: { documentId: string; slug: string };

  beforeAll(async () => {
    app = await startApp();
    auth = { Authorization: `Bearer ${await adminToken(app)}` };
    await setSettings(app, { requireApproval: 'always', floodIntervalSeconds: 15 });
    post = await createPost(app.strapi, { title: 'Cached post', lessons: ['One', 'Two'] });
    await createComment(app.strapi, { post: post.documentId, content: 'First approved' });
  }, 120000);
  afterAll(async () => {
    await app?.stop();
  });

  const get = (path: string) => app.http().get(path);

  it('answers the second anonymous read from memory, with the same bytes, for one statement', async () => {
    const path = `/api/blog/posts/${post.slug}`;
    // Nothing else writes meanwhile: Strapi's cron waits, and the setup's work after its
    // answers is over.
    app.strapi.cron.stop();
    await untilQuiet(app.strapi.db.connection as never);
    const first = await get(path).expect(200);
    const second = await get(path).expect(200);
    app.strapi.cron.start();
    expect(second.headers[STATUS]).toBe('HIT');
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(second.headers['cache-control']).toBe('public, no-cache');
    expect(second.headers['surrogate-key']).toBe(
      'blog blog-content blog-comments blog-permissions'
    );
    // One read of the tags' versions: no permission check, no post, no relation.
    expect(await countStatements(app, () => get(path).expect(200), { cached: true })).toBe(1);
  });

  it('answers 304 without a body to a client that has the answer, hit or miss', async () => {
    const path = `/api/blog/posts/${post.slug}/comments`;
    const { headers } = await get(path).expect(200);
    const hit = await get(path).set('If-None-Match', headers.etag).expect(304);
    expect(hit.text).toBe('');
    expect(hit.headers[STATUS]).toBe('HIT');
    await get(path).set('If-None-Match', '"something else"').expect(200);
  });

  it('shows a comment approved in the Moderation view on the very next read', async () => {
    const path = `/api/blog/posts/${post.slug}/comments`;
    const sent = await submit(app, post.slug, {
      data: validComment({ content: 'Held then approved' }),
    });
    expect(sent.status).toBe(201);
    const before = await get(path).expect(200);
    expect(before.text).not.toContain('Held then approved');
    expect((await get(path).expect(200)).headers[STATUS]).toBe('HIT');

    await app
      .http()
      .patch(`/blog/comments/${sent.body.data.documentId}`)
      .set(auth)
      .send({ status: 'approved' })
      .expect(200);
    const after = await get(path).expect(200);
    expect(after.headers[STATUS]).toBe('MISS');
    expect(after.text).toContain('Held then approved');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    // The list's comment count moved too.
    const list = await get('/api/blog/posts').expect(200);
    const listed = list.body.data.find((p: { slug: string }) => p.slug === post.slug);
    expect(listed.commentCount).toBe(2);
  });

  it('shows an edit, an unpublish and a tag renamed through the Document Service', async () => {
    const path = `/api/blog/posts/${post.slug}`;
    const tag = await createTag(app.strapi, { name: 'Networking' });
    await app.strapi.documents(POST_UID).update({
      documentId: post.documentId,
      data: { title: 'Cached post, edited', tags: [tag.documentId] },
      status: 'published',
    } as never);
    await get(path).expect(200);
    const edited = await get(path).expect(200);
    expect(edited.headers[STATUS]).toBe('HIT');
    expect(edited.body.data.title).toBe('Cached post, edited');
    expect(edited.body.data.tags.map((t: { name: string }) => t.name)).toEqual(['Networking']);

    await app.strapi
      .documents(TAG_UID)
      .update({ documentId: tag.documentId, data: { name: 'People' } } as never);
    const renamed = await get(path).expect(200);
    expect(renamed.headers[STATUS]).toBe('MISS');
    expect(renamed.body.data.tags.map((t: { name: string }) => t.name)).toEqual(['People']);

    await app.strapi.documents(POST_UID).unpublish({ documentId: post.documentId } as never);
    await get(path).expect(404);
    await app.strapi.documents(POST_UID).publish({ documentId: post.documentId } as never);
    expect((await get(path).expect(200)).body.data.title).toBe('Cached post, edited');
  });

  it('keeps its answers through a write that changes nothing public (a refused comment)', async () => {
    const path = `/api/blog/posts/${post.slug}`;
    await get(path).expect(200);
    await submit(app, post.slug, { data: { authorName: 'No content' } }).expect(400);
    expect((await get(path).expect(200)).headers[STATUS]).toBe('HIT');
  });

  it('follows the Public role: revoked in Settings → Roles, the next read is 403; granted, 200', async () => {
    const path = '/api/blog/posts';
    await get(path).expect(200);
    expect((await get(path).expect(200)).headers[STATUS]).toBe('HIT');
    await setPublicAction(app, auth, ['post', 'find'], false);
    const refused = await get(path).expect(403);
    expect(refused.body.error).toEqual(expect.objectContaining({ status: 403 }));
    expect(refused.headers[STATUS]).toBeUndefined();

    await setPublicAction(app, auth, ['post', 'find'], true);
    expect((await get(path).expect(200)).headers[STATUS]).toBe('MISS');
  });

  it('never answers a request with credentials from memory, nor lets shared caches keep it', async () => {
    const path = `/api/blog/posts/${post.slug}`;
    await get(path).expect(200);
    const tokens = app.strapi.service('admin::api-token');
    const readOnly = await tokens.create({
      name: `cache-ro-${Date.now()}`,
      type: 'read-only',
      lifespan: null,
    });
    const custom = await tokens.create({
      name: `cache-none-${Date.now()}`,
      type: 'custom',
      lifespan: null,
      permissions: ['plugin::blog.post.find'],
    });
    const withToken = await get(path)
      .set('Authorization', `Bearer ${readOnly.accessKey}`)
      .expect(200);
    expect(withToken.headers[STATUS]).toBeUndefined();
    expect(withToken.headers['cache-control']).toBe('private, no-cache');
    expect(withToken.headers['surrogate-key']).toBeUndefined();
    expect(withToken.headers.etag).toBeDefined();
    // A token without this route's action is refused, however warm the cache.
    await get(path).set('Authorization', `Bearer ${custom.accessKey}`).expect(403);
    await get(path).set('Authorization', 'Bearer not-a-token').expect(401);
  });

  it('keeps answers apart by query, locale, page and host', async () => {
    const a = await get('/api/blog/posts?pagination[pageSize]=1').expect(200);
    const b = await get('/api/blog/posts?pagination[pageSize]=2').expect(200);
    expect(a.body.data).toHaveLength(1);
    expect(b.body.data.length).toBeGreaterThan(1);
    await get('/api/blog/posts?locale=xx').expect(400);
    await get('/api/blog/posts?locale=xx').expect(400);
    // A feed names its own address: one asked through another host is built for that host.
    const one = await get('/api/blog/feed.xml').set('Host', 'one.example').expect(200);
    const two = await get('/api/blog/feed.xml').set('Host', 'two.example').expect(200);
    expect(one.text).toContain('one.example');
    expect(two.text).toContain('two.example');
    expect(two.text).not.toContain('one.example');
    expect(two.headers[STATUS]).toBe('MISS');
  });

  it('keeps a feed asked through a forged X-Forwarded-Host away from everyone else', async () => {
    const forged = await get('/api/blog/feed.xml')
      .set('X-Forwarded-Host', 'evil.example')
      .expect(200);
    expect(forged.text).toContain('evil.example');
    const honest = await get('/api/blog/feed.xml').set('Host', 'blog.example').expect(200);
    expect(honest.text).not.toContain('evil.example');
    const again = await get('/api/blog/feed.xml').set('Host', 'blog.example').expect(200);
    expect(again.headers[STATUS]).toBe('HIT');
    expect(again.text).not.toContain('evil.example');
  });

  it('keeps nothing but 200s, and never a comment form (a fresh token each time)', async () => {
    await get('/api/blog/posts/no-such-post').expect(404);
    const again = await get('/api/blog/posts/no-such-post').expect(404);
    expect(again.headers[STATUS]).toBeUndefined();
    const form = await get(`/api/blog/posts/${post.slug}/comment-form`).expect(200);
    const form2 = await get(`/api/blog/posts/${post.slug}/comment-form`).expect(200);
    expect(form2.headers[STATUS]).toBeUndefined();
    expect(form2.body.data.formToken).not.toBe(form.body.data.formToken);
  });

  it('sees a write made with raw SQL by a code path that says so (invalidate)', async () => {
    const path = `/api/blog/posts/${post.slug}`;
    await get(path).expect(200);
    expect((await get(path).expect(200)).headers[STATUS]).toBe('HIT');
    await app.strapi.plugin('blog').service('publicCache').invalidate(['comments']);
    expect((await get(path).expect(200)).headers[STATUS]).toBe('MISS');
    // A HEAD is answered like a GET, without the body.
    const head = await app.http().head(path).expect(200);
    expect(head.headers[STATUS]).toBe('HIT');
    expect(nextIp()).toBeTruthy();
  });
});
