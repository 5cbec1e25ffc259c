import { COMMENT_UID } from '../../contracts/plugin';
import { emailKeyOf } from '../../server/src/mail/addresses';
import { FANOUT_BATCH } from '../../server/src/mail/fanout';
import { MAIL_OUTBOX_UID } from '../../server/src/models/mail-outbox';
import { MAIL_SUBSCRIPTION_UID } from '../../server/src/models/mail-subscription';
import { DEFAULT_MODERATION_SETTINGS } from '../../server/src/moderation/settings';
import { nextIp, setSettings, submit, validComment } from '../helpers/comments-api';
import { createPost } from '../helpers/factories';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../helpers/smtp';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * Readers' mail, read back from a real SMTP server (tests/helpers/smtp.ts): double opt-in,
 * notices of approved replies only, one-click unsubscribe, a mail server that is down.
 * The outbox is sent by ticking the sender directly (Strapi's cron task is removed, so no tick
 * runs behind the test's back).
 */
describe('reader notifications by mail', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  let post: { documentId: string; slug: string; title: string };

  const sender = () => app.strapi.plugin('blog').service('mail').sender;

  /** Ticks until a tick does nothing: events expanded, mails sent. */
  const flush = async (now = new Date()) => {
    for (let i = 0; i < 10; i += 1) {
      const done = await sender().tick(now);
      if (
        !done.sent.length &&
        !done.expanded.length &&
        !done.retried.length &&
        !done.failed.length
      ) {
        return;
      }
    }
  };

  /** The outbox row of the one mail to `recipient`. */
  const mailRow = async (recipient: string) =>
    (await app.strapi.db.query(MAIL_OUTBOX_UID as never).findOne({
      where: { recipient, kind: 'mail' },
    })) as { attempts: number; doneAt: unknown; error: string };

  /** The path and query of a link in a mail, for supertest. */
  const pathOf = (url: string) => {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  };
  const linkAfter = (mail: ReceivedMail, label: string) => {
    const line = mail.text.split('\n').find((text) => text.startsWith(label));
    if (!line) throw new Error(`no "${label}" line in: ${mail.text}`);
    return pathOf(line.slice(line.indexOf('http')).trim());
  };

  const comment = async (overrides: Record<string, unknown> = {}, notify?: object) => {
    const res = await submit(app, post.slug, {
      data: { ...validComment(), ...overrides, ...(notify ? { notify } : {}) },
    });
    expect(res.status).toBe(201);
    return res.body.data as { documentId: string; status: string };
  };

  /** A moderator's approval (through the Document Service, as the Moderation view's route does). */
  const approve = (documentId: string) =>
    app.strapi
      .plugin('blog')
      .service('moderation')
      .runAs({ type: 'admin', id: 1, name: 'Mod' }, () =>
        app.strapi
          .documents(COMMENT_UID as never)
          .update({ documentId, data: { status: 'approved' } } as never)
      );

  /** Subscribes `email` to `notify` on the post and confirms from the mail. */
  const subscribed = async (email: string, notify: object, name = 'Alice') => {
    const own = await comment({ authorEmail: email, authorName: name }, notify);
    await flush();
    const confirm = smtp.to(email).at(-1) as ReceivedMail;
    expect(confirm.subject).toMatch(/^Confirm your subscription/);
    const res = await app.http().get(linkAfter(confirm, 'Confirm:'));
    expect(res.status).toBe(200);
    return own;
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: smtp.env });
    app.strapi.cron.remove('blogMailOutbox');
    app.strapi.config.set('plugin::blog.feed.postUrl', 'https://site.example/blog/{slug}');
    post = await createPost(app.strapi, { title: 'Cats & <dogs>' });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });
  beforeEach(async () => {
    await setSettings(app, {
      ...DEFAULT_MODERATION_SETTINGS,
      requireApproval: 'never',
      floodIntervalSeconds: 0,
    });
  });

  it('double opt-in: one confirmation mail, nothing else before the link is followed; the link confirms once', async () => {
    const email = 'optin@example.com';
    const own = await comment({ authorEmail: email }, { replies: true });
    await flush();
    expect(smtp.to(email).map((mail) => mail.subject)).toEqual([
      'Confirm your subscription: Cats & <dogs>',
    ]);
    const [confirm] = smtp.to(email);
    expect(confirm.text).toContain('https://site.example/blog/');
    expect(confirm.html).toContain('Cats &amp; &lt;dogs&gt;');
    expect(confirm.header('list-unsubscribe')).toBeUndefined();

    // A reply before the address is confirmed: no mail.
    await comment({ parent: own.documentId });
    await flush();
    expect(smtp.to(email)).toHaveLength(1);

    const link = linkAfter(confirm, 'Confirm:');
    const first = await app.http().get(link);
    expect(first.status).toBe(200);
    expect(first.type).toBe('text/html');
    expect(first.text).toContain('Subscription confirmed');
    const again = await app.http().get(link);
    expect(again.status).toBe(200);
    expect(again.text).toContain('Already confirmed');

    await comment({ parent: own.documentId, authorName: 'Bob & "Co"' });
    await flush();
    const notices = smtp.to(email).slice(1);
    expect(notices.map((mail) => mail.subject)).toEqual([
      'Bob & "Co" replied to your comment on Cats & <dogs>',
    ]);
    expect(notices[0].html).toContain('Bob &amp; &quot;Co&quot;');
    expect(notices[0].header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(notices[0].header('list-unsubscribe')).toMatch(
      /^<http:\/\/localhost:\d+\/api\/blog\/subscriptions\/unsubscribe\?token=[\w.-]+>$/
    );
  });

  it('a held reply sends nothing; once approved it sends one mail, once', async () => {
    const email = 'held-reply@example.com';
    const own = await subscribed(email, { replies: true });
    await setSettings(app, { requireApproval: 'always' });
    const reply = await comment({ parent: own.documentId });
    expect(reply.status).toBe('pending');
    await flush();
    expect(smtp.to(email)).toHaveLength(1); // the confirmation only
    await approve(reply.documentId);
    await flush();
    expect(
      smtp
        .to(email)
        .slice(1)
        .map((mail) => mail.subject)
    ).toEqual([expect.stringMatching(/replied to your comment/)]);
    // Approved again after a round trip through pending: still one mail.
    await app.strapi
      .plugin('blog')
      .service('moderation')
      .runAs({ type: 'admin', id: 1, name: 'Mod' }, () =>
        app.strapi
          .documents(COMMENT_UID as never)
          .update({ documentId: reply.documentId, data: { status: 'pending' } } as never)
      );
    await approve(reply.documentId);
    await flush();
    expect(smtp.to(email)).toHaveLength(2);
  });

  it('a moderator’s reply (no address of its own) mails the subscribed author and the post’s subscribers', async () => {
    const author = 'staff-parent@example.com';
    const follower = 'staff-follower@example.com';
    const own = await subscribed(author, { replies: true });
    await subscribed(follower, { newComments: true }, 'Fay');
    const mod = { type: 'admin' as const, id: 1, name: 'Mod' };
    const { reply } = (await app.strapi
      .plugin('blog')
      .service('moderatorReplies')
      .reply(own.documentId, 'Thanks, from the team.', mod)) as { reply: { documentId: string } };
    await flush();
    const replied = smtp.to(author).slice(1);
    expect(replied.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/ replied to your comment on Cats & <dogs>$/),
    ]);
    expect(replied[0].text).toContain('Thanks, from the team.');
    expect(
      smtp
        .to(follower)
        .slice(1)
        .map((mail) => mail.subject)
    ).toEqual([expect.stringMatching(/^New comment by .+ on Cats & <dogs>$/)]);

    // A reader answers the moderator: the post's subscribers hear of it; nothing breaks on
    // the reply's missing address.
    await comment({ parent: reply.documentId, authorName: 'Gus' });
    await flush();
    expect(smtp.to(follower).at(-1)?.subject).toBe('New comment by Gus on Cats & <dogs>');
    const failed = await app.strapi.db
      .query(MAIL_OUTBOX_UID as never)
      .count({ where: { error: { $notNull: true } } });
    expect(failed).toBe(0);
  });

  it('never tells authors about their own replies', async () => {
    const email = 'self@example.com';
    const own = await subscribed(email, { replies: true, newComments: true });
    await comment({ parent: own.documentId, authorEmail: 'SELF@example.com' });
    await comment({ authorEmail: email });
    await flush();
    expect(smtp.to(email)).toHaveLength(1);
  });

  it('new comments on the post, and "published" when a held comment is approved', async () => {
    const watcher = 'watcher@example.com';
    await subscribed(watcher, { newComments: true });
    await setSettings(app, { requireApproval: 'always' });
    const author = 'waiting@example.com';
    const held = await comment({ authorEmail: author }, { published: true });
    await flush();
    const confirm = smtp.to(author)[0];
    expect(confirm.text).toContain('your comment being published');
    await app.http().get(linkAfter(confirm, 'Confirm:')).expect(200);
    expect(smtp.to(watcher)).toHaveLength(1); // held: nothing yet
    await approve(held.documentId);
    await flush();
    expect(
      smtp
        .to(author)
        .slice(1)
        .map((mail) => mail.subject)
    ).toEqual(['Your comment on Cats & <dogs> is published']);
    expect(
      smtp
        .to(watcher)
        .slice(1)
        .map((mail) => mail.subject)
    ).toEqual([expect.stringMatching(/^New comment by .* on Cats & <dogs>$/)]);
  });

  it('unsubscribes by the link (a page, then its button) and by List-Unsubscribe-Post', async () => {
    const byPage = 'page@example.com';
    const byHeader = 'header@example.com';
    const a = await subscribed(byPage, { replies: true });
    const b = await subscribed(byHeader, { replies: true });
    await comment({ parent: a.documentId });
    await comment({ parent: b.documentId });
    await flush();
    const [pageMail] = smtp.to(byPage).slice(1);
    const [headerMail] = smtp.to(byHeader).slice(1);

    const link = linkAfter(pageMail, 'Stop these mails:');
    const page = await app.http().get(link);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post" action="">');
    // The GET changed nothing (mail scanners fetch links).
    expect(
      await app.strapi.db.query(MAIL_SUBSCRIPTION_UID as never).count({ where: { email: byPage } })
    ).toBe(1);
    const done = await app.http().post(link).type('form').send('');
    expect(done.status).toBe(200);
    expect(done.text).toContain('Unsubscribed');

    const header = (headerMail.header('list-unsubscribe') ?? '').slice(1, -1);
    const oneClick = await app
      .http()
      .post(pathOf(header))
      .type('form')
      .send('List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(200);

    await comment({ parent: a.documentId });
    await comment({ parent: b.documentId });
    await flush();
    expect(smtp.to(byPage)).toHaveLength(2);
    expect(smtp.to(byHeader)).toHaveLength(2);
    // Used again: nothing left to end, and it says so.
    expect((await app.http().post(link).type('form').send('')).text).toContain('nothing left');
  });

  it('one link ends every subscription of an address, on every post', async () => {
    const email = 'everything@example.com';
    const own = await subscribed(email, { replies: true, newComments: true });
    const other = await createPost(app.strapi, { title: 'Another post' });
    const res = await submit(app, other.slug, {
      data: { ...validComment(), authorEmail: email, notify: { newComments: true } },
    });
    expect(res.status).toBe(201);
    await flush();
    await app
      .http()
      .get(linkAfter(smtp.to(email).at(-1) as ReceivedMail, 'Confirm:'))
      .expect(200);
    await comment({ parent: own.documentId });
    await flush();
    const notice = smtp.to(email).at(-1) as ReceivedMail;
    expect(notice.subject).toMatch(/replied/);
    const all = linkAfter(notice, 'Stop every mail from this blog:');
    await app.http().post(all).type('form').send('').expect(200);
    expect(
      await app.strapi.db.query(MAIL_SUBSCRIPTION_UID as never).count({ where: { email } })
    ).toBe(0);
  });

  it('mails every subscriber of a busy post once, a bounded batch per tick', async () => {
    const busy = await createPost(app.strapi, { title: 'Busy post' });
    const emails = Array.from({ length: FANOUT_BATCH + 10 }, (_, n) => `fan${n}@example.com`);
    const now = new Date();
    await app.strapi.db.query(MAIL_SUBSCRIPTION_UID as never).createMany({
      data: emails.map((email) => ({
        emailKey: emailKeyOf(app.strapi, email),
        email,
        postDocumentId: busy.documentId,
        kind: 'newComments',
        name: null,
        createdAt: now,
        confirmedAt: now,
      })),
    });
    const res = await submit(app, busy.slug, { data: validComment() });
    expect(res.status).toBe(201);
    const first = await sender().tick();
    // The event's first batch: FANOUT_BATCH subscribers, the rest on the next tick.
    expect(first.expanded).toHaveLength(1);
    const queued = await app.strapi.db
      .query(MAIL_OUTBOX_UID as never)
      .count({ where: { topic: 'new-comment', commentDocumentId: res.body.data.documentId } });
    expect(queued).toBe(FANOUT_BATCH);
    await flush();
    for (const email of emails) {
      expect(smtp.to(email).map((mail) => mail.subject)).toEqual([
        expect.stringMatching(/^New comment by .* on Busy post$/),
      ]);
    }
  });

  it('takes notify on GraphQL too', async () => {
    const email = 'graphql@example.com';
    const res = await app
      .http()
      .post('/graphql')
      .set('X-Forwarded-For', nextIp())
      .send({
        query: `mutation ($slug: String!, $data: BlogCommentInput!) {
          createBlogComment(slug: $slug, data: $data) { documentId status }
        }`,
        variables: {
          slug: post.slug,
          data: { ...validComment(), authorEmail: email, notify: { replies: true } },
        },
      });
    expect(res.body.errors).toBeUndefined();
    await flush();
    expect(smtp.to(email).map((mail) => mail.subject)).toEqual([
      'Confirm your subscription: Cats & <dogs>',
    ]);
  });

  it('refuses a notify that is not an object of known booleans', async () => {
    for (const notify of [{ replies: 'yes' }, { everything: true }, ['replies'], 'replies']) {
      const res = await submit(app, post.slug, { data: { ...validComment(), notify } });
      expect(res.status).toBe(400);
    }
  });

  it('a link’s POST takes a small form body, unread; a larger one is refused before it is read', async () => {
    const path = '/api/blog/subscriptions/unsubscribe?token=abc.def';
    const small = await app.http().post(path).type('form').send('List-Unsubscribe=One-Click');
    expect(small.status).toBe(400); // read as far as the token, which is not a real one
    const large = await app
      .http()
      .post(path)
      .type('form')
      .send(`x=${'a'.repeat(2048)}`);
    expect(large.status).toBe(415);
  });

  it('answers a forged or cut link with a page that says so, changing nothing', async () => {
    for (const path of [
      '/api/blog/subscriptions/confirm?token=abc.def',
      '/api/blog/subscriptions/unsubscribe?token=',
      '/api/blog/subscriptions/confirm',
    ]) {
      const res = await app.http().get(path);
      expect(res.status).toBe(400);
      expect(res.text).toContain('This link does not work');
    }
  });

  it('a mail server that is down costs the submission nothing; the mail is tried again, sent when it is back, or logged as failed', async () => {
    const email = 'down@example.com';
    await smtp.stop();
    try {
      await comment({ authorEmail: email }, { replies: true });
      const start = new Date();
      await sender().tick(start); // the events become mails
      await sender().tick(start); // the confirmation fails
      expect(await mailRow(email)).toEqual(
        expect.objectContaining({
          attempts: 1,
          doneAt: null,
          error: expect.stringMatching(/ECONNREFUSED/),
        })
      );
      // Not due again before its backoff.
      await sender().tick(start);
      expect(await mailRow(email)).toEqual(expect.objectContaining({ attempts: 1 }));
    } finally {
      await smtp.restart();
    }
    await flush(new Date(Date.now() + 61_000));
    expect(smtp.to(email).map((mail) => mail.subject)).toEqual([
      'Confirm your subscription: Cats & <dogs>',
    ]);

    // Down for good: after `mail.retry.attempts` tries the row ends as failed, logged.
    const failing = 'never@example.com';
    const errors = jest.spyOn(app.strapi.log, 'error').mockImplementation(() => app.strapi.log);
    await smtp.stop();
    try {
      await comment({ authorEmail: failing }, { replies: true });
      let now = Date.now();
      for (let i = 0; i < 8; i += 1) {
        await sender().tick(new Date(now));
        now += 24 * 60 * 60 * 1000;
      }
    } finally {
      await smtp.restart();
    }
    const row = await mailRow(failing);
    expect(row.attempts).toBe(5);
    expect(row.doneAt).not.toBeNull();
    expect(row.error).toMatch(/ECONNREFUSED|connect/i);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('not sent after 5 tries'));
    errors.mockRestore();
    await flush(new Date(Date.now() + 30 * 24 * 3600_000));
    expect(smtp.to(failing)).toHaveLength(0);
  });
});
