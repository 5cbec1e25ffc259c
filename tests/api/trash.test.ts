import { COMMENT_UID, MODERATION_EVENT_UID } from '../../contracts/plugin';
import type { AdminComment, FindQueue, ModerationEvent } from '../../contracts/moderation';
import type { ModerationQueueService } from '../../server/src/services/moderation-queue';
import { adminToken } from '../helpers/admin';
import { setSettings } from '../helpers/comments-api';
import { createComment, createPost } from '../helpers/factories';
import { startApp, type TestApp } from '../helpers/strapi';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The trash: a delete from the Moderation view moves a comment there with its replies, out of
 * every public read and count; a restore gives each its status back; the purge deletes them for
 * good after `trashDays`, once.
 */
describe('the trash', () => {
  let app: TestApp;
  let auth: { Authorization: string };
  let post: { documentId: string; slug: string };

  beforeAll(async () => {
    app = await startApp();
    auth = { Authorization: `Bearer ${await adminToken(app)}` };
    post = await createPost(app.strapi, { title: 'Trash can' });
    await setSettings(app, { floodIntervalSeconds: 0 });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const bulk = (body: object) => app.http().post('/blog/comments/bulk').set(auth).send(body);
  const status = async (documentId: string) =>
    (
      (await app.strapi.db
        .query(COMMENT_UID)
        .findOne({ where: { documentId }, select: ['status'] })) as { status: string } | null
    )?.status ?? null;
  const events = async (documentId: string) =>
    (await app.http().get(`/blog/comments/${documentId}/events`).set(auth).expect(200)).body
      .data as ModerationEvent[];

  /** What a reader can see of the post's comments: every public read. */
  const publicView = async () => {
    const thread = await app.http().get(`/api/blog/posts/${post.slug}/comments`).expect(200);
    const single = await app.http().get(`/api/blog/posts/${post.slug}`).expect(200);
    const feed = await app.http().get(`/api/blog/posts/${post.slug}/comments/feed.xml`).expect(200);
    const graphql = await app
      .http()
      .post('/graphql')
      .send({
        query: `{ blogComments(slug: "${post.slug}") { data { documentId replies { documentId replies { documentId } } } } }`,
      })
      .expect(200);
    const ids = (nodes: Array<{ documentId: string; replies: unknown[] }>): string[] =>
      nodes.flatMap((node) => [
        node.documentId,
        ...ids(node.replies as Array<{ documentId: string; replies: unknown[] }>),
      ]);
    return {
      thread: ids(thread.body.data).sort(),
      graphql: ids(graphql.body.data.blogComments.data).sort(),
      count: single.body.data.commentCount as number,
      feed: feed.text,
    };
  };

  it('moves a deleted comment to the trash with its replies, out of every public read and count', async () => {
    const a = await createComment(app.strapi, { post: post.documentId, content: 'Root A' });
    const b = await createComment(app.strapi, { post: post.documentId, parent: a.documentId });
    const c = await createComment(app.strapi, {
      post: post.documentId,
      parent: b.documentId,
      status: 'pending',
    });
    const e = await createComment(app.strapi, {
      post: post.documentId,
      parent: a.documentId,
      status: 'spam',
    });
    const d = await createComment(app.strapi, { post: post.documentId, parent: a.documentId });
    const other = await createComment(app.strapi, { post: post.documentId, content: 'Stays' });

    const before = await publicView();
    expect(before.thread).toEqual([a, b, d, other].map((x) => x.documentId).sort());
    expect(before.count).toBe(4);

    // D on its own first, then A with what is under it.
    await bulk({ documentIds: [d.documentId], action: 'delete' }).expect(200);
    await bulk({ documentIds: [a.documentId], action: 'delete', reason: 'Off topic' }).expect(200);

    for (const x of [a, b, c, d, e]) expect(await status(x.documentId)).toBe('trash');
    const after = await publicView();
    expect(after.thread).toEqual([other.documentId]);
    expect(after.graphql).toEqual([other.documentId]);
    expect(after.count).toBe(1);
    expect(after.feed).not.toContain(a.documentId);
    expect(after.feed).not.toContain('Root A');

    // Nothing was deleted: the rows and their thread are as they were.
    const rows = (await app.strapi.db.query(COMMENT_UID).findMany({
      where: { documentId: { $in: [b.documentId, c.documentId] } },
      select: ['documentId', 'parentDocumentId'],
    })) as Array<{ documentId: string; parentDocumentId: string }>;
    expect(Object.fromEntries(rows.map((r) => [r.documentId, r.parentDocumentId]))).toEqual({
      [b.documentId]: a.documentId,
      [c.documentId]: b.documentId,
    });

    // The Trash tab: each with the status a restore gives back, and what it went with.
    const trash = (await app.http().get('/blog/comments?status=trash').set(auth).expect(200))
      .body as FindQueue.Response;
    expect(trash.meta.counts.trash).toBe(5);
    const byId = new Map(trash.data.map((row: AdminComment) => [row.documentId, row]));
    expect(byId.get(a.documentId)).toEqual(
      expect.objectContaining({ trashedFrom: 'approved', trashedWith: null })
    );
    expect(byId.get(c.documentId)).toEqual(
      expect.objectContaining({ trashedFrom: 'pending', trashedWith: a.documentId })
    );
    expect(byId.get(e.documentId)?.trashedFrom).toBe('spam');
    expect(byId.get(d.documentId)?.trashedWith).toBeNull();
    // Out of the trash, the queue's "all" does not list them.
    const all = (await app.http().get('/blog/comments').set(auth).expect(200)).body;
    expect(all.data.map((row: AdminComment) => row.documentId)).not.toContain(a.documentId);

    // Each change logged: the reply that went with A too.
    expect((await events(c.documentId)).at(-1)).toEqual(
      expect.objectContaining({ fromStatus: 'pending', toStatus: 'trash', reason: 'Off topic' })
    );

    // D answers A: it cannot come back before A does.
    const early = await app.http().post(`/blog/comments/${d.documentId}/restore`).set(auth);
    expect(early.status).toBe(409);
    expect(await status(d.documentId)).toBe('trash');

    // Restoring A brings back exactly what went with it, each to its own status.
    const restored = await app
      .http()
      .post(`/blog/comments/${a.documentId}/restore`)
      .set(auth)
      .expect(200);
    expect(restored.body.data).toEqual(
      expect.objectContaining({ status: 'approved', trashedAt: null, trashedFrom: null })
    );
    expect(await status(b.documentId)).toBe('approved');
    expect(await status(c.documentId)).toBe('pending');
    expect(await status(e.documentId)).toBe('spam');
    expect(await status(d.documentId)).toBe('trash');
    expect((await events(c.documentId)).at(-1)).toEqual(
      expect.objectContaining({ fromStatus: 'trash', toStatus: 'pending', actorType: 'admin' })
    );
    expect((await events(a.documentId)).at(-1)?.reasonParts).toEqual({
      rule: null,
      code: 'status-changed',
      params: { status: 'restored', actor: 'admin', name: 'Demo Admin' },
    });

    await bulk({ documentIds: [d.documentId], action: 'restore' }).expect(200);
    const back = await publicView();
    expect(back.thread).toEqual(before.thread);
    expect(back.count).toBe(4);
  });

  it('refuses what the trash does not allow, changing nothing', async () => {
    const x = await createComment(app.strapi, { post: post.documentId });
    // Not in the trash.
    expect((await app.http().post(`/blog/comments/${x.documentId}/restore`).set(auth)).status).toBe(
      409
    );
    expect((await app.http().post('/blog/comments/no-such-comment/restore').set(auth)).status).toBe(
      404
    );
    // `trash` is reached by a delete, not set as a status.
    await app
      .http()
      .patch(`/blog/comments/${x.documentId}`)
      .set(auth)
      .send({ status: 'trash' })
      .expect(400);
    await bulk({ documentIds: [x.documentId], status: 'trash' }).expect(400);
    await bulk({ documentIds: [x.documentId], action: 'purge' }).expect(400);
    await bulk({ documentIds: [x.documentId], action: ['restore'] }).expect(400);
    expect(await status(x.documentId)).toBe('approved');

    // Nobody answers a comment in the trash, nor creates one there.
    await bulk({ documentIds: [x.documentId], action: 'delete' }).expect(200);
    await expect(
      createComment(app.strapi, { post: post.documentId, parent: x.documentId })
    ).rejects.toThrow('parent must be a comment of the same post');
    await expect(
      createComment(app.strapi, { post: post.documentId, status: 'trash' })
    ).rejects.toThrow('status must be');
    const reply = await app
      .http()
      .post(`/blog/comments/${x.documentId}/reply`)
      .set(auth)
      .send({ content: 'Hello?' });
    expect(reply.status).toBe(409);
  });

  it('purges comments after trashDays, once, with their replies, and logs it', async () => {
    await setSettings(app, { trashDays: 7 });
    const f = await createComment(app.strapi, { post: post.documentId, content: 'Purge me' });
    const g = await createComment(app.strapi, { post: post.documentId, parent: f.documentId });
    await bulk({ documentIds: [f.documentId], action: 'delete' }).expect(200);
    const purger = (app.strapi.plugin('blog').service('moderationQueue') as ModerationQueueService)
      .trashPurger;

    const now = Date.now();
    expect((await purger.tick(new Date(now + 6 * DAY_MS))).purged).not.toContain(f.documentId);
    expect(await status(f.documentId)).toBe('trash');

    const first = await purger.tick(new Date(now + 7 * DAY_MS + 60_000));
    expect(first.purged).toEqual(expect.arrayContaining([f.documentId, g.documentId]));
    expect(await status(f.documentId)).toBeNull();
    expect(await status(g.documentId)).toBeNull();
    const second = await purger.tick(new Date(now + 8 * DAY_MS));
    expect(second.purged).toEqual([]);

    const log = (await app.strapi.db.query(MODERATION_EVENT_UID).findMany({
      where: { commentDocumentId: { $in: [f.documentId, g.documentId] }, toStatus: 'deleted' },
    })) as Array<{ commentDocumentId: string; fromStatus: string; reason: string }>;
    expect(log.map((row) => [row.commentDocumentId, row.fromStatus, row.reason]).sort()).toEqual(
      [
        [f.documentId, 'trash', 'purged after 7 days in the trash'],
        [g.documentId, 'trash', 'purged after 7 days in the trash'],
      ].sort()
    );
  });

  it('keeps the hard delete by code: the comment goes, its replies move up', async () => {
    const h = await createComment(app.strapi, { post: post.documentId });
    const i = await createComment(app.strapi, { post: post.documentId, parent: h.documentId });
    await app.strapi.documents(COMMENT_UID as never).delete({ documentId: h.documentId } as never);
    expect(await status(h.documentId)).toBeNull();
    expect(await status(i.documentId)).toBe('approved');
    expect((await publicView()).thread).toContain(i.documentId);
  });

  it('takes trashDays in Settings → Blog within its bounds', async () => {
    const settings = (await app.http().get('/blog/settings').set(auth).expect(200)).body.data;
    expect(settings.trashDays).toBe(7);
    for (const bad of [0, 3651, 1.5, '30', null]) {
      const res = await app
        .http()
        .put('/blog/settings')
        .set(auth)
        .send({ ...settings, trashDays: bad });
      expect([bad, res.status]).toEqual([bad, 400]);
    }
    await app
      .http()
      .put('/blog/settings')
      .set(auth)
      .send({ ...settings, trashDays: 30 })
      .expect(200);
  });
});
