import request from 'supertest';

import { COMMENT_UID, MODERATION_EVENT_UID } from '../../contracts/plugin';
import { adminToken } from '../helpers/admin';
import { nextIp, setSettings, validComment } from '../helpers/comments-api';
import { createPost } from '../helpers/factories';
import { startSecondInstance, type SecondInstance } from '../helpers/second-instance-process';
import { freshDatabase, removeDatabase, startApp, type TestApp } from '../helpers/strapi';

/**
 * Two Strapi instances on one server database (PostgreSQL, MySQL or MariaDB), as behind a load balancer: instance A in
 * this process, instance B in a child process (`npm run test:postgres`, `npm run test:mysql`).
 */
describe('two instances on one server database', () => {
  const database = freshDatabase();
  let a: TestApp;
  let b: SecondInstance;
  let bUrl: string;
  let post: { slug: string };

  beforeAll(async () => {
    a = await startApp({ database, keepDb: true });
    post = await createPost(a.strapi, { title: 'Load balanced' });
    await setSettings(a, { requireApproval: 'never', floodIntervalSeconds: 15 });

    b = await startSecondInstance(database);
    bUrl = b.url;
  }, 120000);

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await removeDatabase(database);
  });

  const submitTo = (target: 'a' | 'b', body: object, ip = nextIp()) =>
    (target === 'a' ? a.http() : request(bUrl))
      .post(`/api/blog/posts/${post.slug}/comments`)
      .set('X-Forwarded-For', ip)
      .send(body);

  it('holds the flood limit across instances', async () => {
    const ip = nextIp();
    expect((await submitTo('a', { data: validComment() }, ip)).status).toBe(201);
    const second = await submitTo('b', { data: validComment() }, ip);
    expect(second.status).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('loses and duplicates nothing under 300 submissions split over both', async () => {
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        submitTo(i % 2 ? 'b' : 'a', { data: validComment({ content: `Split ${i}` }) })
      )
    );
    expect(responses.filter((res) => res.status !== 201).map((res) => res.status)).toEqual([]);
    const answered = responses.map((res) => res.body.data.documentId as string);
    expect(new Set(answered).size).toBe(300);

    const stored = (await a.strapi.db.query(COMMENT_UID).findMany({
      where: { content: { $startsWith: 'Split ' } },
      select: ['documentId', 'content'],
    })) as Array<{ documentId: string; content: string }>;
    expect(stored.map((row) => row.documentId).sort()).toEqual([...answered].sort());
    expect(new Set(stored.map((row) => row.content)).size).toBe(300);

    const events = await a.strapi.db.query(MODERATION_EVENT_UID).count({
      where: { commentDocumentId: { $in: answered } },
    });
    expect(events).toBe(300);
  });

  it('keeps each comment’s moderation log complete and in order across instances', async () => {
    const created = await submitTo('a', { data: validComment() });
    const { documentId } = created.body.data;
    const tokenA = await adminToken(a);
    const loginB = await request(bUrl)
      .post('/admin/login')
      .send({ email: 'admin@example.com', password: 'Demo-admin-1' });
    const tokenB = loginB.body.data.token as string;
    const steps = ['pending', 'spam', 'approved', 'rejected', 'approved'] as const;
    for (const [i, status] of steps.entries()) {
      const onB = i % 2 === 1;
      const res = await (onB ? request(bUrl) : a.http())
        .post('/blog/comments/bulk')
        .set('Authorization', `Bearer ${onB ? tokenB : tokenA}`)
        .send({ documentIds: [documentId], status });
      expect(res.status).toBe(200);
    }
    const log = (await a.strapi.db.query(MODERATION_EVENT_UID).findMany({
      where: { commentDocumentId: documentId },
      orderBy: { id: 'asc' },
    })) as Array<{ fromStatus: string | null; toStatus: string }>;
    expect(log.map((event) => [event.fromStatus, event.toStatus])).toEqual([
      [null, 'approved'],
      ['approved', 'pending'],
      ['pending', 'spam'],
      ['spam', 'approved'],
      ['approved', 'rejected'],
      ['rejected', 'approved'],
    ]);
  });
});
