import { ADMIN_ACTIONS, COMMENT_UID } from '../../contracts/plugin';
import { signLink, expiryIn } from '../../server/src/mail/link-token';
import { DEFAULT_MODERATION_SETTINGS } from '../../server/src/moderation/settings';
import { getSecret } from '../../server/src/utils/secret';
import { setSettings, submit, validComment } from '../helpers/comments-api';
import { createPost } from '../helpers/factories';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../helpers/smtp';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * The moderators' mail about a held comment, read back from a real SMTP server, and its
 * one-click links: signed, expiring, single-use, checked against the admin's rights when used.
 */
describe('moderators’ mail and its one-click links', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  let post: { documentId: string; slug: string };
  let moderatorRole: number;
  let moderator: { id: number; email: string };
  const editorEmail = 'editor.nomod@example.com';
  const strangerEmail = 'not-an-admin@example.com';

  const sender = () => app.strapi.plugin('blog').service('mail').sender;
  const flush = async () => {
    for (let i = 0; i < 10; i += 1) {
      const done = await sender().tick(new Date());
      if (!done.sent.length && !done.expanded.length && !done.retried.length) return;
    }
  };
  const status = async (documentId: string) =>
    (
      (await app.strapi.db.query(COMMENT_UID as never).findOne({
        where: { documentId },
        select: ['status'],
      })) as { status: string }
    ).status;
  const lastEvent = async (documentId: string) =>
    (await app.strapi.plugin('blog').service('moderationEvents').forComment(documentId)).at(-1);

  const adminIn = async (email: string, roleId: number) =>
    (await app.strapi.service('admin::user').create({
      email,
      firstname: 'Mo',
      lastname: email.split('@')[0],
      password: 'Moderator-pass-1',
      isActive: true,
      registrationToken: null,
      roles: [roleId],
    })) as { id: number; email: string };

  const roleWith = async (name: string, actions: string[]) => {
    const role = await app.strapi.service('admin::role').create({ name, description: name });
    await app.strapi.service('admin::role').assignPermissions(
      role.id,
      actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] }))
    );
    return role.id as number;
  };

  /** A held comment and the mails it caused, by recipient. */
  const held = async () => {
    const res = await submit(app, post.slug, { data: validComment({ authorName: 'Held & "Co"' }) });
    expect(res.status).toBe(201);
    expect(res.body.data.status).toBe('pending');
    const before = smtp.received.length;
    await flush();
    const mails = smtp.received.slice(before);
    const to = (address: string) => mails.find((mail) => mail.to.includes(address)) as ReceivedMail;
    return { documentId: res.body.data.documentId as string, mails, to };
  };

  const link = (mail: ReceivedMail, label: string) => {
    const line = mail.text.split('\n').find((text) => text.startsWith(`${label}: http`));
    if (!line) throw new Error(`no ${label} link in ${mail.text}`);
    const url = new URL(line.slice(label.length + 2));
    return `${url.pathname}${url.search}`;
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: smtp.env });
    app.strapi.cron.remove('blogMailOutbox');
    post = await createPost(app.strapi, { title: 'Held here' });
    moderatorRole = await roleWith('Mail moderators', [
      ADMIN_ACTIONS.readComments,
      ADMIN_ACTIONS.moderateComments,
    ]);
    moderator = await adminIn('moderator@example.com', moderatorRole);
    await adminIn(editorEmail, await roleWith('Readers only', [ADMIN_ACTIONS.readComments]));
    app.strapi.config.set('plugin::blog.moderatorEmails', [
      'Moderator@example.com',
      editorEmail,
      strangerEmail,
    ]);
    await setSettings(app, {
      ...DEFAULT_MODERATION_SETTINGS,
      requireApproval: 'always',
      floodIntervalSeconds: 0,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it('mails each moderator address once; only an admin who may moderate gets action links', async () => {
    const { mails, to } = await held();
    expect(mails).toHaveLength(3);
    const mod = to('moderator@example.com');
    expect(mod.subject).toBe('A comment is waiting for moderation: Held here');
    expect(mod.html).toContain('Held &amp; &quot;Co&quot;');
    expect(mod.text).toMatch(/^Approve: http/m);
    expect(mod.text).toMatch(/^Mark as spam: http/m);
    expect(mod.text).toMatch(/^Reject: http/m);
    for (const other of [to(editorEmail), to(strangerEmail)]) {
      expect(other.subject).toBe(mod.subject);
      expect(other.text).not.toContain('moderation-links');
    }
  });

  it('a link shows a page with a button (GET changes nothing); the POST acts once, logged as the moderator via mail', async () => {
    const { documentId, to } = await held();
    const approve = link(to('moderator@example.com'), 'Approve');
    const page = await app.http().get(approve);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post" action="">');
    expect(page.text).toContain('Held &amp; &quot;Co&quot;');
    expect(await status(documentId)).toBe('pending');

    const done = await app.http().post(approve).type('form').send('');
    expect(done.status).toBe(200);
    expect(done.text).toContain('The comment is approved');
    expect(await status(documentId)).toBe('approved');
    expect(await lastEvent(documentId)).toEqual(
      expect.objectContaining({
        fromStatus: 'pending',
        toStatus: 'approved',
        actorType: 'admin',
        actorId: moderator.id,
        via: 'mail',
      })
    );

    const reused = await app.http().post(approve).type('form').send('');
    expect(reused.status).toBe(409);
    expect(reused.text).toContain('This link was used');
    expect((await app.http().get(approve)).text).toContain('This link was used');
  });

  it('another link of a comment already moderated says so and changes nothing', async () => {
    const { documentId, to } = await held();
    const mod = to('moderator@example.com');
    await app.http().post(link(mod, 'Reject')).type('form').send('').expect(200);
    expect(await status(documentId)).toBe('rejected');
    const spam = await app.http().post(link(mod, 'Mark as spam')).type('form').send('');
    expect(spam.status).toBe(409);
    expect(spam.text).toContain('Already moderated');
    expect(await status(documentId)).toBe('rejected');
  });

  it('refuses an expired or forged link, changing nothing', async () => {
    const { documentId, to } = await held();
    const expired = signLink(getSecret(app.strapi), {
      p: 'moderate',
      c: documentId,
      a: 'approve',
      u: moderator.id,
      n: 'expired-nonce',
      x: expiryIn(new Date(Date.now() - 100 * 3600_000), 72),
    });
    const late = await app
      .http()
      .post(`/api/blog/moderation-links?token=${expired}`)
      .type('form')
      .send('');
    expect(late.status).toBe(410);
    expect(late.text).toContain('This link has expired');

    const real = link(to('moderator@example.com'), 'Approve');
    const forged = real.replace(/.(?=&|$)/, (c) => (c === 'A' ? 'B' : 'A'));
    const res = await app.http().post(forged).type('form').send('');
    expect(res.status).toBe(400);
    expect(res.text).toContain('This link does not work');
    expect(await status(documentId)).toBe('pending');
  });

  it('checks the moderator’s right when the link is used: removed from the role, or from moderatorEmails', async () => {
    const { documentId, to } = await held();
    const approve = link(to('moderator@example.com'), 'Approve');
    await app.strapi
      .service('admin::role')
      .assignPermissions(moderatorRole, [
        { action: ADMIN_ACTIONS.readComments, subject: null, properties: {}, conditions: [] },
      ]);
    try {
      const res = await app.http().post(approve).type('form').send('');
      expect(res.status).toBe(403);
      expect(res.text).toContain('Not allowed');
      expect(await status(documentId)).toBe('pending');
    } finally {
      await app.strapi.service('admin::role').assignPermissions(
        moderatorRole,
        [ADMIN_ACTIONS.readComments, ADMIN_ACTIONS.moderateComments].map((action) => ({
          action,
          subject: null,
          properties: {},
          conditions: [],
        }))
      );
    }
    const saved = app.strapi.config.get('plugin::blog.moderatorEmails');
    app.strapi.config.set('plugin::blog.moderatorEmails', [editorEmail]);
    try {
      expect((await app.http().post(approve).type('form').send('')).status).toBe(403);
    } finally {
      app.strapi.config.set('plugin::blog.moderatorEmails', saved);
    }
    // Rights back: the same link works (it was not used up by the refusals).
    expect((await app.http().post(approve).type('form').send('')).status).toBe(200);
    expect(await status(documentId)).toBe('approved');
  });
});
