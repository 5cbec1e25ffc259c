import { setSettings, submit, validComment } from '../helpers/comments-api';
import { createComment, createPost } from '../helpers/factories';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * Malformed and hostile bodies: each gets a 4xx in Strapi's error shape, never a 5xx, and
 * nothing is stored.
 */
describe('hostile input to POST /api/blog/posts/:slug/comments', () => {
  let app: TestApp;
  let post: { documentId: string; slug: string };
  let pendingParent: string;

  beforeAll(async () => {
    app = await startApp();
    post = await createPost(app.strapi, { title: 'Under attack' });
    pendingParent = (await createComment(app.strapi, { post: post.documentId, status: 'pending' }))
      .documentId;
    await setSettings(app, { requireApproval: 'never', floodIntervalSeconds: 0 });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const rawJson = (json: string) =>
    app
      .http()
      .post(`/api/blog/posts/${post.slug}/comments`)
      .set('Content-Type', 'application/json')
      .send(json);

  const corpus: Array<[string, unknown]> = [
    ['an empty body', {}],
    ['a string body', 'hello'],
    ['an array body', [validComment()]],
    ['data as a string', { data: 'comment' }],
    ['data as an array', { data: [validComment()] }],
    ['data null', { data: null }],
    ['a numeric name', { data: validComment({ authorName: 42 as never }) }],
    ['an array as content', { data: validComment({ content: ['a', 'b'] as never }) }],
    ['an object as content', { data: validComment({ content: { $gt: '' } as never }) }],
    ['a boolean email', { data: validComment({ authorEmail: true as never }) }],
    ['a nested parent object', { data: validComment({ parent: { documentId: 'x' } as never }) }],
    ['a numeric parent id', { data: validComment({ parent: 1 as never }) }],
    ['an empty parent', { data: validComment({ parent: '' }) }],
    ['an unknown parent', { data: validComment({ parent: 'k'.repeat(24) }) }],
    ['a pending parent', { data: validComment() }],
    ['a 100,000-character content', { data: validComment({ content: 'x'.repeat(100000) }) }],
    ['a 10,000-character name', { data: validComment({ authorName: 'n'.repeat(10000) }) }],
    [
      'a name of zero-width characters',
      { data: validComment({ authorName: '\u200b\u200b\u200b' }) },
    ],
    ['content of control characters', { data: validComment({ content: '\u0000\u0001\u0002' }) }],
    ['a lone surrogate email', { data: validComment({ authorEmail: '\ud800@example.com' }) }],
    ['an email with spaces inside', { data: validComment({ authorEmail: 'a b@example.com' }) }],
    [
      'a data: URL',
      { data: validComment({ authorUrl: 'data:text/html,<script>alert(1)</script>' }) },
    ],
    ['a relative URL', { data: validComment({ authorUrl: '/admin' }) }],
    ['a status field', { data: { ...validComment(), status: 'approved' } }],
    ['a post field', { data: { ...validComment(), post: 'another' } }],
    ['an ipHash field', { data: { ...validComment(), ipHash: 'forged' } }],
    ['an unknown top-level field', { data: validComment(), admin: true }],
    ['a numeric form token', { data: validComment(), formToken: 12345 }],
    // PostgreSQL refuses NUL in any text: these reached a query and answered 500 there.
    ['a NUL in the email', { data: validComment({ authorEmail: 'a\u0000b@example.com' }) }],
    ['a NUL in the parent', { data: validComment({ parent: 'k'.repeat(23) + '\u0000' }) }],
    ['a NUL in a key', { data: validComment(), ['x\u0000']: 1 }],
  ];

  it.each(corpus)('refuses %s with a 4xx and stores nothing', async (label, body) => {
    const payload =
      label === 'a pending parent' ? { data: validComment({ parent: pendingParent }) } : body;
    const before = await app.strapi.db.query('plugin::blog.comment').count({});
    const res = await submit(app, post.slug, payload);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.data).toBeNull();
    expect(res.body.error).toEqual(
      expect.objectContaining({
        status: res.status,
        name: expect.any(String),
        message: expect.any(String),
      })
    );
    expect(await app.strapi.db.query('plugin::blog.comment').count({})).toBe(before);
  });

  it.each([
    [
      'a __proto__ key in data',
      `{"data":{"authorName":"A","authorEmail":"a@example.com","content":"x","__proto__":{"status":"approved"}}}`,
    ],
    [
      'a __proto__ key at the top',
      `{"__proto__":{"isAdmin":true},"data":{"authorName":"A","authorEmail":"a@example.com","content":"x"}}`,
    ],
    [
      'a constructor key',
      `{"data":{"authorName":"A","authorEmail":"a@example.com","content":"x","constructor":{"prototype":{}}}}`,
    ],
    ['malformed JSON', `{"data": {"authorName": "A",`],
    ['a JSON number', `42`],
  ])('refuses %s with a 4xx and stores nothing', async (_label, json) => {
    const before = await app.strapi.db.query('plugin::blog.comment').count({});
    const res = await rawJson(json);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await app.strapi.db.query('plugin::blog.comment').count({})).toBe(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).status).toBeUndefined();
  });

  it('refuses a body over the size limit with a 4xx', async () => {
    const res = await submit(app, post.slug, {
      data: validComment({ content: 'x'.repeat(3_000_000) }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('takes odd but valid Unicode as it is (after NFC)', async () => {
    const content = '𝓗𝓮𝓵𝓵𝓸 👋🏽 — مرحبا — こんにちは — e\u0301';
    const res = await submit(app, post.slug, {
      data: validComment({ content, authorName: 'Ωμέγα 🦉' }),
    });
    expect(res.status).toBe(201);
    const row = await app.strapi.db
      .query('plugin::blog.comment')
      .findOne({ where: { documentId: res.body.data.documentId } });
    expect(row.content).toBe(content.normalize('NFC'));
    expect(row.authorName).toBe('Ωμέγα 🦉');
  });

  it('answers 404 to a comment on an unknown post, whatever the body', async () => {
    const res = await submit(app, 'x'.repeat(300), { data: validComment() });
    expect(res.status).toBe(404);
  });
});
