import { Readable } from 'stream';

import { readBlogger, type BloggerRecord } from '../../server/src/import/blogger';
import { decodeUtf8 } from '../../server/src/import/decode';
import { htmlToBlocks, HtmlTooDeepError } from '../../server/src/import/html-to-blocks';
import { sniffFormat } from '../../server/src/import/sniff';
import {
  ImportFormatError,
  MAX_XML_DEPTH,
  scopeOf,
  type SourcePost,
  type SourceRecord,
} from '../../server/src/import/source';
import { readWxr } from '../../server/src/import/wxr';

const WP = 'xmlns:wp="http://wordpress.org/export/1.2/"';
const CONTENT = 'xmlns:content="http://purl.org/rss/1.0/modules/content/"';

/** A WordPress export with the given channel fields and items. */
const wxr = (channel: string, items: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" ${WP} ${CONTENT}><channel>` +
  `<title>Blog</title>${channel}<wp:wxr_version>1.2</wp:wxr_version>${items}</channel></rss>`;

const item = (id: number, content: string, extra = '') =>
  `<item><title>Post ${id}</title><link>https://post.example/${id}</link>` +
  `<content:encoded><![CDATA[${content}]]></content:encoded><wp:post_id>${id}</wp:post_id>` +
  `<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>${extra}</item>`;

const collect = async <T>(records: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const record of records) out.push(record);
  return out;
};
const postsOf = (records: Array<SourceRecord | BloggerRecord>) =>
  records.flatMap((r) => (r.kind === 'post' ? [r.post] : [])) as SourcePost[];

/** `text` as UTF-8 bytes in two chunks, cut `into` bytes inside the first occurrence of `cutIn`. */
const splitInside = (text: string, cutIn: string, into = 1) => {
  const bytes = Buffer.from(text);
  const at = bytes.indexOf(Buffer.from(cutIn)) + into;
  return [bytes.subarray(0, at), bytes.subarray(at)];
};

describe('reading an export as UTF-8', () => {
  it('keeps a character whose bytes are split between two chunks (WordPress)', async () => {
    const file = wxr('', item(1, '<p>Ça coûte 5 € — 日本語 🌱</p>'));
    for (const [cutIn, into] of [
      ['€', 1],
      ['€', 2],
      ['日', 2],
      ['🌱', 3],
    ] as const) {
      const [post] = postsOf(await collect(readWxr(Readable.from(splitInside(file, cutIn, into)))));
      expect(post.html).toBe('<p>Ça coûte 5 € — 日本語 🌱</p>');
    }
  });

  it('keeps a split character in Blogger’s export too', async () => {
    const file =
      `<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'>` +
      `<id>tag:blogger.com,1999:blog-7</id><entry><id>tag:blogger.com,1999:blog-7.post-9</id>` +
      `<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>` +
      `<title type='text'>Über</title><content type='html'>&lt;p&gt;naïve 🌱&lt;/p&gt;</content></entry></feed>`;
    const [post] = postsOf(await collect(readBlogger(Readable.from(splitInside(file, '🌱', 2)))));
    expect(post).toMatchObject({ title: 'Über', html: '<p>naïve 🌱</p>', scope: '7' });
  });

  it('decodes every chunk boundary the same as the whole text', async () => {
    const text = 'aé€𝄞b'.repeat(50);
    const bytes = Buffer.from(text);
    for (let size = 1; size <= 5; size += 1) {
      const chunks = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect((await collect(decodeUtf8(Readable.from(chunks)))).join('')).toBe(text);
    }
  });

  it('sniffs a file whose head is cut inside a character', async () => {
    const file = wxr('', item(1, 'é'.repeat(5000)));
    const bytes = Buffer.from(file);
    expect(await sniffFormat(Readable.from([bytes.subarray(0, 301), bytes.subarray(301)]))).toBe(
      'wxr'
    );
  });
});

describe('the scope of an export’s posts', () => {
  it('is the WordPress blog’s URL: base_blog_url, else the channel link, else base_site_url', async () => {
    const scope = async (channel: string) =>
      postsOf(await collect(readWxr(Readable.from([wxr(channel, item(1, 'x'))]))))[0].scope;
    expect(
      await scope(
        '<link>https://link.example</link><wp:base_site_url>https://network.example</wp:base_site_url>' +
          '<wp:base_blog_url>HTTPS://Blog.Example/Sub/</wp:base_blog_url>'
      )
    ).toBe('blog.example/sub');
    expect(
      await scope(
        '<link>http://link.example/</link><wp:base_site_url>https://network.example</wp:base_site_url>'
      )
    ).toBe('link.example');
    expect(await scope('<wp:base_site_url>https://network.example</wp:base_site_url>')).toBe(
      'network.example'
    );
    // A post's own <link> is not the site's.
    expect(await scope('')).toBeNull();
  });

  it('cuts a very long source name and tells long names apart by a hash', () => {
    const long = (tail: string) => scopeOf(`https://${'a'.repeat(300)}${tail}`)!;
    expect(long('x').length).toBeLessThanOrEqual(170);
    expect(long('x')).not.toBe(long('y'));
    expect(scopeOf('  ')).toBeNull();
  });
});

describe('limits of the readers', () => {
  it('refuses XML nested deeper than an export ever is, at once', async () => {
    // 200,000 nested elements (1.4 MB): htmlparser2's stack made this quadratic (30 s here).
    const depth = 200_000;
    const file = wxr(
      '',
      `<item><title>t</title>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</item>`
    );
    await expect(collect(readWxr(Readable.from([file])))).rejects.toThrow(ImportFormatError);
    await expect(collect(readWxr(Readable.from([file])))).rejects.toThrow(
      `more than ${MAX_XML_DEPTH} levels`
    );
    const feed = `<feed xmlns='http://www.w3.org/2005/Atom'>${'<x>'.repeat(depth)}</feed>`;
    await expect(collect(readBlogger(Readable.from([feed])))).rejects.toThrow(ImportFormatError);
  });

  it('refuses a post whose field is over the limit, and skips a comment that is', async () => {
    const comment = (id: number, text: string) =>
      `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_content>${text}</wp:comment_content>` +
      `<wp:comment_approved>1</wp:comment_approved></wp:comment>`;
    const file = wxr(
      '',
      item(1, 'y'.repeat(500), comment(10, 'ok')) +
        item(2, 'short', comment(20, 'fine') + comment(21, 'z'.repeat(300)))
    );
    const records = await collect(
      readWxr(Readable.from([file]), { maxFieldChars: 200 }) as AsyncIterable<SourceRecord>
    );
    expect(records[0]).toEqual({
      kind: 'refused',
      sourceId: '1',
      title: 'Post 1',
      reason: expect.stringContaining('content is over 200 characters (500)'),
      comments: 1,
    });
    const [second] = postsOf(records);
    expect(second.comments.map((c) => c.sourceId)).toEqual(['20']);
    expect(second.refusedComments).toEqual([
      { sourceId: '21', reason: expect.stringContaining('its text is over 200 characters (300)') },
    ]);
  });
});

describe('htmlToBlocks on deep HTML', () => {
  it('refuses 10,000 nested tags with a reason instead of overflowing the stack', () => {
    const deep = `${'<b>'.repeat(10_000)}deep${'</b>'.repeat(10_000)}`;
    expect(() => htmlToBlocks(deep)).toThrow(HtmlTooDeepError);
    expect(() => htmlToBlocks(deep)).toThrow('more than 256 levels deep');
    const divs = `${'<div>'.repeat(200_000)}x`;
    expect(() => htmlToBlocks(divs)).toThrow(HtmlTooDeepError);
  });

  it('converts HTML nested up to the limit', () => {
    const nested = `${'<div>'.repeat(250)}<p>Deep <em>but fine</em></p>${'</div>'.repeat(250)}`;
    expect(htmlToBlocks(nested)).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Deep ' },
          { type: 'text', text: 'but fine', italic: true },
        ],
      },
    ]);
  });
});
