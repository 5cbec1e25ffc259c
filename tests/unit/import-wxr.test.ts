import fs from 'fs';
import path from 'path';
import { Readable } from 'stream';

import {
  ImportFormatError,
  type SourcePost,
  type SourceRecord,
} from '../../server/src/import/source';
import { readWxr } from '../../server/src/import/wxr';
import { hasThemeData, THEME_DATA, themeDataTestName } from '../helpers/theme-data';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'import');

/** Reads a file in small chunks, as a large export would arrive. */
const read = async (file: string) => {
  const records: SourceRecord[] = [];
  for await (const record of readWxr(fs.createReadStream(file, { highWaterMark: 512 }))) {
    records.push(record);
  }
  return records;
};
const postsOf = (records: SourceRecord[]) =>
  records.flatMap((r) => (r.kind === 'post' ? [r.post] : [])) as SourcePost[];

describe('readWxr', () => {
  it('reads posts with their fields, authors’ display names and dates', async () => {
    const [garden, draft, scheduled] = postsOf(await read(path.join(FIXTURES, 'small.wxr.xml')));
    expect(garden).toMatchObject({
      sourceId: '10',
      title: 'Lessons from a garden & a network',
      slug: 'lessons-from-a-garden',
      date: '2009-03-01T09:00:00.000Z',
      authorName: 'Ana Writer',
      status: 'published',
      excerpt: 'Gardens and networks.',
    });
    expect(garden.html).toContain('<ol><li>Sow before you need.</li>');
    expect(draft).toMatchObject({ sourceId: '11', status: 'draft', date: null, slug: null });
    expect(scheduled).toMatchObject({ status: 'draft', date: '2030-01-01T00:00:00.000Z' });
  });

  it('reads comments with threads and every status, and counts pingbacks apart', async () => {
    const [garden] = postsOf(await read(path.join(FIXTURES, 'small.wxr.xml')));
    expect(
      garden.comments.map((c) => [c.sourceId, c.parentSourceId, c.status, c.authorName])
    ).toEqual([
      ['100', null, 'approved', 'Bea'],
      ['101', '100', 'approved', 'Ana Writer'],
      ['102', '101', 'approved', 'Bea'],
      ['103', null, 'pending', 'Held Reader'],
      ['104', null, 'spam', 'Cheap Pills'],
      ['105', null, 'rejected', 'Binned'],
    ]);
    expect(garden.comments[0]).toMatchObject({
      authorEmail: 'bea@example.com',
      authorUrl: 'https://bea.example',
      date: '2009-03-02T08:00:00.000Z',
      html: 'Lovely <em>post</em>.',
    });
    expect(garden.skippedComments).toEqual([{ kind: 'pingback', sourceId: '106' }]);
  });

  it('names what it does not import', async () => {
    const skipped = (await read(path.join(FIXTURES, 'small.wxr.xml'))).filter(
      (r) => r.kind === 'skipped'
    );
    expect(skipped).toEqual([
      { kind: 'skipped', type: 'page', title: 'About', reason: 'not a post (page)' },
    ]);
    // An attachment is handed out with its file's URL (a post's featured image may be it).
    expect(
      (await read(path.join(FIXTURES, 'small.wxr.xml'))).filter((r) => r.kind === 'attachment')
    ).toEqual([{ kind: 'attachment', sourceId: '3', title: 'seed.png', url: null }]);
  });

  it('reads categories under their top-level ancestor, tags and authors without their email', async () => {
    const records = await read(path.join(FIXTURES, 'terms.wxr.xml'));
    const scope = 'terms.example';
    expect(records.filter((r) => r.kind === 'author')).toEqual([
      { kind: 'author', scope, author: { key: 'ana', name: 'Ana Writer', url: null } },
      { kind: 'author', scope, author: { key: 'bob', name: 'Bob Editor', url: null } },
    ]);
    expect(JSON.stringify(records)).not.toContain('private@example.com');
    // Parents first; the grandchild goes under its top-level ancestor (one level is kept).
    expect(
      records.flatMap((r) =>
        r.kind === 'category' ? [[r.category.slug, r.category.name, r.category.parentSlug]] : []
      )
    ).toEqual([
      ['garden', 'Garden & Yard', null],
      ['caf%c3%a9', 'Café', null],
      ['grandchild', 'Grandchild', 'garden'],
      ['child', 'Child', 'garden'],
    ]);
    expect(records.flatMap((r) => (r.kind === 'tag' ? [r.tag] : []))).toEqual([
      { slug: 'seeds', name: 'Seeds' },
      { slug: 'unused', name: 'Unused' },
    ]);
    // Declared before the first post.
    const firstPost = records.findIndex((r) => r.kind === 'post');
    expect(records.slice(firstPost).some((r) => r.kind === 'category')).toBe(false);
  });

  it('reads a post’s terms, author, featured image and WordPress’s own settings', async () => {
    const records = await read(path.join(FIXTURES, 'terms.wxr.xml'));
    const [planting, members, next] = postsOf(records);
    expect(planting).toMatchObject({
      title: 'Planting <em>seeds</em> & waiting',
      authorKey: 'ana',
      authorName: 'Ana Writer',
      status: 'published',
      heldBack: null,
      commentsClosed: true,
      thumbnailId: '30',
      categories: [
        { slug: 'grandchild', name: 'Grandchild' },
        { slug: 'garden', name: 'Garden & Yard' },
      ],
      tags: [
        { slug: 'seeds', name: 'Seeds' },
        { slug: 'fresh-tag', name: 'Fresh tag' },
      ],
    });
    // Password-protected: held back as a draft.
    expect(members).toMatchObject({
      status: 'draft',
      commentsClosed: false,
      heldBack: expect.stringContaining('password'),
      categories: [{ slug: 'caf%c3%a9', name: 'Café' }],
      thumbnailId: null,
    });
    // Scheduled in WordPress: a draft, with its publish scheduled at its date.
    expect(next).toMatchObject({
      status: 'draft',
      date: '2031-02-03T04:05:06.000Z',
      scheduledAt: '2031-02-03T04:05:06.000Z',
    });
    expect(planting.scheduledAt).toBeNull();
    expect(members.scheduledAt).toBeNull();
    expect(records.find((r) => r.kind === 'attachment')).toEqual({
      kind: 'attachment',
      sourceId: '30',
      title: 'flower.png',
      url: 'https://terms.example/wp-content/uploads/2012/05/flower.png',
    });
  });

  it('refuses a file that is not a WordPress export', async () => {
    const readText = async (text: string) => {
      for await (const record of readWxr(Readable.from([text]))) void record;
    };
    await expect(readText('<html><body>hello</body></html>')).rejects.toThrow(ImportFormatError);
    await expect(
      readText('<rss><channel><item><title>x</title></item></channel></rss>')
    ).rejects.toThrow(/no <wp:wxr_version>/);
    await expect(
      readText('<rss><channel><wp:wxr_version>1.2</wp:wxr_version><item><title>cut')
    ).rejects.toThrow(/cut short/);
  });

  (hasThemeData() ? it : it.skip)(
    themeDataTestName('reads WordPress’s own theme unit test export whole'),
    async () => {
      const records = await read(THEME_DATA);
      const posts = postsOf(records);
      const skipped = records.filter((r) => r.kind === 'skipped') as Array<{ type: string }>;
      // Counted in the file itself: 58 posts (56 published, of which 1 password-protected and
      // held back, 1 draft, 1 scheduled), 21 pages, 37 attachments, 70 menu items; 28 comments on
      // posts, 4 of them ping- or trackbacks, 9 of the 24 others replies.
      expect(posts).toHaveLength(58);
      expect(posts.filter((p) => p.status === 'published')).toHaveLength(55);
      expect(posts.filter((p) => p.heldBack).map((p) => p.slug)).toEqual([
        'template-password-protected',
      ]);
      const count = (type: string) => skipped.filter((s) => s.type === type).length;
      expect([count('page'), count('nav_menu_item')]).toEqual([21, 70]);
      expect(records.filter((r) => r.kind === 'attachment')).toHaveLength(37);
      // 68 categories, 110 tags and 2 authors declared; 175 category and 188 tag references.
      expect(records.filter((r) => r.kind === 'category')).toHaveLength(68);
      expect(records.filter((r) => r.kind === 'tag')).toHaveLength(110);
      expect(records.filter((r) => r.kind === 'author')).toHaveLength(2);
      expect(posts.flatMap((p) => p.categories)).toHaveLength(175);
      expect(posts.flatMap((p) => p.tags)).toHaveLength(188);
      // Six featured images, each an attachment of the file.
      const attachmentIds = new Set(
        records.flatMap((r) => (r.kind === 'attachment' ? [r.sourceId] : []))
      );
      const featured = posts.filter((p) => p.thumbnailId);
      expect(featured).toHaveLength(6);
      for (const p of featured) expect(attachmentIds).toContain(p.thumbnailId);
      expect(posts.filter((p) => p.commentsClosed).length).toBeGreaterThan(0);
      const comments = posts.flatMap((p) => p.comments);
      expect(comments).toHaveLength(24);
      expect(posts.flatMap((p) => p.skippedComments)).toHaveLength(4);
      expect(comments.filter((c) => c.parentSourceId)).toHaveLength(9);
      // Every reply's parent is a comment of the same post.
      for (const post of posts) {
        const ids = new Set(post.comments.map((c) => c.sourceId));
        for (const c of post.comments)
          if (c.parentSourceId) expect(ids).toContain(c.parentSourceId);
      }
    }
  );
});
