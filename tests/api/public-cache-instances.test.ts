import request from 'supertest';

import { CACHE_STATUS_HEADER } from '../../contracts/cache';
import { adminToken } from '../helpers/admin';
import { setSettings, submit, validComment, nextIp } from '../helpers/comments-api';
import { createPost } from '../helpers/factories';
import { startSecondInstance, type SecondInstance } from '../helpers/second-instance-process';
import { freshDatabase, removeDatabase, startApp, type TestApp } from '../helpers/strapi';
import { setPublicAction } from '../helpers/public-role';

const STATUS = CACHE_STATUS_HEADER.toLowerCase();

/**
 * Two Strapi instances on one database (SQLite, PostgreSQL or MariaDB), as behind a load
 * balancer, each with its own public cache: a write through one is seen by the other's next read.
 */
describe('the public cache on two instances', () => {
  const database = freshDatabase();
  let a: TestApp;
  let b: SecondInstance;
  let auth: { Authorization: string };
  let post: { slug: string };

  beforeAll(async () => {
    a = await startApp({ database, keepDb: true });
    auth = { Authorization: `Bearer ${await adminToken(a)}` };
    post = await createPost(a.strapi, { title: 'Behind a load balancer' });
    await setSettings(a, { requireApproval: 'always', floodIntervalSeconds: 15 });
    b = await startSecondInstance(database);
  }, 180000);
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await removeDatabase(database);
  });

  const onB = (path: string) => request(b.url).get(path);
  const thread = () => `/api/blog/posts/${post.slug}/comments`;

  it('shows on B a comment approved on A, on B’s next read', async () => {
    const sent = await submit(a, post.slug, { data: validComment({ content: 'Approved on A' }) });
    expect(sent.status).toBe(201);
    await onB(thread()).expect(200);
    const warm = await onB(thread()).expect(200);
    expect(warm.headers[STATUS]).toBe('HIT');
    expect(warm.text).not.toContain('Approved on A');

    await a
      .http()
      .patch(`/blog/comments/${sent.body.data.documentId}`)
      .set(auth)
      .send({ status: 'approved' })
      .expect(200);
    const next = await onB(thread()).expect(200);
    expect(next.headers[STATUS]).toBe('MISS');
    expect(next.text).toContain('Approved on A');
  });

  it('shows on A a comment sent through B', async () => {
    await setSettings(a, { requireApproval: 'never' });
    await a.http().get(thread()).expect(200);
    expect((await a.http().get(thread()).expect(200)).headers[STATUS]).toBe('HIT');
    const sent = await request(b.url)
      .post(`/api/blog/posts/${post.slug}/comments`)
      .set('X-Forwarded-For', nextIp())
      .send({ data: validComment({ content: 'Sent through B' }) });
    expect(sent.status).toBe(201);
    expect(sent.body.data.status).toBe('approved');
    expect((await a.http().get(thread()).expect(200)).text).toContain('Sent through B');
  });

  it('answers 403 on B the read A’s admin revoked from the Public role, and 200 once granted', async () => {
    const path = `/api/blog/posts/${post.slug}`;
    await onB(path).expect(200);
    expect((await onB(path).expect(200)).headers[STATUS]).toBe('HIT');
    await setPublicAction(a, auth, ['post', 'findOne'], false);
    await onB(path).expect(403);

    await setPublicAction(a, auth, ['post', 'findOne'], true);
    await onB(path).expect(200);
  });
});
