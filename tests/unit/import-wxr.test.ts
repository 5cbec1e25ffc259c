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
      {
        kind: 'skipped',
        type: 'attachment',
        title: 'seed.png',
        reason: 'not a post (attachment)',
      },
    ]);
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
      // Counted in the file itself: 58 posts (56 published, 1 draft, 1 scheduled), 21 pages,
      // 37 attachments, 70 menu items; 28 comments on posts, 4 of them ping- or trackbacks,
      // 9 of the 24 others replies.
      expect(posts).toHaveLength(58);
      expect(posts.filter((p) => p.status === 'published')).toHaveLength(56);
      const count = (type: string) => skipped.filter((s) => s.type === type).length;
      expect([count('page'), count('attachment'), count('nav_menu_item')]).toEqual([21, 37, 70]);
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
