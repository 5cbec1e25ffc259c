import { COMMENT_UID } from '../../contracts/plugin';
import type { CommentForm } from '../../contracts/comments';
import { setSettings, submit, validComment } from '../helpers/comments-api';
import { createPost } from '../helpers/factories';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * Who a reader is, for the flood limit and the form token, behind a trusted proxy
 * (`server.proxy.koa` on, no `maxIpsCount`; supertest connects from 127.0.0.1 and each request
 * carries the X-Forwarded-For its proxy would write): the rightmost entry is the client, one
 * address in any spelling is one client, one IPv6 /64 is one client, one mailbox is one email.
 */
describe('client identity', () => {
  let app: TestApp;
  let post: { documentId: string; slug: string };

  const send = (forwardedFor: string, overrides: Parameters<typeof validComment>[0] = {}) =>
    app
      .http()
      .post(`/api/blog/posts/${post.slug}/comments`)
      .set('X-Forwarded-For', forwardedFor)
      .send({ data: validComment(overrides) });
  const stored = (documentId: string) =>
    app.strapi.db.query(COMMENT_UID).findOne({ where: { documentId } });

  beforeAll(async () => {
    app = await startApp();
    post = await createPost(app.strapi, { title: 'Who is it' });
    await setSettings(app, { requireApproval: 'never', floodIntervalSeconds: 60 });
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('the flood key of an address', () => {
    it('ignores the entries a client writes left of what the proxy saw', async () => {
      expect((await send('203.0.113.1, 198.51.100.7')).status).toBe(201);
      const spoofed = await send('203.0.113.2, 198.51.100.7');
      expect(spoofed.status).toBe(429);
      expect(Number(spoofed.headers['retry-after'])).toBeGreaterThan(0);
      expect((await send('198.51.100.7, 198.51.100.8')).status).toBe(201);
    });

    it('with server.proxy.maxIpsCount, takes Koa’s choice: the n-th entry from the right', async () => {
      const koa = app.strapi.server.app as { maxIpsCount: number };
      koa.maxIpsCount = 2;
      try {
        expect((await send('203.0.113.9, 198.51.100.50, 10.0.0.1')).status).toBe(201);
        expect((await send('203.0.113.10, 198.51.100.50, 10.0.0.2')).status).toBe(429);
      } finally {
        koa.maxIpsCount = 0;
      }
    });

    it('counts textual variants of one IPv4 address as one client', async () => {
      expect((await send('192.0.2.10')).status).toBe(201);
      for (const variant of ['::ffff:192.0.2.10', '192.000.002.010', '[::FFFF:192.0.2.10]:443']) {
        expect([variant, (await send(variant)).status]).toEqual([variant, 429]);
      }
    });

    it('counts every address of one IPv6 /64, in any spelling, as one client', async () => {
      expect((await send('2001:db8:1:2::1')).status).toBe(201);
      for (const variant of [
        '2001:db8:1:2::2',
        '2001:db8:1:2:ffff:ffff:ffff:ffff',
        '2001:0DB8:0001:0002:0000:0000:0000:0001',
        '[2001:db8:1:2::42]:8080',
      ]) {
        expect([variant, (await send(variant)).status]).toEqual([variant, 429]);
      }
      // The next /64 is someone else.
      expect((await send('2001:db8:1:3::1')).status).toBe(201);
    });

    it('stores the hash of the canonical address', async () => {
      const a = await send('2001:db8:9::1').expect(201);
      const b = (await stored(a.body.data.documentId)).ipHash;
      const moderation = app.strapi.plugin('blog').service('moderation');
      expect(b).toBe(moderation.hashIp('2001:db8:9::1'));
    });
  });

  describe('the flood key of an email', () => {
    const mailboxes: Array<[string, string[]]> = [
      [
        'victim@example.com',
        [
          'victim+1@example.com',
          'Victim@Example.com',
          'victim@example.com.',
          'VICTIM+x@EXAMPLE.COM.',
        ],
      ],
      ['reader@gmail.com', ['r.e.a.d.e.r@gmail.com', 'Read.Er+blog@googlemail.com']],
    ];
    let address = 0;
    const fresh = () => {
      address += 1;
      return `198.18.0.${address}`;
    };

    it.each(mailboxes)('%s: its variants are the same mailbox (429)', async (first, variants) => {
      expect((await send(fresh(), { authorEmail: first })).status).toBe(201);
      for (const variant of variants) {
        const res = await send(fresh(), { authorEmail: variant });
        expect([variant, res.status]).toEqual([variant, 429]);
      }
    });

    it('stores the email as given, lower-cased', async () => {
      const res = await send(fresh(), { authorEmail: 'Some.One+Tag@Example.org' }).expect(201);
      expect((await stored(res.body.data.documentId)).authorEmail).toBe('some.one+tag@example.org');
    });
  });

  describe('form tokens', () => {
    let address = 0;
    const fresh = () => {
      address += 1;
      return `198.19.0.${address}`;
    };
    const formToken = async () => {
      const res = await app.http().get(`/api/blog/posts/${post.slug}/comment-form`).expect(200);
      return (res.body as CommentForm.Response).data.formToken;
    };

    beforeAll(async () => {
      await setSettings(app, { floodIntervalSeconds: 0, minSubmitSeconds: 1 });
    });
    afterAll(async () => {
      await setSettings(app, { minSubmitSeconds: 0 });
    });

    it('is good for one accepted comment; a refused one does not use it; a replay is spam', async () => {
      const token = await formToken();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const refused = await submit(
        app,
        post.slug,
        { data: validComment({ content: '' }), formToken: token },
        { ip: fresh() }
      );
      expect(refused.status).toBe(400);
      const accepted = await submit(
        app,
        post.slug,
        { data: validComment(), formToken: token },
        { ip: fresh() }
      ).expect(201);
      expect(accepted.body.data.status).toBe('approved');
      const replay = await submit(
        app,
        post.slug,
        { data: validComment(), formToken: token },
        { ip: fresh() }
      ).expect(201);
      // The answer does not tell a bot it was seen.
      expect(replay.body.data.status).toBe('pending');
      expect(await stored(replay.body.data.documentId)).toEqual(
        expect.objectContaining({
          status: 'spam',
          moderationReason: 'form-timing: form token invalid',
        })
      );
    });

    it('serves one of several simultaneous uses of a token', async () => {
      const token = await formToken();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const answers = await Promise.all(
        [1, 2, 3, 4].map(() =>
          submit(app, post.slug, { data: validComment(), formToken: token }, { ip: fresh() })
        )
      );
      const statuses = await Promise.all(
        answers.map(async (res) => (await stored(res.body.data.documentId)).status)
      );
      expect(statuses.sort()).toEqual(['approved', 'spam', 'spam', 'spam']);
    });
  });
});
