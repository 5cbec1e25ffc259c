import fs from 'fs';
import path from 'path';
import { Readable } from 'stream';

import type { FindComments } from '../../contracts/comments';
import type { FindPost } from '../../contracts/posts';
import { COMMENT_UID, MODERATION_EVENT_UID, POST_UID } from '../../server/src/constants';
import type { ImportOptions, ImportReport } from '../../server/src/services/importer';
import { GARDEN_LESSONS, publicPost } from '../helpers/imports';
import { readSeedText } from '../helpers/seed-text';
import { startApp, type TestApp } from '../helpers/strapi';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'import');

/** The importer on a real Strapi: what it writes, what readers then see, and re-runs. */
describe('importing an export', () => {
  let app: TestApp;

  const importFile = (file: string, options: ImportOptions): Promise<ImportReport> =>
    app.strapi
      .plugin('blog')
      .service('importer')
      .run(() => fs.createReadStream(path.join(FIXTURES, file), { highWaterMark: 1024 }), options);
  const count = (uid: string, where: Record<string, unknown> = {}) =>
    app.strapi.db.query(uid as never).count({ where });

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('imports the seed post from Blogger with exactly its lessons, heading and comment thread', async () => {
    const report = await importFile('seed.blogger.xml', { format: 'blogger' });
    expect(report.posts).toEqual({ created: 2, updated: 0, skipped: [] });
    expect(report.comments).toEqual({ created: 2, updated: 0, skipped: [] });
    expect(Object.keys(report.notImported).sort()).toEqual(['settings', 'template']);

    const seed = readSeedText();
    // The playground seeds the same post under this slug: the import gets its own.
    const res = await app.http().get('/api/blog/posts/networking-biggest-mistake-1001').expect(200);
    const post = (res.body as FindPost.Response).data;
    expect(post.title).toBe(seed.title);
    expect(post.originalDate).toBe('2008-02-22');
    expect(post.lessonsHeading).toBe(seed.lessonsHeading);
    expect(post.lessons.map((l) => l.text)).toEqual(seed.lessons);
    expect(post.commentCount).toBe(2);

    const thread = (
      await app.http().get('/api/blog/posts/networking-biggest-mistake-1001/comments').expect(200)
    ).body as FindComments.Response;
    expect(thread.data).toHaveLength(1);
    expect(thread.data[0].authorName).toBe(seed.commentAuthor);
    expect(thread.data[0].content).toBe(seed.commentParagraphs.join('\n\n'));
    expect(thread.data[0].replies.map((r) => r.authorName)).toEqual(['Blog Author']);

    // The draft stays a draft.
    await app.http().get('/api/blog/posts/unfinished-thoughts').expect(404);
    // Each comment got its moderation event, from the importer.
    expect(await count(MODERATION_EVENT_UID, { actorType: 'importer' })).toBeGreaterThanOrEqual(2);
  });

  it('updates on a second run, never duplicates', async () => {
    const before = [await count(POST_UID), await count(COMMENT_UID)];
    const report = await importFile('seed.blogger.xml', { format: 'blogger' });
    expect(report.posts).toMatchObject({ created: 0, updated: 2 });
    expect(report.comments).toMatchObject({ created: 0, updated: 2 });
    expect([await count(POST_UID), await count(COMMENT_UID)]).toEqual(before);
  });

  it('imports WordPress comments with their source statuses and names what it leaves out', async () => {
    const dry = await importFile('small.wxr.xml', { format: 'wxr', dryRun: true });
    expect(dry.posts).toMatchObject({ created: 3, updated: 0 });
    expect(await count(POST_UID, { importKey: { $startsWith: 'wxr:' } })).toBe(0);

    const report = await importFile('small.wxr.xml', { format: 'wxr' });
    expect(report.posts).toEqual({ created: 3, updated: 0, skipped: [] });
    expect(report.comments).toEqual({ created: 6, updated: 0, skipped: [] });
    expect(report.notImported).toEqual({
      page: { count: 1, examples: ['About'] },
      attachment: { count: 1, examples: ['seed.png'] },
      pingback: { count: 1, examples: [] },
    });
    const statuses = await app.strapi.db.query(COMMENT_UID).findMany({
      where: { importKey: { $startsWith: 'wxr:' } },
      select: ['status'],
    });
    const by = (status: string) => statuses.filter((c: { status: string }) => c.status === status);
    expect(
      [by('approved'), by('pending'), by('spam'), by('rejected')].map((l) => l.length)
    ).toEqual([3, 1, 1, 1]);
    const garden = await publicPost(app, 'lessons-from-a-garden');
    expect(garden.data.lessons.map((l) => l.text)).toEqual(GARDEN_LESSONS);
    expect(garden.data.lessonsHeading).toBe('What the garden taught me');
  });

  it('refuses a file that is not an export, writing nothing', async () => {
    const before = await count(POST_UID);
    await expect(
      app.strapi
        .plugin('blog')
        .service('importer')
        .run(() => Readable.from(['<html><body>not an export</body></html>']), { format: 'wxr' })
    ).rejects.toThrow(/Not a WordPress export/);
    expect(await count(POST_UID)).toBe(before);
  });
});
