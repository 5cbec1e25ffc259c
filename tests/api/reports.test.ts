import { COMMENT_UID, MODERATION_EVENT_UID } from '../../contracts/plugin';
import type { FindReports } from '../../contracts/moderation';
import { COMMENT_REPORT_UID } from '../../server/src/models/comment-report';
import { DEFAULT_MODERATION_SETTINGS } from '../../server/src/moderation/settings';
import { adminToken } from '../helpers/admin';
import { nextIp, setSettings, submit, validComment } from '../helpers/comments-api';
import { createComment, createPost } from '../helpers/factories';
import { adminWithActions } from '../helpers/roles';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * Readers' reports: `POST /api/blog/comments/:documentId/reports`, one per client and comment,
 * flood-limited; `reportsToHold` of them put an approved comment back in the queue, once; the
 * admin's Reported view lists them and approving clears them.
 */
describe('reports', () => {
  let app: TestApp;
  let post: { documentId: string; slug: string };
  let auth: { Authorization: string };

  beforeAll(async () => {
    app = await startApp();
    auth = { Authorization: `Bearer ${await adminToken(app)}` };
    post = await createPost(app.strapi, { title: 'Reported thread' });
  });
  afterAll(async () => {
    await app?.stop();
  });
  beforeEach(async () => {
    await setSettings(app, {
      ...DEFAULT_MODERATION_SETTINGS,
      requireApproval: 'never',
      floodIntervalSeconds: 0,
    });
  });

  const report = (documentId: string, body: unknown, ip = nextIp()) =>
    app
      .http()
      .post(`/api/blog/comments/${documentId}/reports`)
      .set('X-Forwarded-For', ip)
      .send(body as object);
  const spam = { data: { reason: 'spam' } };
  const status = async (documentId: string) =>
    (await app.strapi.db.query(COMMENT_UID).findOne({
      where: { documentId },
      select: ['status', 'moderationReason'],
    })) as { status: string; moderationReason: string };
  const reportRows = (documentId: string) =>
    app.strapi.db
      .query(COMMENT_REPORT_UID as never)
      .findMany({ where: { commentDocumentId: documentId } }) as Promise<
      Array<Record<string, unknown>>
    >;
  const approved = () => createComment(app.strapi, { post: post.documentId, status: 'approved' });
  const holds = async (documentId: string) =>
    (
      await app.strapi.db.query(MODERATION_EVENT_UID).findMany({
        where: { commentDocumentId: documentId, rule: 'reported' },
      })
    ).length;

  it('takes a report with a reason and a note: 201, stored with a hashed client key', async () => {
    const comment = await approved();
    const ip = '203.0.113.77';
    const res = await report(
      comment.documentId,
      { data: { reason: 'personal-info', note: 'It gives my address.' } },
      ip
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ data: { documentId: comment.documentId, reported: true } });
    const [row] = await reportRows(comment.documentId);
    expect(row).toEqual(
      expect.objectContaining({ reason: 'personal-info', note: 'It gives my address.' })
    );
    expect(String(row.clientKey)).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(ip);
  });

  it('answers 409 to a second report from the same client, whatever the reason', async () => {
    const comment = await approved();
    const ip = nextIp();
    await report(comment.documentId, spam, ip).expect(201);
    const again = await report(comment.documentId, { data: { reason: 'abuse' } }, ip);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('You have already reported this comment');
    expect(await reportRows(comment.documentId)).toHaveLength(1);
  });

  it('answers 404 for a comment that is not approved, missing, or on an unpublished post', async () => {
    const held = await createComment(app.strapi, { post: post.documentId, status: 'pending' });
    const spammed = await createComment(app.strapi, { post: post.documentId, status: 'spam' });
    const draft = await createPost(app.strapi, { title: 'Draft only' }, { draft: true });
    const onDraft = await createComment(app.strapi, { post: draft.documentId, status: 'approved' });
    for (const documentId of [held.documentId, spammed.documentId, onDraft.documentId, 'nope']) {
      const res = await report(documentId, spam);
      expect([documentId, res.status]).toEqual([documentId, 404]);
    }
    expect(await reportRows(held.documentId)).toHaveLength(0);
  });

  it('is flood-limited like a submission', async () => {
    await setSettings(app, { floodIntervalSeconds: 60 });
    const [a, b] = [await approved(), await approved()];
    const ip = nextIp();
    await report(a.documentId, spam, ip).expect(201);
    const fast = await report(b.documentId, spam, ip);
    expect(fast.status).toBe(429);
    expect(Number(fast.headers['retry-after'])).toBeGreaterThan(0);
    // Its own namespace: the same client may still comment.
    await submit(app, post.slug, { data: validComment() }, { ip }).expect(201);
  });

  it('holds an approved comment at reportsToHold reports, with the reason "reported", logged', async () => {
    await setSettings(app, { reportsToHold: 3 });
    const comment = await approved();
    await report(comment.documentId, spam).expect(201);
    await report(comment.documentId, { data: { reason: 'abuse', note: 'Rude.' } }).expect(201);
    expect((await status(comment.documentId)).status).toBe('approved');
    await report(comment.documentId, { data: { reason: 'off-topic' } }).expect(201);
    const held = await status(comment.documentId);
    expect(held).toEqual({
      status: 'pending',
      moderationReason: 'reported: 3 reports (holding from 3)',
    });
    expect(await holds(comment.documentId)).toBe(1);
    const thread = await app.http().get(`/api/blog/posts/${post.slug}/comments`).expect(200);
    expect(JSON.stringify(thread.body)).not.toContain(comment.documentId);
    // Held now: no further report.
    expect((await report(comment.documentId, spam)).status).toBe(404);

    const queue = await app
      .http()
      .get(`/blog/comments?comment=${comment.documentId}`)
      .set(auth)
      .expect(200);
    expect(queue.body.data[0].reasonParts).toEqual({
      rule: 'reported',
      code: 'reported',
      params: { reports: 3, limit: 3 },
    });
  });

  it('holds once when the last reports arrive together', async () => {
    await setSettings(app, { reportsToHold: 3 });
    const comment = await approved();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => report(comment.documentId, spam))
    );
    // Each is stored or, once the comment is held, refused as not found.
    for (const res of answers) expect([201, 404]).toContain(res.status);
    expect(answers.filter((res) => res.status === 201).length).toBeGreaterThanOrEqual(3);
    expect((await status(comment.documentId)).status).toBe('pending');
    expect(await holds(comment.documentId)).toBe(1);
  });

  it('lists reported comments for an admin; approving clears the reports', async () => {
    await setSettings(app, { reportsToHold: 2 });
    const comment = await approved();
    await report(comment.documentId, { data: { reason: 'abuse', note: 'Insults me.' } }).expect(
      201
    );
    await report(comment.documentId, { data: { reason: 'abuse' } }).expect(201);
    const list = await app.http().get('/blog/reports').set(auth).expect(200);
    const body = list.body as FindReports.Response;
    const row = body.data.find((item) => item.documentId === comment.documentId);
    expect(row).toEqual(
      expect.objectContaining({
        status: 'pending',
        reports: 2,
        reasons: { abuse: 2 },
        notes: [expect.objectContaining({ reason: 'abuse', note: 'Insults me.' })],
        post: expect.objectContaining({ documentId: post.documentId }),
      })
    );
    expect(JSON.stringify(body)).not.toMatch(/clientKey|client_key|authorEmail|ipHash/);

    await app
      .http()
      .patch(`/blog/comments/${comment.documentId}`)
      .set(auth)
      .send({ status: 'approved' })
      .expect(200);
    expect(await reportRows(comment.documentId)).toHaveLength(0);
    const after = await app.http().get('/blog/reports').set(auth).expect(200);
    expect(
      (after.body as FindReports.Response).data.some(
        (item) => item.documentId === comment.documentId
      )
    ).toBe(false);
    // Reports start over: it takes reportsToHold new ones to hold it again.
    await report(comment.documentId, spam).expect(201);
    expect((await status(comment.documentId)).status).toBe('approved');
  });

  it('clears the reports of a comment approved again while approved, as the Reported view offers', async () => {
    await setSettings(app, { reportsToHold: 3 });
    const [bulk, single] = [await approved(), await approved()];
    for (const comment of [bulk, single]) {
      await report(comment.documentId, { data: { reason: 'off-topic' } }).expect(201);
      expect(await reportRows(comment.documentId)).toHaveLength(1);
    }
    await app
      .http()
      .post('/blog/comments/bulk')
      .set(auth)
      .send({ documentIds: [bulk.documentId], status: 'approved' })
      .expect(200);
    await app
      .http()
      .patch(`/blog/comments/${single.documentId}`)
      .set(auth)
      .send({ status: 'approved' })
      .expect(200);
    for (const comment of [bulk, single]) {
      expect(await reportRows(comment.documentId)).toHaveLength(0);
      expect((await status(comment.documentId)).status).toBe('approved');
    }
    const list = await app.http().get('/blog/reports').set(auth).expect(200);
    const listed = (list.body as FindReports.Response).data.map((item) => item.documentId);
    expect(listed).not.toContain(bulk.documentId);
    expect(listed).not.toContain(single.documentId);
  });

  it('keeps the Reported view behind comments.read', async () => {
    await app.http().get('/blog/reports').expect(401);
    const token = await adminWithActions(app, []);
    await app
      .http()
      .get('/blog/reports')
      .set({ Authorization: `Bearer ${token}` })
      .expect(403);
  });

  it('refuses hostile bodies with a 400 and stores nothing', async () => {
    const comment = await approved();
    const bodies: unknown[] = [
      [],
      {},
      { data: {} },
      { data: { reason: 'nonsense' } },
      { data: { reason: ['spam'] } },
      { data: { reason: { $ne: 'x' } } },
      { data: { reason: 'spam', note: 7 } },
      { data: { reason: 'spam', note: { deep: { deeper: 'x' } } } },
      { data: { reason: 'spam', note: 'n'.repeat(501) } },
      { data: { reason: 'spam', note: '😀'.repeat(501) } },
      { data: { reason: 'spam', extra: true } },
      { data: { reason: 'spam' }, clientKey: 'mine' },
      { data: { reason: 'spam', note: 'nul \u0000' } },
    ];
    for (const body of bodies) {
      const res = await report(comment.documentId, body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    }
    // Not JSON: refused before it is read.
    expect((await report(comment.documentId, 'spam')).status).toBe(415);
    const huge = await report(comment.documentId, {
      data: { reason: 'spam', note: 'x'.repeat(1_000_000) },
    });
    expect(huge.status).toBe(413);
    // Five hundred characters, emoji counted once, is fine.
    await report(comment.documentId, { data: { reason: 'other', note: '😀'.repeat(500) } }).expect(
      201
    );
    expect(await reportRows(comment.documentId)).toHaveLength(1);
  });
});
