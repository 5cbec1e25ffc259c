import { adminToken } from '../helpers/admin';
import { setSettings, submit, validComment } from '../helpers/comments-api';
import { createComment, createPost } from '../helpers/factories';
import { countStatements } from '../helpers/sql-count';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * Cost per request does not grow with the data: the same routes cost the same number of SQL
 * statements on a post with 10 comments as on one with 300 (threaded), and stay few.
 */
describe('SQL statements per request', () => {
  let app: TestApp;
  let small: { documentId: string; slug: string };
  let large: { documentId: string; slug: string };
  let auth: { Authorization: string };

  const fill = async (post: { documentId: string }, count: number) => {
    let parent: string | undefined;
    for (let i = 0; i < count; i += 1) {
      // Every fifth comment starts a thread; the others reply one level deeper, up to 4.
      const reply = i % 5 !== 0 ? parent : undefined;
      const created = await createComment(app.strapi, {
        post: post.documentId,
        parent: reply,
        status: i % 7 === 0 ? 'pending' : 'approved',
      });
      parent = i % 5 === 4 ? undefined : created.documentId;
    }
  };

  beforeAll(async () => {
    app = await startApp();
    auth = { Authorization: `Bearer ${await adminToken(app)}` };
    small = await createPost(app.strapi, { title: 'Small thread', lessons: ['a', 'b', 'c'] });
    large = await createPost(app.strapi, { title: 'Large thread', lessons: ['a', 'b', 'c'] });
    await fill(small, 10);
    await fill(large, 1000);
    await setSettings(app, { requireApproval: 'first-time', floodIntervalSeconds: 15 });
  }, 300000);
  afterAll(async () => {
    await app?.stop();
  });

  const expectSameAndFew = (a: number, b: number, most: number) => {
    if (process.env.SHOW_SQL_COUNTS) process.stdout.write(`statements: ${a} vs ${b}\n`);
    expect(a).toBe(b);
    expect(a).toBeLessThanOrEqual(most);
  };

  it('a post by slug', async () => {
    const [a, b] = [
      await countStatements(app, () => app.http().get(`/api/blog/posts/${small.slug}`).expect(200)),
      await countStatements(app, () => app.http().get(`/api/blog/posts/${large.slug}`).expect(200)),
    ];
    expectSameAndFew(a, b, 12);
  });

  it('a page of the public thread', async () => {
    const page = '?pagination[pageSize]=10';
    const [a, b] = [
      await countStatements(app, () =>
        app.http().get(`/api/blog/posts/${small.slug}/comments${page}`).expect(200)
      ),
      await countStatements(app, () =>
        app.http().get(`/api/blog/posts/${large.slug}/comments${page}`).expect(200)
      ),
    ];
    expectSameAndFew(a, b, 12);
  });

  it('a post’s comments feed', async () => {
    const [a, b] = [
      await countStatements(app, () =>
        app.http().get(`/api/blog/posts/${small.slug}/comments/feed.xml`).expect(200)
      ),
      await countStatements(app, () =>
        app.http().get(`/api/blog/posts/${large.slug}/comments/feed.xml`).expect(200)
      ),
    ];
    // The post, the comments, one step up the threads per reply level, the last event.
    expectSameAndFew(a, b, 14);
  });

  it('the posts feed', async () => {
    const a = await countStatements(app, () => app.http().get('/api/blog/feed.xml').expect(200));
    await createPost(app.strapi, { title: 'One more post' });
    const b = await countStatements(app, () => app.http().get('/api/blog/feed.xml').expect(200));
    expectSameAndFew(a, b, 10);
  });

  it('a page of the moderation queue', async () => {
    const [a, b] = [
      await countStatements(app, () =>
        app.http().get(`/blog/comments?post=${small.documentId}&pageSize=10`).set(auth).expect(200)
      ),
      await countStatements(app, () =>
        app.http().get(`/blog/comments?post=${large.documentId}&pageSize=10`).set(auth).expect(200)
      ),
    ];
    expectSameAndFew(a, b, 15);
  });

  it('a submission, root or reply', async () => {
    // Every submission approved: the dearest path (it also moves the post's comment count).
    await setSettings(app, { requireApproval: 'never' });
    const [a, b] = [
      await countStatements(app, () =>
        submit(app, small.slug, { data: validComment() }).then((res) =>
          expect(res.status).toBe(201)
        )
      ),
      await countStatements(app, () =>
        submit(app, large.slug, { data: validComment() }).then((res) =>
          expect(res.status).toBe(201)
        )
      ),
    ];
    expectSameAndFew(a, b, 40);

    const deepParent = (
      await app.http().get(`/api/blog/posts/${large.slug}/comments?pagination[pageSize]=1`)
    ).body.data[0].replies[0].documentId;
    const shallowParent = (
      await app.http().get(`/api/blog/posts/${small.slug}/comments?pagination[pageSize]=1`)
    ).body.data[0].documentId;
    const [c, d] = [
      await countStatements(app, () =>
        submit(app, small.slug, { data: validComment({ parent: shallowParent }) }).then((res) =>
          expect(res.status).toBe(201)
        )
      ),
      await countStatements(app, () =>
        submit(app, large.slug, { data: validComment({ parent: deepParent }) }).then((res) =>
          expect(res.status).toBe(201)
        )
      ),
    ];
    expectSameAndFew(c, d, 40);
  });
});
