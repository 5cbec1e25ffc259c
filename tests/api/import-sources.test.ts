import { Readable } from 'stream';

import { COMMENT_UID, POST_UID } from '../../contracts/plugin';
import type { ImportOptions, ImportReport } from '../../server/src/services/importer';
import { publicPost } from '../helpers/imports';
import { startApp, type TestApp } from '../helpers/strapi';

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" ' +
  'xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
  'xmlns:wp="http://wordpress.org/export/1.2/"><channel>';

/** A WordPress export of `site` whose posts (id → [slug, html]) each have one comment. */
const blog = (site: string | null, posts: Array<[number, string, string]>) =>
  HEAD +
  `<title>${site ?? 'No site'}</title>` +
  (site ? `<link>${site}</link><wp:base_blog_url>${site}</wp:base_blog_url>` : '') +
  '<wp:wxr_version>1.2</wp:wxr_version>' +
  posts
    .map(
      ([id, slug, html]) =>
        `<item><title>${slug} title</title><content:encoded><![CDATA[${html}]]></content:encoded>` +
        `<wp:post_id>${id}</wp:post_id><wp:post_name>${slug}</wp:post_name>` +
        `<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>` +
        `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>Reader</wp:comment_author>` +
        `<wp:comment_content>On ${slug}</wp:comment_content><wp:comment_approved>1</wp:comment_approved>` +
        `<wp:comment_parent>0</wp:comment_parent></wp:comment></item>`
    )
    .join('') +
  '</channel></rss>';

/** The importer's stream reader gets 64 KiB chunks from a file; smaller ones here. */
const chunks = (text: string) => {
  const bytes = Buffer.from(text);
  const out = [];
  for (let i = 0; i < bytes.length; i += 1000) out.push(bytes.subarray(i, i + 1000));
  return out;
};

describe('imports scoped by their source, and posts the importer cannot take', () => {
  let app: TestApp;
  const run = (file: string, options: ImportOptions = {}): Promise<ImportReport> =>
    app.strapi
      .plugin('blog')
      .service('importer')
      .run(() => Readable.from(chunks(file)), { format: 'wxr', ...options });
  const count = (uid: string, where: Record<string, unknown> = {}) =>
    app.strapi.db.query(uid as never).count({ where });
  const bodyText = async (slug: string) => JSON.stringify((await publicPost(app, slug)).data.body);

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('keeps two WordPress blogs numbered alike apart, and a re-run leaves them unchanged without duplicates', async () => {
    const first = blog('https://first.example', [[1, 'first-one', '<p>First blog</p>']]);
    const second = blog('https://second.example/', [[1, 'second-one', '<p>Second blog</p>']]);
    expect((await run(first)).posts).toEqual({ created: 1, updated: 0, unchanged: 0, skipped: [] });
    expect((await run(second)).posts).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
      skipped: [],
    });
    expect(await bodyText('first-one')).toContain('First blog');
    expect(await bodyText('second-one')).toContain('Second blog');
    const before = [await count(POST_UID), await count(COMMENT_UID)];

    const again = await run(first);
    expect(again.posts).toEqual({ created: 0, updated: 0, unchanged: 1, skipped: [] });
    expect(again.comments).toEqual({ created: 0, updated: 0, unchanged: 1, skipped: [] });
    expect([await count(POST_UID), await count(COMMENT_UID)]).toEqual(before);
    expect(await count(POST_UID, { importKey: 'wxr:first.example:post:1' })).toBeGreaterThan(0);
    expect(await count(COMMENT_UID, { importKey: 'wxr:second.example:comment:1' })).toBe(1);
  });

  it('adopts a post 0.1.0 imported without a scope when its id and slug match, and nothing else', async () => {
    // As 0.1.0 left them: unscoped keys, for a post and its comment.
    const legacy = blog(null, [
      [7, 'legacy-seven', '<p>Old import</p>'],
      [8, 'legacy-eight', '<p>Other blog’s eight</p>'],
    ]);
    await run(legacy);
    expect(await count(POST_UID, { importKey: 'wxr:post:7' })).toBeGreaterThan(0);
    const before = [await count(POST_UID), await count(COMMENT_UID)];

    // The same blog, now with its URL: post 7 is adopted (same slug), post 8 is another post.
    const report = await run(
      blog('https://legacy.example', [
        [7, 'legacy-seven', '<p>Updated import</p>'],
        [8, 'not-eight', '<p>A different post numbered 8</p>'],
      ])
    );
    expect(report.posts).toEqual({ created: 1, updated: 1, unchanged: 0, skipped: [] });
    expect(report.comments).toEqual({ created: 1, updated: 1, unchanged: 0, skipped: [] });
    expect(await bodyText('legacy-seven')).toContain('Updated import');
    expect(await bodyText('legacy-eight')).toContain('Other blog’s eight');
    expect(await count(POST_UID, { importKey: 'wxr:post:7' })).toBe(0);
    expect(await count(COMMENT_UID, { importKey: 'wxr:legacy.example:comment:7' })).toBe(1);
    expect(await count(POST_UID, { importKey: 'wxr:post:8' })).toBeGreaterThan(0);
    expect([await count(POST_UID), await count(COMMENT_UID)]).toEqual([
      before[0] + 2, // a draft and a published row
      before[1] + 1,
    ]);
  });

  it('skips a post with 10,000 nested tags, names it, imports the rest, and does so again', async () => {
    const deep = `${'<b>'.repeat(10_000)}deep${'</b>'.repeat(10_000)}`;
    const file = blog('https://deep.example', [
      [1, 'deep-one', `<p>Before</p>${deep}`],
      [2, 'deep-two', '<p>Fine</p>'],
    ]);
    for (const expected of [
      { created: 1, updated: 0, unchanged: 0 },
      { created: 0, updated: 0, unchanged: 1 },
    ]) {
      const report = await run(file);
      expect(report.posts).toEqual({
        ...expected,
        skipped: [
          {
            sourceId: '1',
            reason: '“deep-one title”: its HTML nests elements more than 256 levels deep',
          },
        ],
      });
      expect(report.comments.skipped).toEqual([
        { sourceId: '1', reason: 'its post 1 was skipped' },
      ]);
    }
    expect(await bodyText('deep-two')).toContain('Fine');
    await app.http().get('/api/blog/posts/deep-one').expect(404);
    // A dry run says the same.
    const dry = await run(file, { dryRun: true });
    expect(dry.posts.skipped.map((s) => s.sourceId)).toEqual(['1']);
  });

  it('skips a post over limits.postBytes with the limit in the reason', async () => {
    const limits = app.strapi.config.get('plugin::blog.limits') as { postBytes: number };
    const saved = limits.postBytes;
    app.strapi.config.set('plugin::blog.limits.postBytes', 4000);
    try {
      const report = await run(
        blog('https://big.example', [
          [1, 'big-one', `<p>${'word '.repeat(2000)}</p>`],
          [2, 'small-one', '<p>Small</p>'],
        ])
      );
      expect(report.posts.created).toBe(1);
      expect(report.posts.skipped).toEqual([
        {
          sourceId: '1',
          reason: expect.stringMatching(
            /^“big-one title”: The post is [\d,]+ bytes as JSON, over the limit of 4,000 bytes \(limits\.postBytes\)$/
          ),
        },
      ]);
      // Far over the limit, the reader refuses the field before converting it.
      const huge = await run(
        blog('https://big.example', [[3, 'huge-one', `<p>${'x'.repeat(40_000)}</p>`]])
      );
      expect(huge.posts.skipped).toEqual([
        {
          sourceId: '3',
          reason: expect.stringContaining('its content is over 32,000 characters (40,007)'),
        },
      ]);
      expect(huge.comments.skipped).toEqual([
        { sourceId: '(1 comments of post 3)', reason: 'their post 3 was skipped' },
      ]);
    } finally {
      app.strapi.config.set('plugin::blog.limits.postBytes', saved);
    }
    await app.http().get('/api/blog/posts/big-one').expect(404);
    await app.http().get('/api/blog/posts/small-one').expect(200);
  });

  it('refuses a file of 200,000 nested elements at once, writing nothing', async () => {
    const before = await count(POST_UID);
    const nested = `<item><title>t</title>${'<x>'.repeat(200_000)}${'</x>'.repeat(200_000)}</item>`;
    await expect(
      run(HEAD + '<wp:wxr_version>1.2</wp:wxr_version>' + nested + '</channel></rss>')
    ).rejects.toThrow(/nests XML elements more than 64 levels deep/);
    expect(await count(POST_UID)).toBe(before);
  });
});
