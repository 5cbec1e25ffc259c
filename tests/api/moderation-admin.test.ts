import { COMMENT_UID, MODERATION_EVENT_UID } from '../../contracts/plugin';
import type { AdminComment, FindQueue, ModerationEvent } from '../../contracts/moderation';
import { adminToken } from '../helpers/admin';
import { setSettings, submit, validComment } from '../helpers/comments-api';
import { createPost } from '../helpers/factories';
import { startApp, type TestApp } from '../helpers/strapi';

describe('the moderation API (admin routes under /blog)', () => {
  let app: TestApp;
  let auth: { Authorization: string };
  let post: { documentId: string; slug: string; title: string };
  const ids: string[] = [];

  beforeAll(async () => {
    app = await startApp();
    auth = { Authorization: `Bearer ${await adminToken(app)}` };
    post = await createPost(app.strapi, { title: 'Moderated post' });
    await setSettings(app, { requireApproval: 'always', floodIntervalSeconds: 0 });
    for (let i = 0; i < 4; i += 1) {
      const res = await submit(app, post.slug, {
        data: validComment({
          content: `Queue item ${i}`,
          authorEmail: `queue${i}@private.example`,
        }),
      });
      ids.push(res.body.data.documentId);
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  const queue = (query = '') => app.http().get(`/blog/comments${query}`).set(auth);

  it('lists held comments newest first with private fields, post and counts', async () => {
    const res = await queue('?status=pending').expect(200);
    const body = res.body as FindQueue.Response;
    expect(body.data.map((c) => c.content)).toEqual([
      'Queue item 3',
      'Queue item 2',
      'Queue item 1',
      'Queue item 0',
    ]);
    const first = body.data[0];
    expect(first).toEqual(
      expect.objectContaining({
        authorEmail: 'queue3@private.example',
        ipHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        userAgent: 'Mozilla/5.0 (tests)',
        status: 'pending',
        moderationReason: 'require-approval: every comment is approved by hand',
        reasonParts: { rule: 'require-approval', code: 'approval-always', params: {} },
        post: { documentId: post.documentId, title: 'Moderated post', slug: post.slug },
        parent: null,
        replyTo: null,
      })
    );
    expect(body.meta.counts).toEqual({ pending: 4, approved: 1, spam: 0, rejected: 0, trash: 0 });
    expect(body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 4 });
  });

  it('filters by post and by text, and pages', async () => {
    const byPost = await queue(`?post=${post.documentId}`).expect(200);
    expect(byPost.body.meta.counts).toEqual({
      pending: 4,
      approved: 0,
      spam: 0,
      rejected: 0,
      trash: 0,
    });
    const byText = await queue('?q=ITEM%202').expect(200);
    expect(byText.body.data.map((c: AdminComment) => c.content)).toEqual(['Queue item 2']);
    const byEmail = await queue('?q=queue1@').expect(200);
    expect(byEmail.body.data).toHaveLength(1);
    const page = await queue('?status=pending&page=2&pageSize=3').expect(200);
    expect(page.body.data.map((c: AdminComment) => c.content)).toEqual(['Queue item 0']);
    expect(page.body.meta.pagination).toEqual({ page: 2, pageSize: 3, pageCount: 2, total: 4 });
  });

  it('counts the comments that wait, for the menu link', async () => {
    const res = await app.http().get('/blog/comments/pending-count').set(auth).expect(200);
    expect(res.body).toEqual({ data: { pending: 4 } });
  });

  it('shows a reply’s parent and the author’s URL, and filters to one comment', async () => {
    const parent = await submit(app, post.slug, {
      data: validComment({
        authorName: 'Parent Author',
        content: `Line one\n\n${'long words '.repeat(30)}`,
      }),
    });
    const parentId = parent.body.data.documentId as string;
    await app
      .http()
      .patch(`/blog/comments/${parentId}`)
      .set(auth)
      .send({ status: 'approved' })
      .expect(200);
    const reply = await submit(app, post.slug, {
      data: validComment({ parent: parentId, authorUrl: 'https://replier.example/me' }),
    });
    const replyId = reply.body.data.documentId as string;

    const one = await queue(`?comment=${replyId}`).expect(200);
    expect(one.body.data).toHaveLength(1);
    const row = one.body.data[0] as AdminComment;
    expect(row).toEqual(
      expect.objectContaining({
        documentId: replyId,
        parent: parentId,
        authorUrl: 'https://replier.example/me',
        replyTo: {
          documentId: parentId,
          authorName: 'Parent Author',
          excerpt: expect.stringMatching(/^Line one long words long words .*…$/),
          status: 'approved',
        },
      })
    );
    expect(Array.from(row.replyTo?.excerpt ?? '')).toHaveLength(100);
    // The parent's own row says who approved it, as a sentence's parts.
    const shown = await queue(`?comment=${parentId}&status=approved`).expect(200);
    expect(shown.body.data[0].reasonParts).toEqual({
      rule: null,
      code: 'status-changed',
      params: { status: 'approved', actor: 'admin', name: 'Demo Admin' },
    });
    expect((await queue('?comment=nope').expect(200)).body.data).toEqual([]);

    // Both leave the queue this test found (to the trash, the reply with its parent): the later
    // tests count four held comments.
    await app
      .http()
      .post('/blog/comments/bulk')
      .set(auth)
      .send({ documentIds: [replyId, parentId], action: 'delete' })
      .expect(200);
  });

  it('lists the posts that have comments, for the post filter', async () => {
    const res = await app.http().get('/blog/comments/posts').set(auth).expect(200);
    expect(res.body.data).toEqual([
      { documentId: post.documentId, title: 'Moderated post' },
      { documentId: expect.any(String), title: 'Networking biggest mistake?' },
    ]);
  });

  it.each([
    ['an unknown status', '?status=deleted'],
    ['a page of 0', '?page=0'],
    ['a page size over 100', '?pageSize=500'],
    ['an unknown parameter', '?sort=ipHash'],
  ])('refuses %s with a 400', async (_label, query) => {
    const res = await queue(query).expect(400);
    expect(res.body.error.name).toBe('ValidationError');
  });

  it('approves a comment: it appears publicly, and the change is logged with the admin', async () => {
    const [id] = ids;
    const res = await app
      .http()
      .patch(`/blog/comments/${id}`)
      .set(auth)
      .send({ status: 'approved', reason: 'Looks fine' })
      .expect(200);
    expect(res.body.data).toEqual(expect.objectContaining({ documentId: id, status: 'approved' }));

    const thread = await app.http().get(`/api/blog/posts/${post.slug}/comments`).expect(200);
    expect(thread.body.data.map((c: { documentId: string }) => c.documentId)).toEqual([id]);

    const events = await app.http().get(`/blog/comments/${id}/events`).set(auth).expect(200);
    expect(
      (events.body.data as ModerationEvent[]).map((e) => [e.fromStatus, e.toStatus, e.actorType])
    ).toEqual([
      [null, 'pending', 'system'],
      ['pending', 'approved', 'admin'],
    ]);
    expect(events.body.data[1]).toEqual(
      expect.objectContaining({
        actorName: 'Demo Admin',
        reason: 'Looks fine',
        reasonParts: { rule: null, code: 'note', params: { text: 'Looks fine' } },
        actorId: expect.any(Number),
      })
    );
    expect(events.body.data[0].reasonParts).toEqual({
      rule: 'require-approval',
      code: 'approval-always',
      params: {},
    });
  });

  it('refuses a bad status or an unknown comment', async () => {
    await app
      .http()
      .patch(`/blog/comments/${ids[1]}`)
      .set(auth)
      .send({ status: 'published' })
      .expect(400);
    await app
      .http()
      .patch(`/blog/comments/${ids[1]}`)
      .set(auth)
      .send({ status: 'spam', extra: 1 })
      .expect(400);
    await app.http().patch('/blog/comments/nope').set(auth).send({ status: 'spam' }).expect(404);
    await app.http().get('/blog/comments/nope/events').set(auth).expect(404);
  });

  it('changes many at once, all or nothing', async () => {
    const [, second, third] = ids;
    const failed = await app
      .http()
      .post('/blog/comments/bulk')
      .set(auth)
      .send({ documentIds: [second, 'missing-one'], status: 'spam' })
      .expect(404);
    expect(failed.body.error.details).toEqual({ missing: ['missing-one'] });
    const unchanged = await app.strapi.db
      .query(COMMENT_UID)
      .findOne({ where: { documentId: second } });
    expect(unchanged.status).toBe('pending');

    const done = await app
      .http()
      .post('/blog/comments/bulk')
      .set(auth)
      .send({ documentIds: [second, third], status: 'spam' })
      .expect(200);
    expect(done.body.data).toEqual({ count: 2, documentIds: [second, third] });
    const counts = (await queue(`?post=${post.documentId}`).expect(200)).body.meta.counts;
    // The trash holds the parent and reply deleted above.
    expect(counts).toEqual({ pending: 1, approved: 1, spam: 2, rejected: 0, trash: 2 });
  });

  it('refuses a bulk body that is neither a status nor a delete', async () => {
    for (const body of [
      { documentIds: [ids[0]] },
      { documentIds: [ids[0]], status: 'spam', action: 'delete' },
      { documentIds: [], status: 'spam' },
      { documentIds: 'abc', status: 'spam' },
      { documentIds: [ids[0]], action: 'purge' },
    ]) {
      const res = await app.http().post('/blog/comments/bulk').set(auth).send(body);
      expect(res.status).toBe(400);
    }
  });

  it('answers 400, not 500, to values of the wrong type, and changes nothing', async () => {
    const before = await app.strapi.db
      .query(COMMENT_UID)
      .findOne({ where: { documentId: ids[1] } });
    const bodies = [
      { documentIds: [ids[1]], status: 'spam', reason: {} },
      { documentIds: [ids[1]], status: 'spam', reason: ['a', 'b'] },
      { documentIds: [ids[1]], status: 'spam', reason: 42 },
      { documentIds: [{ $ne: 'x' }], status: 'spam' },
      { documentIds: [ids[1]], status: ['spam'] },
    ];
    for (const body of bodies) {
      const res = await app.http().post('/blog/comments/bulk').set(auth).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    }
    const single = await app
      .http()
      .patch(`/blog/comments/${ids[1]}`)
      .set(auth)
      .send({ status: 'spam', reason: { text: 'x' } });
    expect(single.status).toBe(400);
    const after = await app.strapi.db.query(COMMENT_UID).findOne({ where: { documentId: ids[1] } });
    expect(after.status).toBe(before.status);

    for (const query of [
      '?q[]=a&q[]=b',
      '?q[x]=a',
      '?post[]=a',
      '?status[]=pending',
      '?page=99999999999999999999',
      '?page[]=2',
      '?pageSize=1.5',
    ]) {
      const res = await queue(query);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    }
    for (const query of ['?q[]=a&q[]=b', '?page=99999999999999999999', '?pageSize[x]=1']) {
      const res = await app.http().get(`/blog/lessons${query}`).set(auth);
      expect(res.status).toBe(400);
    }
  });

  it('deletes to the trash with the replies, logging it; code still deletes for good', async () => {
    const [approved] = ids;
    const reply = await submit(app, post.slug, { data: validComment({ parent: approved }) });
    const replyId = reply.body.data.documentId as string;
    await app
      .http()
      .patch(`/blog/comments/${replyId}`)
      .set(auth)
      .send({ status: 'approved' })
      .expect(200);

    await app
      .http()
      .post('/blog/comments/bulk')
      .set(auth)
      .send({ documentIds: [approved], action: 'delete', reason: 'Author asked' })
      .expect(200);
    const statusOf = async (documentId: string) =>
      (
        (await app.strapi.db.query(COMMENT_UID).findOne({ where: { documentId } })) as {
          status: string;
        } | null
      )?.status ?? null;
    expect(await statusOf(approved)).toBe('trash');
    expect(await statusOf(replyId)).toBe('trash');

    const events = await app.http().get(`/blog/comments/${approved}/events`).set(auth).expect(200);
    expect(events.body.data.at(-1)).toEqual(
      expect.objectContaining({
        fromStatus: 'approved',
        toStatus: 'trash',
        actorType: 'admin',
        reason: 'Author asked',
      })
    );
    const thread = await app.http().get(`/api/blog/posts/${post.slug}/comments`).expect(200);
    expect(thread.body.data).toEqual([]);

    // Restored with its reply; then deleted for good by code: the reply moves up a level.
    await app.http().post(`/blog/comments/${approved}/restore`).set(auth).expect(200);
    await app.strapi.documents(COMMENT_UID as never).delete({ documentId: approved } as never);
    expect(await statusOf(approved)).toBeNull();
    const log = await app.http().get(`/blog/comments/${approved}/events`).set(auth).expect(200);
    expect(log.body.data.at(-1)).toEqual(
      expect.objectContaining({ fromStatus: 'approved', toStatus: 'deleted', actorType: 'system' })
    );
    const after = await app.http().get(`/api/blog/posts/${post.slug}/comments`).expect(200);
    expect(after.body.data.map((c: { documentId: string }) => c.documentId)).toEqual([replyId]);
  });

  it('keeps the moderation log append-only', async () => {
    const events = app.strapi.documents(MODERATION_EVENT_UID as never);
    const [event] = (await events.findMany({ limit: 1 } as never)) as Array<{ documentId: string }>;
    await expect(events.delete({ documentId: event.documentId } as never)).rejects.toThrow(
      'append-only'
    );
    await expect(
      events.update({ documentId: event.documentId, data: { reason: 'rewritten' } } as never)
    ).rejects.toThrow('append-only');
  });

  describe('settings', () => {
    it('answers every setting, and saves a valid whole object', async () => {
      const res = await app.http().get('/blog/settings').set(auth).expect(200);
      expect(Object.keys(res.body.data).sort()).toEqual(
        [
          'closeAfterDays',
          'disallowedWords',
          'floodIntervalSeconds',
          'honeypotField',
          'maxDepth',
          'maxLength',
          'maxLinks',
          'minSubmitSeconds',
          'moderationWords',
          'requireApproval',
          'trashDays',
          'editWindowMinutes',
          'reportsToHold',
        ].sort()
      );
      const next = { ...res.body.data, maxLinks: 5, disallowedWords: ['casino'] };
      const saved = await app.http().put('/blog/settings').set(auth).send(next).expect(200);
      expect(saved.body.data).toEqual(next);
      expect((await app.http().get('/blog/settings').set(auth)).body.data).toEqual(next);
    });

    it.each([
      ['maxDepth', 0, 'maxDepth must be at least 1'],
      ['maxLength', 'long', 'maxLength must be a number'],
      ['requireApproval', 'sometimes', 'requireApproval must be first-time, always or never'],
      ['honeypotField', 'content', 'honeypotField must not be one of the comment’s own fields'],
      ['disallowedWords', 'casino', 'disallowedWords must be a `array` type'],
      ['floodIntervalSeconds', 1.5, 'floodIntervalSeconds must be a whole number'],
      ['editWindowMinutes', 1441, 'editWindowMinutes must be at most 1440'],
      ['reportsToHold', -1, 'reportsToHold must be at least 0'],
    ])('refuses %s = %j with a 400 that says which', async (key, value, message) => {
      const current = (await app.http().get('/blog/settings').set(auth)).body.data;
      const res = await app
        .http()
        .put('/blog/settings')
        .set(auth)
        .send({ ...current, [key]: value })
        .expect(400);
      expect(res.body.error.details.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            path: [key],
            message: expect.stringContaining(message.slice(0, 20)),
          }),
        ])
      );
    });

    it('refuses unknown and missing keys', async () => {
      const current = (await app.http().get('/blog/settings').set(auth)).body.data;
      await app
        .http()
        .put('/blog/settings')
        .set(auth)
        .send({ ...current, akismetKey: 'x' })
        .expect(400);
      const { maxLinks: _dropped, ...partial } = current;
      await app.http().put('/blog/settings').set(auth).send(partial).expect(400);
    });
  });
});
