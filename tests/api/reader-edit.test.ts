import { COMMENT_UID, MODERATION_EVENT_UID } from '../../contracts/plugin';
import type { EditComment, FindComments } from '../../contracts/comments';
import { DEFAULT_MODERATION_SETTINGS } from '../../server/src/moderation/settings';
import { adminToken } from '../helpers/admin';
import { nextIp, setSettings, submit, validComment } from '../helpers/comments-api';
import { createPost } from '../helpers/factories';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * The edit window: the submission answers an edit token; with it the author changes the text
 * within `editWindowMinutes`, never once the comment has a reply. The new text is judged by the
 * rules, shown with `editedAt`, and the old one kept in the moderation log.
 */
describe('PATCH /api/blog/comments/:documentId: the author’s edit window', () => {
  let app: TestApp;
  let post: { documentId: string; slug: string };
  let auth: { Authorization: string };

  beforeAll(async () => {
    app = await startApp();
    auth = { Authorization: `Bearer ${await adminToken(app)}` };
    post = await createPost(app.strapi, { title: 'Edits welcome' });
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

  const edit = (documentId: string, body: unknown, ip = nextIp()) =>
    app
      .http()
      .patch(`/api/blog/comments/${documentId}`)
      .set('X-Forwarded-For', ip)
      .send(body as object);
  const stored = (documentId: string) =>
    app.strapi.db.query(COMMENT_UID).findOne({
      where: { documentId },
      select: ['content', 'status', 'moderationReason', 'editedAt'],
    });
  const events = (documentId: string) =>
    app.strapi.db.query(MODERATION_EVENT_UID).findMany({
      where: { commentDocumentId: documentId },
      orderBy: { id: 'asc' },
    });
  const newComment = async (overrides = {}) => {
    const res = await submit(app, post.slug, { data: validComment(overrides) }).expect(201);
    return res.body.data as { documentId: string; editToken: string; editableUntil: string };
  };
  const thread = async () =>
    (
      (await app.http().get(`/api/blog/posts/${post.slug}/comments`).expect(200))
        .body as FindComments.Response
    ).data;

  it('answers an edit token good for editWindowMinutes, and none when editing is off', async () => {
    const before = Date.now();
    const comment = await newComment();
    expect(comment.editToken).toMatch(/^[\w-]+\.[\w-]{43}$/);
    const until = Date.parse(comment.editableUntil);
    expect(until).toBeGreaterThanOrEqual(before + 10 * 60 * 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + 10 * 60 * 1000);

    await setSettings(app, { editWindowMinutes: 0 });
    const off = await submit(app, post.slug, { data: validComment() }).expect(201);
    expect(off.body.data.editToken).toBeUndefined();
    expect(off.body.data.editableUntil).toBeUndefined();
  });

  it('changes the text inside the window, shows editedAt, keeps the old text in the log', async () => {
    const comment = await newComment({ content: 'Teh first version.' });
    const res = await edit(comment.documentId, {
      data: { content: 'The first version.' },
      token: comment.editToken,
    }).expect(200);
    const body = res.body as EditComment.Response;
    expect(body.data).toEqual({
      documentId: comment.documentId,
      status: 'approved',
      editedAt: expect.any(String),
    });
    const shown = (await thread()).find((node) => node.documentId === comment.documentId);
    expect(shown?.content).toBe('The first version.');
    expect(shown?.editedAt).toBe(body.data.editedAt);

    const log = await events(comment.documentId);
    expect(log.at(-1)).toEqual(
      expect.objectContaining({
        fromStatus: 'approved',
        toStatus: 'approved',
        actorType: 'reader',
        actorName: 'the author',
        rule: 'reader-edit',
        previousContent: 'Teh first version.',
      })
    );
    const history = await app
      .http()
      .get(`/blog/comments/${comment.documentId}/events`)
      .set(auth)
      .expect(200);
    expect(history.body.data.at(-1)).toEqual(
      expect.objectContaining({
        previousContent: 'Teh first version.',
        reasonParts: { rule: 'reader-edit', code: 'edited', params: {} },
      })
    );
  });

  it('takes the token in the X-Blog-Edit-Token header too', async () => {
    const comment = await newComment();
    await app
      .http()
      .patch(`/api/blog/comments/${comment.documentId}`)
      .set('X-Forwarded-For', nextIp())
      .set('X-Blog-Edit-Token', comment.editToken)
      .send({ data: { content: 'Sent with the header.' } })
      .expect(200);
    expect((await stored(comment.documentId)).content).toBe('Sent with the header.');
  });

  it('judges the new text: a moderation word puts it back to pending, logged, out of the thread', async () => {
    await setSettings(app, { moderationWords: ['casino'] });
    const comment = await newComment();
    const res = await edit(comment.documentId, {
      data: { content: 'Now about a casino.' },
      token: comment.editToken,
    }).expect(200);
    expect(res.body.data.status).toBe('pending');
    const row = await stored(comment.documentId);
    expect(row.status).toBe('pending');
    expect(row.moderationReason).toBe('moderation-words: contains "casino"');
    expect((await thread()).some((node) => node.documentId === comment.documentId)).toBe(false);
    expect((await events(comment.documentId)).at(-1)).toEqual(
      expect.objectContaining({
        fromStatus: 'approved',
        toStatus: 'pending',
        actorType: 'reader',
        rule: 'moderation-words',
        previousContent: expect.stringContaining('A thoughtful remark'),
      })
    );
    // A clean text again does not approve it: only an editor does.
    await edit(comment.documentId, {
      data: { content: 'Clean again.' },
      token: comment.editToken,
    }).expect(200);
    expect((await stored(comment.documentId)).status).toBe('pending');
  });

  it('refuses a text the rules refuse (empty, too long) with a 400, changing nothing', async () => {
    const comment = await newComment({ content: 'Stays as it is.' });
    for (const content of ['   ', 'x'.repeat(DEFAULT_MODERATION_SETTINGS.maxLength + 1)]) {
      const res = await edit(comment.documentId, { data: { content }, token: comment.editToken });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual(['content']);
    }
    expect((await stored(comment.documentId)).content).toBe('Stays as it is.');
  });

  it('answers 403 once the window has passed (the stored submittedAt, or the setting)', async () => {
    const comment = await newComment({ content: 'Too late to change.' });
    await app.strapi.db.query(COMMENT_UID).update({
      where: { documentId: comment.documentId },
      data: { submittedAt: new Date(Date.now() - 11 * 60 * 1000).toISOString() },
    });
    const late = await edit(comment.documentId, {
      data: { content: 'Changed?' },
      token: comment.editToken,
    });
    expect(late.status).toBe(403);
    expect(late.body.error.message).toBe(
      'The edit window has closed: a comment can be changed for 10 minutes after it is sent'
    );

    const fresh = await newComment({ content: 'Editing turned off.' });
    await setSettings(app, { editWindowMinutes: 0 });
    expect(
      (await edit(fresh.documentId, { data: { content: 'Changed?' }, token: fresh.editToken }))
        .status
    ).toBe(403);
    expect((await stored(comment.documentId)).content).toBe('Too late to change.');
    expect((await stored(fresh.documentId)).content).toBe('Editing turned off.');
  });

  it('answers 409 once the comment has a reply', async () => {
    const comment = await newComment({ content: 'Answered already.' });
    await submit(app, post.slug, { data: validComment({ parent: comment.documentId }) }).expect(
      201
    );
    const res = await edit(comment.documentId, {
      data: { content: 'Changed under the reply?' },
      token: comment.editToken,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('This comment has a reply: it can no longer be changed');
    expect((await stored(comment.documentId)).content).toBe('Answered already.');
  });

  it('answers 401 without a token or with a forged one, 403 with another comment’s', async () => {
    const mine = await newComment({ content: 'Mine.' });
    const theirs = await newComment({ content: 'Theirs.' });
    const [payload, signature] = mine.editToken.split('.');
    const forged = `${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const other = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const swapped = Buffer.from(JSON.stringify({ ...other, c: theirs.documentId })).toString(
      'base64url'
    );
    const cases: Array<[unknown, number]> = [
      [undefined, 401],
      ['', 401],
      ['not-a-token', 401],
      [forged, 401],
      [`${swapped}.${signature}`, 401],
      [theirs.editToken, 403],
    ];
    for (const [token, status] of cases) {
      const res = await edit(mine.documentId, { data: { content: 'Hijacked.' }, token });
      expect([token, res.status]).toEqual([token, status]);
    }
    expect((await stored(mine.documentId)).content).toBe('Mine.');
    expect((await stored(theirs.documentId)).content).toBe('Theirs.');
  });

  it('is flood-limited like a submission: a second edit within floodIntervalSeconds is a 429', async () => {
    await setSettings(app, { floodIntervalSeconds: 60 });
    const comment = await newComment();
    const ip = nextIp();
    const token = comment.editToken;
    await edit(comment.documentId, { data: { content: 'Once.' }, token }, ip).expect(200);
    const again = await edit(comment.documentId, { data: { content: 'Twice.' }, token }, ip);
    expect(again.status).toBe(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
    expect((await stored(comment.documentId)).content).toBe('Once.');
  });

  it('refuses hostile bodies with a 4xx and stores nothing', async () => {
    const comment = await newComment({ content: 'Untouched.' });
    const token = comment.editToken;
    const bodies: unknown[] = [
      [],
      { data: 'content' },
      { data: { content: 42 }, token },
      { data: { content: { $ne: '' } }, token },
      { data: { content: ['a'] }, token },
      { data: { content: 'x', status: 'approved' }, token },
      { data: { content: 'x', authorName: 'Someone else' }, token },
      { data: { content: 'x' }, token: { forged: true } },
      { data: { content: 'x' }, token, extra: 1 },
      { data: { content: 'nul \u0000 inside' }, token },
      { data: { content: 'x', constructor: { prototype: {} } }, token },
    ];
    for (const body of bodies) {
      const res = await edit(comment.documentId, body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    }
    // Not JSON: refused before it is read.
    expect((await edit(comment.documentId, 'text')).status).toBe(415);
    const huge = await edit(comment.documentId, {
      data: { content: 'x'.repeat(2_000_000) },
      token,
    });
    expect(huge.status).toBe(413);
    expect((await stored(comment.documentId)).content).toBe('Untouched.');
    expect(await events(comment.documentId)).toHaveLength(1);
  });

  it('keeps Unicode as written, and a documentId that names nothing is a 403 or 404', async () => {
    const comment = await newComment();
    const text = 'Ça marche 👍🏽 — 日本語 · עברית';
    await edit(comment.documentId, { data: { content: text }, token: comment.editToken }).expect(
      200
    );
    expect((await stored(comment.documentId)).content).toBe(text);
    expect(
      (await edit('x'.repeat(300), { data: { content: 'x' }, token: comment.editToken })).status
    ).toBe(403);
  });
});
