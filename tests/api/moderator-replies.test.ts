import { COMMENT_UID, MODERATION_EVENT_UID } from '../../contracts/plugin';
import type { ModerationEvent, ReplyToComment } from '../../contracts/moderation';
import { adminToken, DEMO_ADMIN } from '../helpers/admin';
import { setSettings, submit, validComment } from '../helpers/comments-api';
import { createComment, createPost } from '../helpers/factories';
import { startApp, type TestApp } from '../helpers/strapi';

/** A moderator's reply and edit from the Moderation view (admin routes under /blog). */
describe('moderator replies and edits', () => {
  let app: TestApp;
  let auth: { Authorization: string };
  let post: { documentId: string; slug: string };

  beforeAll(async () => {
    app = await startApp();
    auth = { Authorization: `Bearer ${await adminToken(app)}` };
    post = await createPost(app.strapi, { title: 'Answered' });
    await setSettings(app, { requireApproval: 'always', floodIntervalSeconds: 0 });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const events = async (documentId: string) =>
    (await app.http().get(`/blog/comments/${documentId}/events`).set(auth).expect(200)).body
      .data as ModerationEvent[];
  const stored = () =>
    Promise.all([
      app.strapi.db.query(COMMENT_UID).count({}),
      app.strapi.db.query(MODERATION_EVENT_UID).count({}),
    ]);

  it('signs replies with the name the moderator chose, their display name by default', async () => {
    expect((await app.http().get('/blog/reply-name').set(auth).expect(200)).body.data).toEqual({
      name: 'Demo Admin',
      isDefault: true,
    });
    const saved = await app
      .http()
      .put('/blog/reply-name')
      .set(auth)
      .send({ name: '  The <b>Blog</b> Team ' })
      .expect(200);
    expect(saved.body.data).toEqual({ name: 'The Blog Team', isDefault: false });
    for (const bad of [{ name: 42 }, { name: 'x'.repeat(101) }, { name: 'a', extra: 1 }, []]) {
      await app.http().put('/blog/reply-name').set(auth).send(bad).expect(400);
    }
  });

  it('publishes a reply as staff, approving the pending comment it answers', async () => {
    const held = await submit(app, post.slug, { data: validComment({ content: 'Is this on?' }) });
    const parentId = held.body.data.documentId as string;
    expect(held.body.data.status).toBe('pending');

    const res = await app
      .http()
      .post(`/blog/comments/${parentId}/reply`)
      .set(auth)
      .send({ content: 'Yes, it is. 👋' })
      .expect(200);
    const { reply, parent } = res.body.data as ReplyToComment.Response['data'];
    expect(parent.status).toBe('approved');
    expect(reply).toEqual(
      expect.objectContaining({
        status: 'approved',
        staff: true,
        authorName: 'The Blog Team',
        authorEmail: null,
        parent: parentId,
        content: 'Yes, it is. 👋',
      })
    );
    expect((await events(parentId)).at(-1)).toEqual(
      expect.objectContaining({
        fromStatus: 'pending',
        toStatus: 'approved',
        actorType: 'admin',
        actorName: 'Demo Admin',
      })
    );

    const thread = await app.http().get(`/api/blog/posts/${post.slug}/comments`).expect(200);
    const shown = thread.body.data.find((c: { documentId: string }) => c.documentId === parentId);
    expect(shown.staff).toBe(false);
    expect(shown.replies).toEqual([
      expect.objectContaining({
        documentId: reply.documentId,
        authorName: 'The Blog Team',
        staff: true,
      }),
    ]);
    // The moderator's email is never public.
    expect(thread.text).not.toContain(DEMO_ADMIN.email);
    const graphql = await app
      .http()
      .post('/graphql')
      .send({
        query: `{ blogComments(slug: "${post.slug}") { data { documentId replies { staff authorName } } } }`,
      })
      .expect(200);
    const node = graphql.body.data.blogComments.data.find(
      (c: { documentId: string }) => c.documentId === parentId
    );
    expect(node.replies).toEqual([{ staff: true, authorName: 'The Blog Team' }]);
  });

  it('keeps a reader from claiming the staff badge', async () => {
    const before = await stored();
    const res = await submit(app, post.slug, { data: { ...validComment(), staff: true } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['data', 'staff']);
    expect(await stored()).toEqual(before);
  });

  it('edits a comment’s text, sanitized as any write, keeping the old text in the log', async () => {
    const c = await createComment(app.strapi, { post: post.documentId, content: 'Teh typo' });
    const res = await app
      .http()
      .put(`/blog/comments/${c.documentId}/content`)
      .set(auth)
      .send({ content: '  The <script>x</script>fix\r\n ' })
      .expect(200);
    expect(res.body.data.content).toBe('The xfix');
    expect(res.body.data.status).toBe('approved');
    const edit = (await events(c.documentId)).at(-1);
    expect(edit).toEqual(
      expect.objectContaining({
        fromStatus: 'approved',
        toStatus: 'approved',
        actorType: 'admin',
        previousContent: 'Teh typo',
        reasonParts: {
          rule: null,
          code: 'status-changed',
          params: { status: 'edited', actor: 'admin', name: 'Demo Admin' },
        },
      })
    );
    // The same text again is no edit.
    const before = await stored();
    await app
      .http()
      .put(`/blog/comments/${c.documentId}/content`)
      .set(auth)
      .send({ content: 'The xfix' })
      .expect(200);
    expect(await stored()).toEqual(before);
  });

  it('refuses hostile input with a 4xx and stores nothing', async () => {
    await setSettings(app, { maxLength: 500 });
    const c = await createComment(app.strapi, { post: post.documentId, content: 'Original' });
    const before = await stored();
    const bodies: unknown[] = [
      {},
      { content: 42 },
      { content: ['a'] },
      { content: { $ne: null } },
      { content: '   ' },
      { content: '\u200b\u200b' },
      { content: '<b></b>' },
      { content: 'x'.repeat(501) },
      { content: 'x'.repeat(100_001) },
      { content: 'ok', staff: false },
      { content: 'ok', status: 'approved' },
      ['content', 'ok'],
    ];
    for (const body of bodies) {
      for (const [method, path] of [
        ['put', `/blog/comments/${c.documentId}/content`],
        ['post', `/blog/comments/${c.documentId}/reply`],
      ] as const) {
        const http = app.http();
        const res = await http[method](path)
          .set(auth)
          .send(body as object);
        expect([
          JSON.stringify(body).slice(0, 40),
          path,
          res.status >= 400 && res.status < 500,
        ]).toEqual([JSON.stringify(body).slice(0, 40), path, true]);
      }
    }
    for (const path of ['/blog/comments/nope/content', '/blog/comments/nope/reply']) {
      const http = app.http();
      const res = await http[path.endsWith('reply') ? 'post' : 'put'](path).set(auth).send({
        content: 'fine',
      });
      expect(res.status).toBe(404);
    }
    expect(await stored()).toEqual(before);
    const row = (await app.strapi.db
      .query(COMMENT_UID)
      .findOne({ where: { documentId: c.documentId }, select: ['content'] })) as {
      content: string;
    };
    expect(row.content).toBe('Original');

    // Unicode as written: combining marks composed (NFC), right-to-left and emoji kept.
    const text = 'Cafe\u0301 שלום 👋🏽';
    const res = await app
      .http()
      .put(`/blog/comments/${c.documentId}/content`)
      .set(auth)
      .send({ content: text })
      .expect(200);
    expect(res.body.data.content).toBe(text.normalize('NFC'));
    await setSettings(app, { maxLength: 10000 });
  });
});
