import type { AddressInfo } from 'net';

import fc from 'fast-check';
import request, { type Response } from 'supertest';

import { EDIT_TOKEN_HEADER } from '../../contracts/comments';
import {
  ADMIN_ACTIONS,
  AUTHOR_UID,
  CATEGORY_UID,
  COMMENT_UID,
  MODERATION_EVENT_UID,
  TAG_UID,
} from '../../contracts/plugin';
import { signLink, type LinkClaims } from '../../server/src/mail/link-token';
import { COMMENT_REPORT_UID } from '../../server/src/models/comment-report';
import { MAIL_OUTBOX_UID } from '../../server/src/models/mail-outbox';
import { MAIL_SUBSCRIPTION_UID } from '../../server/src/models/mail-subscription';
import { USED_MAIL_LINK_UID } from '../../server/src/models/used-mail-link';
import { getSecret } from '../../server/src/utils/secret';
import { adminToken } from '../helpers/admin';
import { nextIp, setSettings, validComment } from '../helpers/comments-api';
import {
  createAuthor,
  createCategory,
  createComment,
  createPost,
  createTag,
  ensureLocale,
} from '../helpers/factories';
import {
  FUZZ_RUNS,
  FUZZ_SEED,
  HOSTILE_JSON_TEXTS,
  hostileToken,
  jsonBody,
  listQuery,
  NAUGHTY_STRINGS,
  OPERATORS,
  queryValue,
  submissionBody,
  tokenQueries,
  toQueryString,
} from '../helpers/hostile';
import { adminWithActions } from '../helpers/roles';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * Every public parameter, fuzzed: whatever a stranger sends answers 2xx or 4xx (in Strapi's error
 * shape), never 5xx, and no private field of a comment ever comes back. The properties run with
 * a fixed seed (FUZZ_SEED, FUZZ_RUNS to hunt further); the Big List of Naughty Strings goes
 * through every input whole.
 */

// A comment whose private fields are canaries: no public answer may contain them.
const CANARY = {
  authorEmail: 'leak-canary@example.com',
  ipHash: 'leakcanaryiphash0000',
  userAgent: 'LeakCanaryAgent/9.9',
};
const CANARY_TEXT = /leak-canary|leakcanaryiphash|LeakCanaryAgent/i;

/** A `locale` as a stranger sends it: codes, look-alikes, Unicode, lists, objects, huge text. */
const localeValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom('en', 'fr', 'EN', 'en-US', 'fr-CA', 'all', '*', '', 'ｅｎ', 'e\u0301n'),
    fc.constantFrom('x'.repeat(36), 'e'.repeat(4000), 'en\u200b', 'en\n', '🇫🇷'),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    queryValue(),
    fc.array(fc.constantFrom('en', 'fr', 'xx'), { minLength: 1, maxLength: 3 }),
    fc.dictionary(fc.constantFrom('code', '$ne', '$in', 'toString', '0'), queryValue(), {
      minKeys: 1,
      maxKeys: 2,
    })
  );

/**
 * Filters through the post's relations and beyond: their public fields, their private ones
 * (the admin user, import keys), their own relations, and operators at every level.
 */
const RELATION_KEYS = [
  'tags',
  'categories',
  'author',
  'lessons',
  'slug',
  'name',
  'text',
  'user',
  'email',
  'importKey',
  'parent',
  'children',
  'avatar',
  'url',
  'bio',
  'id',
  'locale',
  'localizations',
  'posts',
  'cover',
  'seo',
];
const relationFilters = (): fc.Arbitrary<unknown> =>
  fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      queryValue(),
      fc.array(queryValue(), { maxLength: 3 }),
      fc.dictionary(
        fc.oneof(fc.constantFrom(...RELATION_KEYS), fc.constantFrom(...OPERATORS)),
        tie('node'),
        { maxKeys: 3 }
      )
    ),
  })).node;

/**
 * A guard against a hang, not a speed target (the benchmarks hold those): each of these tests
 * sends about 2,500 requests, one after the other, on a machine CI shares.
 */
const FUZZ_TEST_TIMEOUT_MS = 300_000;

describe('hostile input, fuzzed, on every public route', () => {
  let app: TestApp;
  /** One listening server for thousands of requests (supertest would listen anew for each). */
  let http: () => ReturnType<typeof request>;
  let slug: string;
  let authorSlug: string;
  let token: string;
  const seen = { requests: 0, refused: 0 };

  beforeAll(async () => {
    app = await startApp();
    const server = app.strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    http = () => request(base);
    const post = await createPost(app.strapi, {
      title: 'Fuzzed',
      lessons: ['One lesson', 'Another lesson'],
    });
    slug = post.slug;
    await createComment(app.strapi, { post: post.documentId, ...CANARY, status: 'approved' });
    // An author linked to an admin user, a tag and a category, each with a private canary.
    await ensureLocale(app.strapi, 'fr', 'French (fr)');
    const user = await app.strapi.db.query('admin::user').create({
      data: { firstname: 'Leak', lastname: 'Canary', email: 'leak-canary-admin@example.com' },
    });
    const author = await createAuthor(app.strapi, { name: 'Fuzzed Author', bio: 'Public bio' });
    const tag = await createTag(app.strapi, { name: 'Fuzzed tag' });
    const category = await createCategory(app.strapi, { name: 'Fuzzed category' });
    for (const [uid, documentId, extra] of [
      [AUTHOR_UID, author.documentId, { user: user.id }],
      [TAG_UID, tag.documentId, {}],
      [CATEGORY_UID, category.documentId, {}],
    ] as const) {
      await app.strapi.db.query(uid).updateMany({
        where: { documentId },
        data: { importKey: `wp:leak-canary-${uid}`, ...extra },
      });
    }
    authorSlug = author.slug;
    await createPost(app.strapi, {
      title: 'Fuzzed with relations',
      author: author.documentId,
      tags: [tag.documentId],
      categories: [category.documentId],
    });
    await setSettings(app, { floodIntervalSeconds: 0, requireApproval: 'always' });
    token = await adminToken(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  /**
   * The answer is a success or a refusal in Strapi's shape, and (on a public route) leaks
   * nothing. Admin routes answer private fields to an admin who may read them.
   */
  const expectSafe = (res: Response, what: string, { admin = false } = {}) => {
    seen.requests += 1;
    if (res.status >= 500) {
      throw new Error(`${what} answered ${res.status}: ${res.text.slice(0, 500)}`);
    }
    if (!admin && CANARY_TEXT.test(res.text)) throw new Error(`${what} leaked a private field`);
    if (res.status >= 400) {
      seen.refused += 1;
      if (res.type === 'application/json') {
        expect(res.body).toEqual({
          data: null,
          error: expect.objectContaining({ status: res.status, name: expect.any(String) }),
        });
      }
    }
  };

  /** Any value as the JSON text a client would send (a bare `undefined` as `null`). */
  const asJson = (value: unknown) => JSON.stringify(value) ?? 'null';
  const get = (path: string) => http().get(path);
  const count = () => app.strapi.db.query(COMMENT_UID).count({});
  /**
   * Checks `check` on FUZZ_RUNS values, and that they were real requests, many of them refused:
   * a property that sent nothing, or that the server took whole, would prove nothing.
   */
  const property = async <T>(
    arbitrary: fc.Arbitrary<T>,
    check: (value: T) => Promise<void>,
    { refusals = true } = {}
  ) => {
    const before = { ...seen };
    await fc.assert(fc.asyncProperty(arbitrary, check), { seed: FUZZ_SEED, numRuns: FUZZ_RUNS });
    expect(seen.requests - before.requests).toBeGreaterThanOrEqual(FUZZ_RUNS);
    // GraphQL refuses inside a 200 answer; every other route refuses with a 4xx.
    if (refusals) expect(seen.refused - before.refused).toBeGreaterThan(FUZZ_RUNS / 10);
  };

  it('GET /api/blog/posts: any filters, sort, pagination and more', async () => {
    await property(listQuery(), async (query) => {
      const path = `/api/blog/posts?${toQueryString(query)}`;
      expectSafe(await get(path), path);
    });
  });

  it('GET /api/blog/posts: filters through tags, categories, the author and beyond, any locale', async () => {
    await property(
      fc.record(
        { filters: relationFilters(), locale: localeValue() },
        { requiredKeys: ['filters'] }
      ),
      async (query) => {
        const path = `/api/blog/posts?${toQueryString(query)}`;
        expectSafe(await get(path), path);
      }
    );
  });

  it('GET /api/blog/categories, /tags, /authors, /authors/:slug and a post: any query, any locale', async () => {
    await property(
      fc.tuple(
        fc.constantFrom(
          '/api/blog/categories',
          '/api/blog/tags',
          '/api/blog/authors',
          `/api/blog/authors/${authorSlug}`,
          `/api/blog/posts/${slug}`,
          `/api/blog/posts/${slug}/comments`
        ),
        listQuery(),
        fc.option(localeValue(), { nil: undefined })
      ),
      async ([route, query, locale]) => {
        const path = `${route}?${toQueryString({ ...query, locale })}`;
        expectSafe(await get(path), path);
      }
    );
  });

  it('GET /api/blog/posts/:slug/comments: any sort and pagination', async () => {
    await property(listQuery(), async (query) => {
      const path = `/api/blog/posts/${slug}/comments?${toQueryString(query)}`;
      expectSafe(await get(path), path);
    });
  });

  it(
    'every naughty string as a filter value, a sort and a page',
    async () => {
      const forms = (value: string) => [
        { filters: { title: { $eq: value } } },
        { filters: { originalDate: { $eq: value } } },
        { filters: { createdAt: { $gt: value } } },
        { filters: { commentsEnabled: { $eq: value } } },
        { filters: { lessons: { text: { $containsi: value } } } },
        { filters: { originalDate: { $between: [value, value] } } },
        { sort: value },
        { pagination: { page: value } },
        { pagination: { start: value, limit: value } },
      ];
      for (const value of NAUGHTY_STRINGS) {
        for (const query of forms(value)) {
          const path = `/api/blog/posts?${toQueryString(query)}`;
          expectSafe(await get(path), path);
        }
      }
    },
    FUZZ_TEST_TIMEOUT_MS
  );

  it(
    'every naughty string as a post address',
    async () => {
      for (const value of NAUGHTY_STRINGS) {
        const encoded = encodeURIComponent(value);
        for (const path of [
          `/api/blog/posts/${encoded}`,
          `/api/blog/posts/${encoded}/comments`,
          `/api/blog/posts/${encoded}/comment-form`,
          `/api/blog/posts/${encoded}/comments/feed.xml`,
          `/api/blog/posts/${slug}/comments?sort=${encoded}`,
        ]) {
          expectSafe(await get(path), path);
        }
      }
    },
    FUZZ_TEST_TIMEOUT_MS
  );

  it('malformed percent-encoding and odd paths answer 4xx', async () => {
    for (const path of [
      '/api/blog/posts/%E0%A4%A',
      '/api/blog/posts/%',
      '/api/blog/posts/%00',
      '/api/blog/posts/..%2F..%2Fadmin',
      `/api/blog/posts?filters%5Btitle%5D%5B%24eq%5D=%E0%A4%A`,
      '/api/blog/feed.xml?%ZZ=1',
    ]) {
      expectSafe(await get(path), path);
    }
  });

  it('POST /api/blog/posts/:slug/comments: any body stores nothing unless it answers 201', async () => {
    await property(submissionBody(), async (body) => {
      const before = await count();
      const res = await http()
        .post(`/api/blog/posts/${slug}/comments`)
        .set('X-Forwarded-For', nextIp())
        .set('Content-Type', 'application/json')
        .send(asJson(body));
      expectSafe(res, `POST ${asJson(body).slice(0, 200)}`);
      expect(await count()).toBe(res.status === 201 ? before + 1 : before);
    });
  });

  it(
    'every naughty string in every field of a comment',
    async () => {
      for (const value of NAUGHTY_STRINGS) {
        for (const field of ['authorName', 'authorUrl', 'content'] as const) {
          const before = await count();
          const res = await http()
            .post(`/api/blog/posts/${slug}/comments`)
            .set('X-Forwarded-For', nextIp())
            .set('User-Agent', value.replace(/[^\t\x20-\x7e]/g, '?') || 'x')
            .send({ data: validComment({ [field]: value }) });
          expectSafe(res, `comment with ${field} ${JSON.stringify(value)}`);
          expect(await count()).toBe(res.status === 201 ? before + 1 : before);
        }
      }
    },
    FUZZ_TEST_TIMEOUT_MS
  );

  it('GraphQL: naughty strings and absurd numbers as variables', async () => {
    const query = `query ($slug: String!, $sort: [String!], $page: Int, $size: Int) {
      blogPost(slug: $slug) { title }
      blogPosts(sort: $sort, page: $page, pageSize: $size) { data { slug } }
      blogComments(slug: $slug, page: $page, pageSize: $size) { data { content } }
    }`;
    await property(
      fc.record({
        slug: fc.oneof(
          fc.constantFrom(...NAUGHTY_STRINGS),
          fc.constant(slug),
          fc.constant('a\u0000b')
        ),
        sort: fc.array(queryValue(), { maxLength: 2 }),
        page: fc.oneof(fc.integer(), fc.constant(2147483647), fc.constant(-1)),
        size: fc.oneof(fc.integer(), fc.constant(0), fc.constant(1000)),
      }),
      async (variables) => {
        const res = await http().post('/graphql').send({ query, variables });
        expectSafe(res, `graphql ${JSON.stringify(variables)}`);
        const errors = (res.body.errors ?? []) as Array<{ extensions?: { code?: string } }>;
        for (const error of errors) {
          expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
        }
      },
      { refusals: false }
    );
  });

  it('admin routes: any query or body answers 2xx or 4xx', async () => {
    const auth = { Authorization: `Bearer ${token}` };
    await property(listQuery(), async (query) => {
      for (const path of ['/blog/comments', '/blog/lessons', '/blog/imports', '/blog/schedules']) {
        const res = await http()
          .get(`${path}?${toQueryString(query)}`)
          .set(auth);
        expectSafe(res, path, { admin: true });
      }
    });
    await property(
      jsonBody([
        'documentIds',
        'status',
        'action',
        'reason',
        'maxLinks',
        'disallowedWords',
        'post',
        'locale',
        'at',
        'content',
        'name',
      ]),
      async (body) => {
        for (const [method, path] of [
          ['post', '/blog/comments/bulk'],
          ['patch', '/blog/comments/unknown-document-id'],
          ['post', '/blog/comments/unknown-document-id/reply'],
          ['put', '/blog/comments/unknown-document-id/content'],
          ['post', '/blog/comments/unknown-document-id/restore'],
          ['put', '/blog/reply-name'],
          ['put', '/blog/settings'],
          ['post', '/blog/schedules'],
          ['delete', '/blog/schedules/0'],
        ] as const) {
          const client = http();
          const res = await client[method](path)
            .set(auth)
            .set('Content-Type', 'application/json')
            .send(asJson(body));
          expectSafe(res, `${method} ${path}`, { admin: true });
        }
      }
    );
    // FUZZ_RUNS queries on four routes and FUZZ_RUNS bodies on nine: past 60 s on a busy machine.
  }, 240_000);

  /**
   * The routes of the reader loop (edit, report, the mail's links) and of the moderator's tools
   * (restore, reply, edit, reply name, reports), on real comments: whatever is refused answers a
   * 4xx (Strapi's error shape, or a page for the mail's links) and changes nothing stored.
   */
  describe('the reader loop’s and the moderator tools’ routes', () => {
    /** A held comment with its edit token, an approved one, one in the trash. */
    const ids = { held: '', approved: '', trashed: '' };
    let editToken = '';
    let auth: { Authorization: string };

    beforeAll(async () => {
      const res = await http()
        .post(`/api/blog/posts/${slug}/comments`)
        .set('X-Forwarded-For', nextIp())
        .send({ data: validComment({ content: 'The text an edit must not change.' }) });
      expect(res.status).toBe(201);
      ids.held = res.body.data.documentId;
      editToken = res.body.data.editToken;
      expect(editToken).toEqual(expect.any(String));
      const post = await createPost(app.strapi, { title: 'Fuzzed reader loop' });
      ids.approved = (
        await createComment(app.strapi, { post: post.documentId, status: 'approved' })
      ).documentId;
      ids.trashed = (
        await createComment(app.strapi, { post: post.documentId, status: 'approved' })
      ).documentId;
      auth = { Authorization: `Bearer ${token}` };
      await http()
        .post('/blog/comments/bulk')
        .set(auth)
        .send({ documentIds: [ids.trashed], action: 'delete' })
        .expect(200);
    });

    /** What a refused request must leave as it was: every table these routes write, and the comments. */
    const stored = async () =>
      JSON.stringify(
        await Promise.all([
          ...[
            COMMENT_UID,
            COMMENT_REPORT_UID,
            MAIL_SUBSCRIPTION_UID,
            MAIL_OUTBOX_UID,
            USED_MAIL_LINK_UID,
            MODERATION_EVENT_UID,
          ].map((uid) => app.strapi.db.query(uid as never).count({})),
          app.strapi.db.query(COMMENT_UID).findMany({
            where: { documentId: { $in: Object.values(ids) } },
            select: ['documentId', 'status', 'content', 'editedAt', 'trashedFrom'],
            orderBy: { documentId: 'asc' },
          }),
        ])
      );

    /** A body as sent: raw hostile text, or a fuzzed value as JSON. */
    const bodyText = (body: string | { value: unknown }) =>
      typeof body === 'string' ? body : asJson(body.value);
    const anyBody = (fields: string[]) =>
      fc.oneof(
        fc.constantFrom(...HOSTILE_JSON_TEXTS),
        jsonBody(fields).map((value) => ({ value }))
      );
    /** A header value as an HTTP client can send it (printable ASCII). */
    const asHeader = (value: string) => value.replace(/[^\x20-\x7e]/g, '?').slice(0, 8000);

    /** Sends, checks the answer's shape, and that a refusal stored nothing. */
    const refusedStoresNothing = async (
      send: () => Promise<Response>,
      what: string,
      { admin = false } = {}
    ) => {
      const before = await stored();
      const res = await send();
      expectSafe(res, what, { admin });
      if (res.status >= 300) expect([what, await stored()]).toEqual([what, before]);
      return res;
    };

    it('PATCH /api/blog/comments/:documentId: any body and token; only the real token edits', async () => {
      await property(
        fc.tuple(
          anyBody(['data', 'token', 'content', 'documentId', 'status']),
          fc.oneof(hostileToken(), fc.constant(editToken)),
          fc.constantFrom(ids.held, ids.approved, ids.trashed, 'nope', '__proto__'),
          fc.boolean()
        ),
        async ([body, editWith, documentId, inHeader]) => {
          const res = await refusedStoresNothing(
            () => {
              const req = http()
                .patch(`/api/blog/comments/${encodeURIComponent(documentId)}`)
                .set('X-Forwarded-For', nextIp())
                .set('Content-Type', 'application/json');
              if (inHeader) req.set(EDIT_TOKEN_HEADER, asHeader(editWith) || 'x');
              return req.send(bodyText(body));
            },
            `PATCH ${documentId} ${bodyText(body).slice(0, 120)}`
          );
          if (res.status < 300) {
            expect([documentId, editWith === editToken]).toEqual([ids.held, true]);
          }
        }
      );
    });

    it('POST /api/blog/comments/:documentId/reports: any body stores nothing unless it answers 201', async () => {
      await property(
        fc.tuple(
          anyBody(['data', 'reason', 'note']),
          fc.constantFrom(ids.held, ids.approved, ids.trashed, 'nope', 'constructor')
        ),
        async ([body, documentId]) => {
          const res = await refusedStoresNothing(
            () =>
              http()
                .post(`/api/blog/comments/${encodeURIComponent(documentId)}/reports`)
                .set('X-Forwarded-For', nextIp())
                .set('Content-Type', 'application/json')
                .send(bodyText(body)),
            `report ${documentId} ${bodyText(body).slice(0, 120)}`
          );
          if (res.status < 300) expect(documentId).toBe(ids.approved);
        }
      );
    });

    const LINK_ROUTES = [
      ['get', '/api/blog/subscriptions/confirm'],
      ['get', '/api/blog/subscriptions/unsubscribe'],
      ['post', '/api/blog/subscriptions/unsubscribe'],
      ['get', '/api/blog/moderation-links'],
      ['post', '/api/blog/moderation-links'],
    ] as const;

    /** A mail link's answer: a 4xx page (HTML), or a 4xx in Strapi's shape for a bad query. */
    const expectRefusedPage = (res: Response, what: string) => {
      expectSafe(res, what);
      expect([what, res.status >= 400 && res.status < 500]).toEqual([what, true]);
      if (res.type !== 'application/json' && res.status !== 431) {
        expect([what, res.type]).toEqual([what, 'text/html']);
      }
    };

    it('the mail’s link pages and POSTs: a forged, overlong or malformed token answers a 4xx page', async () => {
      await property(
        fc.tuple(hostileToken(), fc.nat({ max: tokenQueries('').length - 1 })),
        async ([linkToken, form]) => {
          const query = tokenQueries(linkToken)[form];
          for (const [method, route] of LINK_ROUTES) {
            const before = await stored();
            const client = http();
            const res = await client[method](`${route}?${query}`)
              .type('form')
              .send(method === 'post' ? 'List-Unsubscribe=One-Click' : '');
            expectRefusedPage(res, `${method} ${route}?${query.slice(0, 200)}`);
            expect(await stored()).toEqual(before);
          }
        }
      );
    });

    it('the mail’s links signed with another key, or with claims that name nothing, change nothing', async () => {
      const secret = getSecret(app.strapi);
      const later = Math.floor(Date.now() / 1000) + 3600;
      const claims: Array<[string, LinkClaims]> = [
        ['confirm', { p: 'confirm', e: 'nobody', d: 'nope', x: later }],
        ['confirm', { p: 'confirm', e: 'nobody', d: ids.approved, x: 1 }],
        ['confirm', { p: 'confirm', e: 'x'.repeat(129), d: ids.approved, x: later }],
        ['unsubscribe', { p: 'unsubscribe', e: 'nobody', d: ids.approved, k: 'no-such-kind' }],
        ['moderate', { p: 'moderate', c: 'nope', a: 'approve', u: 1, n: 'n1', x: later }],
        ['moderate', { p: 'moderate', c: ids.held, a: 'approve', u: 999999, n: 'n2', x: later }],
        ['moderate', { p: 'moderate', c: ids.held, a: 'approve', u: -1, n: 'n3', x: 1e300 }],
        [
          'moderate',
          { p: 'moderate', c: ids.trashed, a: 'delete', u: 1, n: 'n4', x: later } as never,
        ],
      ];
      for (const [purpose, claim] of claims) {
        for (const key of [secret, `${secret}-another`]) {
          const linkToken = signLink(key, claim);
          for (const [method, route] of LINK_ROUTES) {
            const what = `${method} ${route} ${purpose} ${JSON.stringify(claim)} ${key === secret ? 'signed' : 'forged'}`;
            const before = await stored();
            const res = await http()[method](`${route}?token=${linkToken}`).type('form').send('');
            // Only a link signed with the plugin's key may answer 200: an unsubscription is
            // idempotent (RFC 8058), for an address with no subscription too.
            if (res.status === 200) {
              expect([what, key === secret, purpose]).toEqual([what, true, 'unsubscribe']);
              expectSafe(res, what);
            } else {
              expectRefusedPage(res, what);
            }
            expect([what, await stored()]).toEqual([what, before]);
          }
        }
      }
    });

    it('admin restore, reply, content, reply name and reports: hostile bodies and queries on real comments', async () => {
      await property(
        fc.tuple(
          anyBody(['content', 'name', 'documentId', 'status', 'staff', 'parent']),
          fc.constantFrom(ids.held, ids.approved, ids.trashed)
        ),
        async ([body, documentId]) => {
          for (const [method, path] of [
            ['post', `/blog/comments/${documentId}/restore`],
            ['post', `/blog/comments/${documentId}/reply`],
            ['put', `/blog/comments/${documentId}/content`],
            ['put', '/blog/reply-name'],
          ] as const) {
            await refusedStoresNothing(
              () => {
                const client = http();
                return client[method](path)
                  .set(auth)
                  .set('Content-Type', 'application/json')
                  .send(bodyText(body));
              },
              `${method} ${path} ${bodyText(body).slice(0, 120)}`,
              { admin: true }
            );
          }
        }
      );
      await property(listQuery(), async (query) => {
        for (const path of ['/blog/reports', '/blog/reply-name']) {
          const res = await http()
            .get(`${path}?${toQueryString(query)}`)
            .set(auth);
          expectSafe(res, path, { admin: true });
        }
      });
    });

    it('an editor without the moderate right is refused every write (403), storing nothing', async () => {
      const reader = {
        Authorization: `Bearer ${await adminWithActions(app, [ADMIN_ACTIONS.readComments])}`,
      };
      const nobody = { Authorization: `Bearer ${await adminWithActions(app, [])}` };
      const writes = [
        ['post', `/blog/comments/${ids.trashed}/restore`, {}],
        ['post', `/blog/comments/${ids.held}/reply`, { content: 'A reply from a reader role.' }],
        ['put', `/blog/comments/${ids.held}/content`, { content: 'Rewritten by a reader role.' }],
        ['put', '/blog/reply-name', { name: 'Impostor' }],
        ['get', '/blog/reply-name', undefined],
      ] as const;
      for (const who of [reader, nobody]) {
        for (const [method, path, body] of writes) {
          const res = await refusedStoresNothing(
            () => http()[method](path).set(who).send(body),
            `${method} ${path}`
          );
          expect([path, res.status]).toEqual([path, 403]);
        }
      }
      // Reading the reports needs the read right, and only it.
      await http().get('/blog/reports').set(reader).expect(200);
      const refused = await http().get('/blog/reports').set(nobody);
      expectSafe(refused, 'GET /blog/reports without rights');
      expect(refused.status).toBe(403);
    });

    it('no body above polluted the server’s prototypes', () => {
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    });
  });
});
