import { COMMENT_UID } from '../../contracts/plugin';
import { DEFAULT_MODERATION_SETTINGS } from '../../server/src/moderation/settings';
import { adminToken } from '../helpers/admin';
import { setSettings, submit, validComment } from '../helpers/comments-api';
import { createPost } from '../helpers/factories';
import { startApp, type TestApp } from '../helpers/strapi';

describe('the rules see what a reader sees, over the public route', () => {
  let app: TestApp;
  let post: { documentId: string; slug: string };
  let auth: { Authorization: string };

  beforeAll(async () => {
    app = await startApp();
    post = await createPost(app.strapi, { title: 'Evasions' });
    auth = { Authorization: `Bearer ${await adminToken(app)}` };
  });
  afterAll(async () => {
    await app?.stop();
  });
  beforeEach(async () => {
    await setSettings(app, {
      ...DEFAULT_MODERATION_SETTINGS,
      requireApproval: 'never',
      disallowedWords: ['casino', 'free money', 'bad-site.example'],
      moderationWords: ['bitcoin'],
      maxLinks: 3,
    });
  });

  const stored = (documentId: string) =>
    app.strapi.db.query(COMMENT_UID).findOne({
      where: { documentId },
      select: ['status', 'moderationReason', 'content', 'authorName'],
    });
  const send = async (data: Record<string, string>) => {
    const res = await submit(app, post.slug, { data: validComment(data) });
    expect(res.status).toBe(201);
    return stored(res.body.data.documentId);
  };

  it.each([
    ['a soft hyphen', 'Play cas\u00ADino tonight'],
    ['a word joiner', 'Play ca\u2060sino tonight'],
    ['a variation selector', 'Play c\uFE0Fasino tonight'],
    ['tag characters', 'Play cas\u{E0061}\u{E0062}ino tonight'],
    ['Cyrillic lookalikes', 'Play саsinо tonight'],
    ['Greek lookalikes', 'Play casinο tonight'],
    ['combining accents', 'Play ca\u0301si\u0301no tonight'],
    ['full-width letters', 'Play ＣＡＳＩＮＯ tonight'],
    ['a phrase split by a pipe', 'Get free|money now'],
    ['a lookalike hyphen in a domain', 'Visit bad\u2010site.example'],
  ])(
    'stores a disallowed word hidden by %s as spam, and the text as sent',
    async (_label, content) => {
      const row = await send({ content });
      // Stored as sent (NFC plain text): only the rules read the folded view.
      expect(row).toMatchObject({ status: 'spam', content: content.normalize('NFC') });
      expect(row.moderationReason).toMatch(/^disallowed-words: contains "/);
    }
  );

  it('holds a moderation word written with Turkish dotted capitals', async () => {
    const row = await send({ content: 'Pay in BİTCOİN today' });
    expect(row).toMatchObject({
      status: 'pending',
      moderationReason: 'moderation-words: contains "bitcoin"',
    });
  });

  it('finds a disallowed word in the name too', async () => {
    const row = await send({ authorName: 'Саsinо King' });
    expect(row).toMatchObject({ status: 'spam', authorName: 'Саsinо King' });
  });

  it.each([
    ['commas', 'http://a.com,http://b.com,http://c.com,http://d.com'],
    ['semicolons', 'http://a.com;http://b.com;http://c.com;http://d.com'],
    ['pipes', 'http://a.com|http://b.com|http://c.com|http://d.com'],
    ['a full-width colon', 'https：//a.com https：//b.com https：//c.com'],
    ['bare domains', 'see example.com, shop.xyz and cheap.online'],
  ])('holds a comment whose links are joined by %s', async (_label, content) => {
    const row = await send({ content });
    expect(row.status).toBe('pending');
    expect(row.moderationReason).toMatch(/^max-links: \d+ links \(holding from 3\)$/);
  });

  it('refuses a name made only of invisible characters with a 400', async () => {
    for (const authorName of ['\u200B\u00AD\u2060', '\u3164\u3164', '\uFE0F\u{E0020}', '\u0301']) {
      const res = await submit(app, post.slug, { data: validComment({ authorName }) });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors).toEqual([
        expect.objectContaining({ path: ['authorName'], message: 'authorName is required' }),
      ]);
    }
  });

  it('processes a content of "<!--" repeated to the body limit with a 400 for its length', async () => {
    const content = '<!--'.repeat(60000);
    const res = await submit(app, post.slug, { data: validComment({ content }) });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/content must be at most 10000 characters/);
  });

  describe('settings', () => {
    const current = async () => (await app.http().get('/blog/settings').set(auth)).body.data;

    it.each(['toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'])(
      'refuses the honeypot name %s',
      async (honeypotField) => {
        const res = await app
          .http()
          .put('/blog/settings')
          .set(auth)
          .send({ ...(await current()), honeypotField })
          .expect(400);
        expect(res.body.error.details.errors).toEqual([
          expect.objectContaining({ path: ['honeypotField'] }),
        ]);
      }
    );

    it('refuses a 100,000-entry word list by its count', async () => {
      const disallowedWords = Array.from({ length: 100000 }, (_, i) => `w${i}`);
      const res = await app
        .http()
        .put('/blog/settings')
        .set(auth)
        .send({ ...(await current()), disallowedWords })
        .expect(400);
      expect(res.body.error.details.errors).toEqual([
        expect.objectContaining({
          path: ['disallowedWords'],
          message: 'disallowedWords holds at most 10,000 entries',
        }),
      ]);
    });

    it('saves 10,000 phrases sharing a prefix, and finds the last one', async () => {
      const prefix = 'win a free cruise to';
      const disallowedWords = Array.from({ length: 10000 }, (_, i) => `${prefix} port${i}`);
      await app
        .http()
        .put('/blog/settings')
        .set(auth)
        .send({ ...(await current()), disallowedWords })
        .expect(200);
      const content = `${`${prefix} `.repeat(400)}port9999`;
      const row = await send({ content });
      expect(row).toMatchObject({
        status: 'spam',
        moderationReason: `disallowed-words: contains "${prefix} port9999"`,
      });
    });
  });
});
