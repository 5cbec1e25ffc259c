import { COMMENT_UID, MODERATION_EVENT_UID } from '../../contracts/plugin';
import type { CommentForm } from '../../contracts/comments';
import { DEFAULT_MODERATION_SETTINGS } from '../../server/src/moderation/settings';
import { nextIp, setSettings, submit, validComment } from '../helpers/comments-api';
import { createComment, createPost } from '../helpers/factories';
import { isMysql, startApp, type TestApp } from '../helpers/strapi';

describe('POST /api/blog/posts/:slug/comments: every rule over HTTP', () => {
  let app: TestApp;
  let post: { documentId: string; slug: string };

  beforeAll(async () => {
    app = await startApp();
    post = await createPost(app.strapi, { title: 'Open for comments' });
  });
  afterAll(async () => {
    await app?.stop();
  });
  beforeEach(async () => {
    // Defaults, except the approval policy, which each test states when it matters.
    await setSettings(app, { ...DEFAULT_MODERATION_SETTINGS, requireApproval: 'never' });
  });

  const stored = (documentId: string) =>
    app.strapi.db.query(COMMENT_UID).findOne({
      where: { documentId },
      select: ['status', 'moderationReason', 'authorEmail', 'ipHash', 'userAgent', 'content'],
    });
  const count = () => app.strapi.db.query(COMMENT_UID).count({});
  /** A status change made by trusted code (the importer), not through HTTP. */
  const setStatus = (documentId: string, status: string) =>
    app.strapi
      .plugin('blog')
      .service('moderation')
      .runAs({ type: 'importer' }, () =>
        app.strapi.documents(COMMENT_UID as never).update({ documentId, data: { status } } as never)
      );

  describe('rule 1: the post takes comments', () => {
    it('answers 404 for an unknown slug and for a draft, storing nothing', async () => {
      const draft = await createPost(app.strapi, { title: 'Not yet' }, { draft: true });
      const before = await count();
      for (const slug of ['no-such-post', draft.slug]) {
        const res = await submit(app, slug, { data: validComment() });
        expect(res.status).toBe(404);
        expect(res.body.error).toEqual(
          expect.objectContaining({ status: 404, name: 'NotFoundError' })
        );
      }
      expect(await count()).toBe(before);
    });

    it('answers 403 when the post has comments turned off', async () => {
      const closed = await createPost(app.strapi, { title: 'Closed', commentsEnabled: false });
      const res = await submit(app, closed.slug, { data: validComment() });
      expect(res.status).toBe(403);
      expect(res.body.error).toEqual(
        expect.objectContaining({
          status: 403,
          name: 'ForbiddenError',
          message: 'Comments are closed on this post',
        })
      );
    });

    it('answers 403 once closeAfterDays have passed since the post’s date', async () => {
      const old = await createPost(app.strapi, { title: 'Old', originalDate: '2008-02-22' });
      const today = new Date().toISOString().slice(0, 10);
      const fresh = await createPost(app.strapi, { title: 'Fresh', originalDate: today });
      await setSettings(app, { closeAfterDays: 30 });
      const closed = await submit(app, old.slug, { data: validComment() });
      expect(closed.status).toBe(403);
      expect(closed.body.error.message).toBe('Comments close 30 days after a post');
      expect((await submit(app, fresh.slug, { data: validComment() })).status).toBe(201);
      const form = await app.http().get(`/api/blog/posts/${old.slug}/comment-form`);
      expect(form.status).toBe(403);
      await setSettings(app, { closeAfterDays: 0 });
      expect((await submit(app, old.slug, { data: validComment() })).status).toBe(201);
    });
  });

  describe('rule 2: replies', () => {
    it('accepts a reply to an approved comment of the same post', async () => {
      const parent = await createComment(app.strapi, { post: post.documentId, status: 'approved' });
      const res = await submit(app, post.slug, {
        data: validComment({ parent: parent.documentId }),
      });
      expect(res.status).toBe(201);
      const thread = await app.http().get(`/api/blog/posts/${post.slug}/comments`).expect(200);
      const root = thread.body.data.find(
        (c: { documentId: string }) => c.documentId === parent.documentId
      );
      expect(root.replies.map((r: { documentId: string }) => r.documentId)).toEqual([
        res.body.data.documentId,
      ]);
    });

    it.each([
      ['a pending comment', 'pending'],
      ['a spam comment', 'spam'],
    ] as const)('refuses a reply to %s with a 400', async (_label, status) => {
      const parent = await createComment(app.strapi, { post: post.documentId, status });
      const res = await submit(app, post.slug, {
        data: validComment({ parent: parent.documentId }),
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual(['parent']);
    });

    it('refuses a reply to a comment of another post, or to none', async () => {
      const other = await createPost(app.strapi, { title: 'Elsewhere' });
      const foreign = await createComment(app.strapi, { post: other.documentId });
      for (const parent of [foreign.documentId, 'doesnotexist000000000000']) {
        const res = await submit(app, post.slug, { data: validComment({ parent }) });
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('ValidationError');
      }
    });

    it('refuses a reply deeper than maxDepth', async () => {
      await setSettings(app, { maxDepth: 3 });
      let parent = (await createComment(app.strapi, { post: post.documentId })).documentId;
      for (let level = 2; level <= 3; level += 1) {
        parent = (await createComment(app.strapi, { post: post.documentId, parent })).documentId;
      }
      const res = await submit(app, post.slug, { data: validComment({ parent }) });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('Replies nest at most 3 levels deep');
    });
  });

  describe('rule 3: fields', () => {
    it.each([
      ['no name', { authorName: '' }, ['authorName']],
      ['a name of spaces', { authorName: '   ' }, ['authorName']],
      ['a name over 245 characters', { authorName: 'n'.repeat(246) }, ['authorName']],
      ['no email', { authorEmail: undefined }, ['authorEmail']],
      ['an invalid email', { authorEmail: 'not-an-email' }, ['authorEmail']],
      [
        'an email over 100 characters',
        { authorEmail: `${'e'.repeat(95)}@example.com` },
        ['authorEmail'],
      ],
      ['a javascript: URL', { authorUrl: 'javascript:alert(1)' }, ['authorUrl']],
      [
        'a URL over 200 characters',
        { authorUrl: `https://example.com/${'u'.repeat(190)}` },
        ['authorUrl'],
      ],
      ['empty content', { content: '   ' }, ['content']],
      ['content that is only HTML', { content: '<b></b>' }, ['content']],
    ])('refuses %s with field-level details', async (_label, overrides, path) => {
      const before = await count();
      const res = await submit(app, post.slug, { data: validComment(overrides as object) });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
      expect(res.body.error.details.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path })])
      );
      expect(await count()).toBe(before);
    });

    it('holds content to maxLength after trimming', async () => {
      await setSettings(app, { maxLength: 20 });
      expect(
        (await submit(app, post.slug, { data: validComment({ content: `  ${'x'.repeat(20)}  ` }) }))
          .status
      ).toBe(201);
      expect(
        (await submit(app, post.slug, { data: validComment({ content: 'x'.repeat(21) }) })).status
      ).toBe(400);
    });

    it('refuses unknown fields with a 400 naming them', async () => {
      const res = await submit(app, post.slug, {
        data: { ...validComment(), status: 'approved', isAdmin: true },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path)).toEqual([
        ['data', 'status'],
        ['data', 'isAdmin'],
      ]);
    });

    it('stores plain text: HTML tags and control characters removed, NFC applied', async () => {
      const res = await submit(app, post.slug, {
        data: validComment({
          authorName: '  <i>Zoë</i>\u0007 ',
          content: 'Cafe\u0301 <script>alert(1)</script>is <b>great</b>\u0000!\r\nSecond line',
        }),
      });
      expect(res.status).toBe(201);
      const row = await stored(res.body.data.documentId);
      expect(row.content).toBe('Café alert(1)is great!\nSecond line');
      const thread = await app.http().get(`/api/blog/posts/${post.slug}/comments`).expect(200);
      const shown = thread.body.data.find(
        (c: { documentId: string }) => c.documentId === res.body.data.documentId
      );
      expect(shown.authorName).toBe('Zoë');
    });
  });

  describe('rule 4: duplicates', () => {
    it('answers 409 to the same comment again, unless the first was rejected', async () => {
      await setSettings(app, { floodIntervalSeconds: 0 });
      const data = validComment();
      const first = await submit(app, post.slug, { data });
      expect(first.status).toBe(201);
      const again = await submit(app, post.slug, { data });
      expect(again.status).toBe(409);
      expect(again.body.error).toEqual(
        expect.objectContaining({ status: 409, name: 'ConflictError' })
      );

      await setStatus(first.body.data.documentId, 'rejected');
      expect((await submit(app, post.slug, { data })).status).toBe(201);
    });
  });

  describe('rule 5: flood', () => {
    it('answers 429 with Retry-After to a second comment from the same IP', async () => {
      const ip = nextIp();
      expect((await submit(app, post.slug, { data: validComment() }, { ip })).status).toBe(201);
      const second = await submit(app, post.slug, { data: validComment() }, { ip });
      expect(second.status).toBe(429);
      expect(second.body.error).toEqual(
        expect.objectContaining({ status: 429, name: 'RateLimitError' })
      );
      const retryAfter = Number(second.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(15);
    });

    it('answers 429 to the same email from another IP, whatever its case', async () => {
      const email = `Flood.${Date.now()}@Example.com`;
      expect(
        (await submit(app, post.slug, { data: validComment({ authorEmail: email }) })).status
      ).toBe(201);
      const res = await submit(app, post.slug, {
        data: validComment({ authorEmail: email.toLowerCase() }),
      });
      expect(res.status).toBe(429);
    });

    it('is not dodged by changing the path’s case or adding a trailing slash', async () => {
      const ip = nextIp();
      expect((await submit(app, post.slug, { data: validComment() }, { ip })).status).toBe(201);
      for (const path of [
        `/api/blog/posts/${post.slug}/comments/`,
        `/API/blog/posts/${post.slug}/Comments`,
      ]) {
        const res = await app
          .http()
          .post(path)
          .set('X-Forwarded-For', ip)
          .send({ data: validComment() });
        expect([404, 405, 429]).toContain(res.status);
        expect(res.status).not.toBe(201);
      }
    });

    it('still marks the mailbox of a comment held back by its IP', async () => {
      const ip = nextIp();
      const email = `held.${Date.now()}@example.com`;
      expect((await submit(app, post.slug, { data: validComment() }, { ip })).status).toBe(201);
      const held = await submit(
        app,
        post.slug,
        { data: validComment({ authorEmail: email }) },
        { ip }
      );
      expect(held.status).toBe(429);
      // The refusal kept the mark of the key it passed: the same mailbox from elsewhere waits too.
      const elsewhere = await submit(app, post.slug, {
        data: validComment({ authorEmail: email }),
      });
      expect(elsewhere.status).toBe(429);
    });

    it('leaves no mark and no spent form token when the write fails after the verdict', async () => {
      await setSettings(app, { minSubmitSeconds: 1 });
      const form = await app.http().get(`/api/blog/posts/${post.slug}/comment-form`).expect(200);
      const { formToken } = (form.body as CommentForm.Response).data;
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const ip = nextIp();
      const data = validComment({ authorEmail: `retry.${Date.now()}@example.com` });
      const before = await count();

      // The database fails half-way through the comment's write (its log row here).
      const events = app.strapi.plugin('blog').service('moderationEvents');
      const recordMany = events.recordMany;
      events.recordMany = async () => {
        throw new Error('the disk is full');
      };
      let failed;
      try {
        failed = await submit(app, post.slug, { data, formToken }, { ip });
      } finally {
        events.recordMany = recordMany;
      }
      expect(failed.status).toBe(500);
      expect(await count()).toBe(before);

      // Sent again at once, from the same address with the same form: taken, not flooded, and
      // its token still good. MySQL and MariaDB write the marks and the token before the
      // comment's transaction (services/moderation.ts, createDirect): there they stay.
      const again = await submit(app, post.slug, { data, formToken }, { ip });
      if (isMysql()) {
        expect(again.status).toBe(429);
      } else {
        expect(again.status).toBe(201);
        expect(again.body.data.status).toBe('approved');
        expect(await count()).toBe(before + 1);
      }
    });

    it('lets the same IP comment again once the interval has passed (0 turns it off)', async () => {
      await setSettings(app, { floodIntervalSeconds: 0 });
      const ip = nextIp();
      for (let i = 0; i < 3; i += 1) {
        expect((await submit(app, post.slug, { data: validComment() }, { ip })).status).toBe(201);
      }
    });
  });

  describe('rule 6: honeypot and form timing', () => {
    it('stores a comment whose honeypot is filled as spam, answering pending', async () => {
      const res = await submit(app, post.slug, {
        data: validComment(),
        homepage: 'http://bot.example',
      });
      expect(res.status).toBe(201);
      expect(res.body.data.status).toBe('pending');
      const row = await stored(res.body.data.documentId);
      expect(row.status).toBe('spam');
      expect(row.moderationReason).toMatch(/^honeypot: /);
    });

    it('uses the configured honeypot name, and refuses the old name as unknown', async () => {
      await setSettings(app, { honeypotField: 'website_confirm' });
      const filled = await submit(app, post.slug, { data: validComment(), website_confirm: 'x' });
      expect((await stored(filled.body.data.documentId)).status).toBe('spam');
      expect((await submit(app, post.slug, { data: validComment(), homepage: '' })).status).toBe(
        400
      );
    });

    it('serves a form token, and marks a too-fast or token-less submission as spam', async () => {
      await setSettings(app, { minSubmitSeconds: 2 });
      const form = await app.http().get(`/api/blog/posts/${post.slug}/comment-form`).expect(200);
      const { formToken, honeypotField, minSubmitSeconds } = (form.body as CommentForm.Response)
        .data;
      expect(honeypotField).toBe('homepage');
      expect(minSubmitSeconds).toBe(2);

      // A token is good for one accepted comment: the patient reader has a form of their own.
      const second = await app.http().get(`/api/blog/posts/${post.slug}/comment-form`).expect(200);
      const patientToken = (second.body as CommentForm.Response).data.formToken;

      const fast = await submit(app, post.slug, { data: validComment(), formToken });
      expect(fast.body.data.status).toBe('pending');
      expect((await stored(fast.body.data.documentId)).moderationReason).toMatch(
        /^form-timing: submitted/
      );

      const none = await submit(app, post.slug, { data: validComment() });
      expect((await stored(none.body.data.documentId)).status).toBe('spam');
      const forged = await submit(app, post.slug, {
        data: validComment(),
        formToken: `${formToken}x`,
      });
      expect((await stored(forged.body.data.documentId)).status).toBe('spam');

      await new Promise((resolve) => setTimeout(resolve, 2100));
      const patient = await submit(app, post.slug, {
        data: validComment(),
        formToken: patientToken,
      });
      expect(patient.body.data.status).toBe('approved');
      const replay = await submit(app, post.slug, {
        data: validComment(),
        formToken: patientToken,
      });
      expect(await stored(replay.body.data.documentId)).toEqual(
        expect.objectContaining({
          status: 'spam',
          moderationReason: 'form-timing: form token invalid',
        })
      );
    });

    it('refuses a token made for another post', async () => {
      await setSettings(app, { minSubmitSeconds: 1 });
      const other = await createPost(app.strapi, { title: 'Other form' });
      const form = await app.http().get(`/api/blog/posts/${other.slug}/comment-form`).expect(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const res = await submit(app, post.slug, {
        data: validComment(),
        formToken: form.body.data.formToken,
      });
      expect((await stored(res.body.data.documentId)).moderationReason).toBe(
        'form-timing: form token invalid'
      );
    });
  });

  describe('rules 7 to 9: words and links', () => {
    it('marks disallowed words as spam, whole words only, in any field and any case', async () => {
      await setSettings(app, { disallowedWords: ['viagra', 'casino.example', 'Ölkanne'] });
      const cases: Array<[Partial<ReturnType<typeof validComment>>, string]> = [
        [{ content: 'Buy VIAGRA now' }, 'spam'],
        [{ content: 'I love viagrass' }, 'approved'],
        [{ authorUrl: 'https://casino.example/win' }, 'spam'],
        [{ authorName: 'ÖLKANNE fan' }, 'spam'],
      ];
      for (const [overrides, status] of cases) {
        const res = await submit(app, post.slug, { data: validComment(overrides) });
        expect((await stored(res.body.data.documentId)).status).toBe(status);
      }
    });

    it('matches disallowed words in the user agent and the IP', async () => {
      await setSettings(app, { disallowedWords: ['EvilBot', '203.0.113.9'] });
      const byAgent = await submit(
        app,
        post.slug,
        { data: validComment() },
        { userAgent: 'EvilBot/2.0' }
      );
      expect((await stored(byAgent.body.data.documentId)).status).toBe('spam');
      const byIp = await submit(app, post.slug, { data: validComment() }, { ip: '203.0.113.9' });
      expect((await stored(byIp.body.data.documentId)).status).toBe('spam');
    });

    it('holds a comment with maxLinks links or more', async () => {
      const two = await submit(app, post.slug, {
        data: validComment({ content: 'See https://a.example and www.b.example' }),
      });
      expect(two.body.data.status).toBe('pending');
      expect((await stored(two.body.data.documentId)).moderationReason).toBe(
        'max-links: 2 links (holding from 2)'
      );
      const one = await submit(app, post.slug, {
        data: validComment({ content: 'See https://a.example' }),
      });
      expect(one.body.data.status).toBe('approved');
    });

    it('holds moderation words', async () => {
      await setSettings(app, { moderationWords: ['refund'] });
      const res = await submit(app, post.slug, {
        data: validComment({ content: 'I want a Refund.' }),
      });
      expect(res.body.data.status).toBe('pending');
      expect((await stored(res.body.data.documentId)).moderationReason).toBe(
        'moderation-words: contains "refund"'
      );
    });
  });

  describe('rule 10: approval policy', () => {
    it('first-time: holds a new author, approves one with an approved comment', async () => {
      await setSettings(app, { requireApproval: 'first-time' });
      const email = `first.${Date.now()}@example.com`;
      const authorName = `First ${Date.now()}`;
      const first = await submit(app, post.slug, {
        data: validComment({ authorName, authorEmail: email }),
      });
      expect(first.body.data.status).toBe('pending');
      await setStatus(first.body.data.documentId, 'approved');
      await setSettings(app, { requireApproval: 'first-time', floodIntervalSeconds: 0 });
      // The same name and email, as WordPress matches them.
      const second = await submit(app, post.slug, {
        data: validComment({ authorName, authorEmail: email }),
      });
      expect(second.body.data.status).toBe('approved');
      expect((await stored(second.body.data.documentId)).moderationReason).toBe(
        'require-approval: the author has an approved comment'
      );
    });

    it('always: holds everyone; never: approves everyone', async () => {
      await setSettings(app, { requireApproval: 'always' });
      expect((await submit(app, post.slug, { data: validComment() })).body.data.status).toBe(
        'pending'
      );
      await setSettings(app, { requireApproval: 'never' });
      expect((await submit(app, post.slug, { data: validComment() })).body.data.status).toBe(
        'approved'
      );
    });
  });

  describe('what is stored', () => {
    it('keeps the IP only as a salted hash, the user agent truncated, both private', async () => {
      const res = await submit(
        app,
        post.slug,
        { data: validComment() },
        { ip: '198.51.100.7', userAgent: `UA ${'x'.repeat(400)}` }
      );
      const row = await stored(res.body.data.documentId);
      expect(row.ipHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.ipHash).not.toContain('198.51.100.7');
      expect(row.userAgent).toHaveLength(255);
      const thread = JSON.stringify(
        (await app.http().get(`/api/blog/posts/${post.slug}/comments`)).body
      );
      expect(thread).not.toContain(row.ipHash);
      expect(thread).not.toContain(row.authorEmail);
    });

    it('logs the first verdict of every comment', async () => {
      const res = await submit(app, post.slug, { data: validComment(), homepage: 'bot' });
      const events = await app.strapi.db.query(MODERATION_EVENT_UID).findMany({
        where: { commentDocumentId: res.body.data.documentId },
      });
      expect(events).toEqual([
        expect.objectContaining({
          fromStatus: null,
          toStatus: 'spam',
          actorType: 'system',
          rule: 'honeypot',
        }),
      ]);
    });

    it('answers 201 with only documentId, status and the edit window’s token', async () => {
      const res = await submit(app, post.slug, { data: validComment() });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        data: {
          documentId: expect.any(String),
          status: 'approved',
          editToken: expect.any(String),
          editableUntil: expect.any(String),
        },
      });
    });
  });
});
