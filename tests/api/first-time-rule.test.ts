import { DEFAULT_MODERATION_SETTINGS } from '../../server/src/moderation/settings';
import { adminToken } from '../helpers/admin';
import { setSettings, submit, validComment } from '../helpers/comments-api';
import { createPost } from '../helpers/factories';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * Issue 16: "a reply by 'Eve' with Bob's approved email is published at once". The first-time
 * rule approves an author only when an approved comment has the same name AND email, as
 * WordPress does, on a root comment and on a reply alike.
 */
describe('first-time approval: name and email together', () => {
  let app: TestApp;
  let post: { documentId: string; slug: string };
  let auth: { Authorization: string };

  beforeAll(async () => {
    app = await startApp();
    auth = { Authorization: `Bearer ${await adminToken(app)}` };
    post = await createPost(app.strapi, { title: 'Bob and Eve' });
    await setSettings(app, {
      ...DEFAULT_MODERATION_SETTINGS,
      requireApproval: 'first-time',
      floodIntervalSeconds: 0,
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('holds Eve with Bob’s approved email, publishes Bob again at once', async () => {
    const bob = { authorName: 'Bob', authorEmail: 'bob@example.com' };
    const first = await submit(app, post.slug, { data: validComment(bob) }).expect(201);
    expect(first.body.data.status).toBe('pending');
    await app
      .http()
      .patch(`/blog/comments/${first.body.data.documentId}`)
      .set(auth)
      .send({ status: 'approved' })
      .expect(200);

    const parent = first.body.data.documentId as string;
    const eveReply = await submit(app, post.slug, {
      data: validComment({ authorName: 'Eve', authorEmail: 'bob@example.com', parent }),
    }).expect(201);
    expect(eveReply.body.data.status).toBe('pending');
    const eveRoot = await submit(app, post.slug, {
      data: validComment({ authorName: 'Eve', authorEmail: 'Bob@Example.com' }),
    }).expect(201);
    expect(eveRoot.body.data.status).toBe('pending');

    const bobReply = await submit(app, post.slug, {
      data: validComment({ ...bob, parent }),
    }).expect(201);
    expect(bobReply.body.data.status).toBe('approved');
    const bobRoot = await submit(app, post.slug, { data: validComment(bob) }).expect(201);
    expect(bobRoot.body.data.status).toBe('approved');
  });
});
