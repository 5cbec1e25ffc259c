import fs from 'fs';
import os from 'os';
import path from 'path';
import { Readable } from 'stream';

import type { FindComments } from '../../contracts/comments';
import type { FindPost } from '../../contracts/posts';
import type { FindCategories, FindTags } from '../../contracts/taxonomy';
import {
  AUTHOR_UID,
  CATEGORY_UID,
  COMMENT_UID,
  MODERATION_EVENT_UID,
  POST_UID,
  TAG_UID,
} from '../../contracts/plugin';
import { PUBLICATION_SCHEDULE_UID } from '../../server/src/models/publication-schedule';
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
    expect(report.posts).toEqual({ created: 2, updated: 0, unchanged: 0, skipped: [] });
    expect(report.comments).toEqual({ created: 2, updated: 0, unchanged: 0, skipped: [] });
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

  /** The statements that write (insert, update, delete) sent while `work` runs. */
  const writesDuring = async (work: () => Promise<unknown>) => {
    type Listener = (query: { sql: string }) => void;
    const knex = app.strapi.db.connection as unknown as {
      on(event: 'query', listener: Listener): void;
      removeListener(event: 'query', listener: Listener): void;
    };
    const writes: string[] = [];
    const listener: Listener = ({ sql }) => {
      if (/^\s*(insert|update|delete)\b/i.test(sql)) writes.push(sql);
    };
    knex.on('query', listener);
    try {
      await work();
    } finally {
      knex.removeListener('query', listener);
    }
    return writes;
  };
  const stamps = async () =>
    [
      ...(await app.strapi.db.query(POST_UID as never).findMany({
        where: { importKey: { $startsWith: 'blogger:' } },
        select: ['id', 'updatedAt'],
      })),
      ...(await app.strapi.db.query(COMMENT_UID as never).findMany({
        where: { importKey: { $startsWith: 'blogger:' } },
        select: ['id', 'updatedAt'],
      })),
    ] as Array<{ id: number; updatedAt: string }>;

  it('re-checks and re-imports an imported file as unchanged, writing nothing, never duplicating', async () => {
    const before = [await count(POST_UID), await count(COMMENT_UID)];
    const check = await importFile('seed.blogger.xml', { format: 'blogger', dryRun: true });
    expect(check.posts).toEqual({ created: 0, updated: 0, unchanged: 2, skipped: [] });
    expect(check.comments).toEqual({ created: 0, updated: 0, unchanged: 2, skipped: [] });

    const stored = await stamps();
    let report: ImportReport | undefined;
    const writes = await writesDuring(async () => {
      report = await importFile('seed.blogger.xml', { format: 'blogger' });
    });
    expect(report!.posts).toEqual({ created: 0, updated: 0, unchanged: 2, skipped: [] });
    expect(report!.comments).toEqual({ created: 0, updated: 0, unchanged: 2, skipped: [] });
    expect(writes).toEqual([]);
    expect(await stamps()).toEqual(stored);
    expect([await count(POST_UID), await count(COMMENT_UID)]).toEqual(before);
  });

  it('updates only the post the file changed, and the others stay unchanged', async () => {
    const changed = path.join(os.tmpdir(), `seed-changed-${process.pid}.blogger.xml`);
    fs.writeFileSync(
      changed,
      fs
        .readFileSync(path.join(FIXTURES, 'seed.blogger.xml'), 'utf8')
        .replace(
          "<title type='text'>Unfinished thoughts</title>",
          "<title type='text'>Finished thoughts</title>"
        )
    );
    try {
      const run = (options: ImportOptions) =>
        app.strapi
          .plugin('blog')
          .service('importer')
          .run(() => fs.createReadStream(changed), options) as Promise<ImportReport>;
      const check = await run({ format: 'blogger', dryRun: true });
      expect(check.posts).toEqual({ created: 0, updated: 1, unchanged: 1, skipped: [] });
      expect(check.comments).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

      const report = await run({ format: 'blogger' });
      expect(report.posts).toEqual({ created: 0, updated: 1, unchanged: 1, skipped: [] });
      const draft = await app.strapi.db
        .query(POST_UID as never)
        .findOne({ where: { slug: 'unfinished-thoughts' }, select: ['title'] });
      expect(draft).toEqual({ title: 'Finished thoughts' });
    } finally {
      fs.rmSync(changed, { force: true });
    }
  });

  it('schedules a post Blogger holds scheduled, names it in the report, and leaves it on a re-run', async () => {
    const xml = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:blogger="http://schemas.google.com/blogger/2018">
<entry><id>tag:blogger.com,1999:blog-9.post-41</id><blogger:type>POST</blogger:type>
<blogger:status>SCHEDULED</blogger:status><blogger:filename>/2031/05/later-on.html</blogger:filename>
<title>Later on</title><content type="html">&lt;p&gt;Soon.&lt;/p&gt;</content>
<published>2031-05-06T07:08:00.000-07:00</published></entry>
</feed>`;
    const run = (dryRun: boolean) =>
      app.strapi
        .plugin('blog')
        .service('importer')
        .run(() => Readable.from([xml]), { format: 'blogger', dryRun }) as Promise<ImportReport>;
    const later = { sourceId: '41', title: 'Later on', at: '2031-05-06T14:08:00.000Z' };

    expect((await run(true)).scheduled).toEqual([later]);
    const report = await run(false);
    expect(report.posts).toMatchObject({ created: 1 });
    expect(report.scheduled).toEqual([later]);
    const post = (await app.strapi.db
      .query(POST_UID as never)
      .findOne({ where: { slug: 'later-on' }, select: ['documentId', 'publishedAt'] })) as {
      documentId: string;
      publishedAt: string | null;
    };
    expect(post.publishedAt).toBeNull();
    const schedules = () =>
      app.strapi.db.query(PUBLICATION_SCHEDULE_UID as never).findMany({
        where: { postDocumentId: post.documentId },
        select: ['id', 'action', 'at'],
      }) as Promise<Array<{ id: number; action: string; at: string | number }>>;
    const before = await schedules();
    expect(before.map((row) => [row.action, new Date(row.at).toISOString()])).toEqual([
      ['publish', later.at],
    ]);

    // The same file again: the post and its schedule hold what it says, so nothing is written.
    const again = await run(false);
    expect(again.posts).toEqual({ created: 0, updated: 0, unchanged: 1, skipped: [] });
    expect(again.scheduled).toEqual([later]);
    expect(await schedules()).toEqual(before);
  });

  it('imports WordPress comments with their source statuses and names what it leaves out', async () => {
    const dry = await importFile('small.wxr.xml', { format: 'wxr', dryRun: true });
    expect(dry.posts).toMatchObject({ created: 3, updated: 0 });
    expect(await count(POST_UID, { importKey: { $startsWith: 'wxr:' } })).toBe(0);

    const report = await importFile('small.wxr.xml', { format: 'wxr' });
    expect(report.posts).toEqual({ created: 3, updated: 0, unchanged: 0, skipped: [] });
    expect(report.comments).toEqual({ created: 6, updated: 0, unchanged: 0, skipped: [] });
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

  it('keeps categories (one level), tags, authors and WordPress’s own post settings', async () => {
    const dry = await importFile('terms.wxr.xml', { format: 'wxr', dryRun: true });
    // Four categories, three tags (one only on a post), two authors, of whom "ana" is there
    // already (by slug, from the other WordPress file: linked, unchanged); nothing written.
    expect([dry.categories, dry.tags, dry.authors]).toEqual([
      { created: 4, updated: 0, unchanged: 0, skipped: [] },
      { created: 3, updated: 0, unchanged: 0, skipped: [] },
      { created: 1, updated: 0, unchanged: 1, skipped: [] },
    ]);
    expect(await count(CATEGORY_UID, { slug: 'garden' })).toBe(0);
    // The dry run names the featured image it would read, without reading it.
    expect(dry.media).toMatchObject({
      created: 1,
      toFetch: [expect.stringContaining('flower.png')],
    });

    // The WordPress `future` post is named with its time, in the check and the import.
    const nextYear = { title: 'Next year', at: expect.stringMatching(/^2031-02-03T04:05:06/) };
    expect(dry.scheduled).toEqual([expect.objectContaining(nextYear)]);
    const report = await importFile('terms.wxr.xml', { format: 'wxr' });
    expect(report.posts).toEqual({ created: 3, updated: 0, unchanged: 0, skipped: [] });
    expect(report.scheduled).toEqual([expect.objectContaining(nextYear)]);
    expect([report.categories, report.tags, report.authors]).toEqual([
      { created: 4, updated: 0, unchanged: 0, skipped: [] },
      { created: 3, updated: 0, unchanged: 0, skipped: [] },
      { created: 1, updated: 0, unchanged: 1, skipped: [] },
    ]);
    expect(report.heldBack).toEqual([
      { sourceId: '21', title: 'Members only', reason: expect.stringContaining('password') },
    ]);
    // The featured image's host does not exist: listed with its URL, the post imported anyway.
    expect(report.media?.unreadable).toEqual([
      {
        url: 'https://terms.example/wp-content/uploads/2012/05/flower.png',
        reason: expect.stringContaining('unreachable'),
      },
    ]);

    const planting = (await publicPost(app, 'planting-seeds')).data;
    expect(planting.title).toBe('Planting seeds & waiting');
    expect(planting.commentsEnabled).toBe(false);
    expect(planting.cover).toBeNull();
    expect(planting.author).toMatchObject({ name: 'Ana Writer', slug: 'ana' });
    // The grandchild sits under its top-level ancestor.
    expect(planting.categories.map((c) => [c.slug, c.name, c.parent?.slug ?? null]).sort()).toEqual(
      [
        ['garden', 'Garden & Yard', null],
        ['grandchild', 'Grandchild', 'garden'],
      ]
    );
    expect(planting.tags.map((t) => t.slug).sort()).toEqual(['fresh-tag', 'seeds']);
    // An ordered list nothing announces stays in the body.
    expect(planting.lessons).toEqual([]);
    expect(planting.body?.some((b) => (b as { type: string }).type === 'list')).toBe(true);

    // Held back and scheduled: drafts, not public; the scheduled one keeps its date.
    await app.http().get('/api/blog/posts/members-only').expect(404);
    await app.http().get('/api/blog/posts/next-year').expect(404);
    const next = await app.strapi.db
      .query(POST_UID as never)
      .findOne({ where: { slug: 'next-year' }, select: ['originalDate', 'publishedAt'] });
    expect(next).toMatchObject({ originalDate: '2031-02-03', publishedAt: null });

    // Categories and tags listed publicly in the default locale; the %-encoded slug made plain.
    const categories = (await app.http().get('/api/blog/categories').expect(200))
      .body as FindCategories.Response;
    expect(categories.data.map((c) => c.slug)).toEqual(
      expect.arrayContaining(['garden', 'child', 'grandchild', 'cafe'])
    );
    const child = categories.data.find((c) => c.slug === 'child')!;
    expect(child.parent?.slug).toBe('garden');
    const tags = (await app.http().get('/api/blog/tags').expect(200)).body as FindTags.Response;
    expect(tags.data.find((t) => t.slug === 'seeds')?.postCount).toBe(1);
    // The author's email never leaves the export.
    const author = await app.http().get('/api/blog/authors/ana').expect(200);
    expect(JSON.stringify(author.body)).not.toContain('private@example.com');
    const authors = await app.strapi.db.query(AUTHOR_UID as never).findMany({});
    expect(JSON.stringify(authors)).not.toContain('private@example.com');

    // A re-run changes nothing (the scheduled post keeps its schedule), never duplicates.
    const before = await Promise.all([CATEGORY_UID, TAG_UID, AUTHOR_UID].map((uid) => count(uid)));
    const again = await importFile('terms.wxr.xml', { format: 'wxr' });
    expect([again.posts, again.categories, again.tags, again.authors]).toEqual([
      { created: 0, updated: 0, unchanged: 3, skipped: [] },
      { created: 0, updated: 0, unchanged: 4, skipped: [] },
      { created: 0, updated: 0, unchanged: 3, skipped: [] },
      { created: 0, updated: 0, unchanged: 2, skipped: [] },
    ]);
    expect(await Promise.all([CATEGORY_UID, TAG_UID, AUTHOR_UID].map((uid) => count(uid)))).toEqual(
      before
    );
    expect((await publicPost(app, 'planting-seeds')).data.categories).toHaveLength(2);
  });

  it('turns Blogger labels into tags and links the post to its author, matched by slug', async () => {
    // A tag made by hand with a label's slug is linked, not duplicated or changed.
    await app.strapi.documents(TAG_UID as never).create({
      data: { name: 'Networking (by hand)', slug: 'networking' },
    } as never);
    const xml = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:blogger="http://schemas.google.com/blogger/2018">
<id>tag:blogger.com,1999:blog-77</id>
<entry><id>tag:blogger.com,1999:blog-77.post-5</id>
<category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#post"/>
<category scheme="http://www.blogger.com/atom/ns#" term="Networking"/>
<category scheme="http://www.blogger.com/atom/ns#" term="Small Talk"/>
<link rel="alternate" type="text/html" href="https://x.blogspot.com/2009/01/labelled.html"/>
<title>Labelled</title><content type="html">Text.</content><published>2009-01-01T00:00:00Z</published>
<author><name>Kim Blogger</name><uri>https://kim.example</uri><email>kim.private@example.com</email></author></entry>
</feed>`;
    const report = await app.strapi
      .plugin('blog')
      .service('importer')
      .run(() => Readable.from([xml]), { format: 'blogger' });
    expect(report.tags).toEqual({ created: 1, updated: 0, unchanged: 1, skipped: [] });
    expect(report.authors).toEqual({ created: 1, updated: 0, unchanged: 0, skipped: [] });
    const post = (await publicPost(app, 'labelled')).data;
    expect(post.tags.map((t) => [t.slug, t.name]).sort()).toEqual([
      ['networking', 'Networking (by hand)'],
      ['small-talk', 'Small Talk'],
    ]);
    expect(post.author).toMatchObject({
      name: 'Kim Blogger',
      slug: 'kim-blogger',
      url: 'https://kim.example',
    });
    expect(await count(TAG_UID, { slug: 'networking' })).toBe(1);
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
