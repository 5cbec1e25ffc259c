import { AUTHOR_UID, CATEGORY_UID, COMMENT_UID, TAG_UID } from '../../contracts/plugin';
import { setSettings, submit, validComment } from '../helpers/comments-api';
import {
  createAuthor,
  createCategory,
  createComment,
  createPost,
  createTag,
  ensureLocale,
} from '../helpers/factories';
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
    const before = await app.strapi.db.query(COMMENT_UID).count({});
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
    expect(await app.strapi.db.query(COMMENT_UID).count({})).toBe(before);
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
    const before = await app.strapi.db.query(COMMENT_UID).count({});
    const res = await rawJson(json);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await app.strapi.db.query(COMMENT_UID).count({})).toBe(before);
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
      .query(COMMENT_UID)
      .findOne({ where: { documentId: res.body.data.documentId } });
    expect(row.content).toBe(content.normalize('NFC'));
    expect(row.authorName).toBe('Ωμέγα 🦉');
  });

  it('answers 404 to a comment on an unknown post, whatever the body', async () => {
    const res = await submit(app, 'x'.repeat(300), { data: validComment() });
    expect(res.status).toBe(404);
  });
});

/**
 * Hostile `locale` values and slugs on every public read: each gets a 400 naming `locale` (or a
 * 404 for a slug no post has), in Strapi's error shape, and no private field of an author,
 * category or tag ever comes back.
 */
describe('hostile locales and slugs on the public reads', () => {
  let app: TestApp;
  let post: { slug: string };
  let author: { slug: string };
  // Private fields as canaries: no public answer may contain them.
  const CANARY = /leak-canary|canary-admin@example\.com/i;

  beforeAll(async () => {
    app = await startApp();
    const { strapi } = app;
    await ensureLocale(strapi, 'fr', 'French (fr)');
    const user = await strapi.db.query('admin::user').create({
      data: {
        firstname: 'Canary',
        lastname: 'Admin',
        email: 'canary-admin@example.com',
        isActive: true,
      },
    });
    const created = await createAuthor(strapi, { name: 'Canary Author' });
    await strapi.db.query(AUTHOR_UID).update({
      where: { documentId: created.documentId },
      data: { user: user.id, importKey: 'wp:leak-canary-author' },
    });
    const tag = await createTag(strapi, { name: 'Canary tag' });
    const category = await createCategory(strapi, { name: 'Canary category' });
    for (const [uid, documentId] of [
      [TAG_UID, tag.documentId],
      [CATEGORY_UID, category.documentId],
    ]) {
      await strapi.db
        .query(uid as typeof TAG_UID)
        .updateMany({ where: { documentId }, data: { importKey: `wp:leak-canary-${uid}` } });
    }
    author = created;
    post = await createPost(strapi, {
      title: 'Watched',
      author: created.documentId,
      tags: [tag.documentId],
      categories: [category.documentId],
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const reads = () => [
    '/api/blog/posts',
    `/api/blog/posts/${post.slug}`,
    `/api/blog/posts/${post.slug}/comments`,
    '/api/blog/categories',
    '/api/blog/tags',
    '/api/blog/authors',
    `/api/blog/authors/${author.slug}`,
  ];

  const expectRefused = (res: { status: number; text: string; body: unknown }, what: string) => {
    expect({ what, status: res.status }).toEqual({ what, status: 400 });
    const body = res.body as { data: unknown; error: { status: number; details: unknown } };
    expect(body.data).toBeNull();
    expect(body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(CANARY.test(res.text)).toBe(false);
  };

  it.each([
    ['a full-width code', `locale=${encodeURIComponent('ｅｎ')}`],
    ['a ligature', `locale=${encodeURIComponent('ﬀ')}`],
    ['a combining accent', `locale=${encodeURIComponent('e\u0301n')}`],
    ['an emoji', `locale=${encodeURIComponent('🇫🇷')}`],
    ['a right-to-left code', `locale=${encodeURIComponent('ع')}`],
    ['a trailing newline', 'locale=en%0A'],
    ['an empty value', 'locale='],
    ['a list', 'locale[]=en&locale[]=fr'],
    ['an indexed list', 'locale[0]=en'],
    ['an object', 'locale[code]=en'],
    ['an operator', 'locale[$ne]=xx'],
    ['the old "all"', 'locale=all'],
    ['a wildcard', 'locale=*'],
    ['SQL', `locale=${encodeURIComponent("en' OR '1'='1")}`],
    ['a huge value', `locale=${'e'.repeat(8000)}`],
    ['an unknown well-formed code', 'locale=zz-ZZ'],
  ])('refuses %s as a locale on every public read', async (_label, query) => {
    for (const path of reads()) {
      const res = await app.http().get(`${path}?${query}`);
      expectRefused(res, `${path}?${query}`);
      expect((res.body as { error: { details: unknown } }).error.details).toMatchObject({
        param: 'locale',
      });
    }
  });

  it('refuses a NUL in a locale or an author’s slug before any route reads it', async () => {
    for (const path of [
      ...reads().map((read) => `${read}?locale=en%00`),
      '/api/blog/tags?locale=%00',
      '/api/blog/authors/%00',
      '/api/blog/authors/a%00b',
    ]) {
      expectRefused(await app.http().get(path), path);
    }
  });

  it('answers 404 to a slug no author has, whatever it is', async () => {
    for (const slug of ['x'.repeat(300), '%F0%9F%98%80', '..%2F..', '%2A', '%20', 'a%2Fb']) {
      const res = await app.http().get(`/api/blog/authors/${slug}`);
      expect({ slug, status: res.status }).toEqual({ slug, status: 404 });
      expect(res.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
    }
  });

  it('answers each read without a private field of the author, the category or the tag', async () => {
    for (const path of reads()) {
      const res = await app.http().get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(CANARY.test(res.text)).toBe(false);
    }
    const fr = await app.http().get('/api/blog/tags?locale=fr').expect(200);
    expect(fr.body.data).toEqual([]);
  });
});
