import fs from 'fs';
import path from 'path';
import { Readable } from 'stream';

import { readBlogger, type BloggerRecord } from '../../server/src/import/blogger';
import {
  htmlToBlocks,
  inlineText,
  type Block,
  type InlineNode,
} from '../../server/src/import/html-to-blocks';
import { extractLessons } from '../../server/src/import/lessons';
import { ImportFormatError } from '../../server/src/import/source';
import { readSeedText } from '../helpers/seed-text';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'import');

const readAll = async (input: AsyncIterable<Buffer | string>) => {
  const records: BloggerRecord[] = [];
  for await (const record of readBlogger(input)) records.push(record);
  return records;
};
/** The plain text of each block. */
const texts = (blocks: Block[]) =>
  blocks.map((block) => ('children' in block ? inlineText(block.children as InlineNode[]) : ''));

const readFile = (name: string) =>
  readAll(fs.createReadStream(path.join(FIXTURES, name), { highWaterMark: 256 }));

describe('readBlogger', () => {
  it('reads the seed post from Blogger’s export: its text, date, lessons and heading', async () => {
    const seed = readSeedText();
    const [post] = (await readFile('seed.blogger.xml')).flatMap((r) =>
      r.kind === 'post' && r.post.sourceId === '1001' ? [r.post] : []
    );
    expect(post).toMatchObject({
      title: seed.title,
      slug: 'networking-biggest-mistake',
      date: '2008-02-22T17:15:00.000Z',
      authorName: 'Blog Author',
      status: 'published',
    });
    const found = extractLessons(htmlToBlocks(post.html))!;
    expect(found.lessonsHeading).toBe(seed.lessonsHeading);
    expect(found.lessons).toEqual(seed.lessons);
    expect(texts(found.body)).toEqual(seed.paragraphs);
  });

  it('reads comments apart from their post, with replies and no placeholder email', async () => {
    const comments = (await readFile('seed.blogger.xml')).flatMap((r) =>
      r.kind === 'comment' ? [r] : []
    );
    expect(
      comments.map((c) => [c.postSourceId, c.comment.sourceId, c.comment.parentSourceId])
    ).toEqual([
      ['1001', '2001', null],
      ['1001', '2002', '2001'],
    ]);
    const seed = readSeedText();
    expect(comments[0].comment).toMatchObject({
      authorName: seed.commentAuthor,
      authorEmail: null,
      authorUrl: 'http://www.blogger.com/profile/123',
      status: 'approved',
      date: '2008-02-23T19:42:00.000Z',
    });
    expect(texts(htmlToBlocks(comments[0].comment.html))).toEqual(seed.commentParagraphs);
  });

  it('reads drafts as drafts, and names the settings and template entries it skips', async () => {
    const records = await readFile('seed.blogger.xml');
    expect(records.find((r) => r.kind === 'post' && r.post.sourceId === '1002')).toMatchObject({
      post: { status: 'draft', html: 'Still writing &amp; thinking.', slug: 'unfinished-thoughts' },
    });
    expect(
      records.filter((r) => r.kind === 'skipped').map((r) => r.kind === 'skipped' && r.type)
    ).toEqual(['settings', 'template']);
  });

  it('reads the current export shape (blogger:type, status, parent, inReplyTo)', async () => {
    const xml = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:blogger="http://schemas.google.com/blogger/2018">
<entry><id>tag:blogger.com,1999:blog-7.post-11</id><blogger:type>POST</blogger:type>
<blogger:status>LIVE</blogger:status><blogger:filename>/2020/01/hello-world.html</blogger:filename>
<title>Hello</title><content type="html">&lt;p&gt;Hi&lt;/p&gt;</content>
<published>2020-01-02T03:04:05Z</published><author><name>Kim</name></author></entry>
<entry><id>tag:blogger.com,1999:blog-7.post-12</id><blogger:type>POST</blogger:type>
<blogger:status>SCHEDULED</blogger:status><title>Later</title><content type="html">x</content></entry>
<entry><id>tag:blogger.com,1999:blog-7.post-13</id><blogger:type>POST</blogger:type>
<blogger:status>DELETED</blogger:status><title>Gone</title></entry>
<entry><id>tag:blogger.com,1999:blog-7.page-14</id><blogger:type>PAGE</blogger:type><title>About</title></entry>
<entry><id>tag:blogger.com,1999:blog-7.post-21</id><blogger:type>COMMENT</blogger:type>
<blogger:status>LIVE</blogger:status><blogger:parent>tag:blogger.com,1999:blog-7.post-11</blogger:parent>
<author><name>Lee</name><uri>https://lee.example</uri></author><content type="html">First</content></entry>
<entry><id>tag:blogger.com,1999:blog-7.post-22</id><blogger:type>COMMENT</blogger:type>
<blogger:status>PENDING</blogger:status><blogger:parent>tag:blogger.com,1999:blog-7.post-11</blogger:parent>
<blogger:inReplyTo>21</blogger:inReplyTo><author><name>Max</name></author><content type="html">Reply</content></entry>
</feed>`;
    const records = (await readAll(Readable.from([xml]))).filter((r) => r.kind !== 'author');
    expect(
      records.map((r) =>
        r.kind === 'post'
          ? ['post', r.post.sourceId, r.post.status, r.post.slug]
          : r.kind === 'comment'
            ? ['comment', r.comment.sourceId, r.comment.parentSourceId, r.comment.status]
            : r.kind === 'skipped'
              ? ['skipped', r.type, r.reason]
              : r.kind === 'refused' || r.kind === 'refused-comment'
                ? [r.kind, r.sourceId, r.reason]
                : [r.kind]
      )
    ).toEqual([
      ['post', '11', 'published', 'hello-world'],
      ['post', '12', 'draft', null],
      ['skipped', 'post', 'deleted in Blogger'],
      ['skipped', 'page', 'not a post (page)'],
      ['comment', '21', null, 'approved'],
      ['comment', '22', '21', 'pending'],
    ]);
  });

  it('reads a scheduled post as a draft with its publish time, in both export shapes', async () => {
    const xml = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:app="http://purl.org/atom/app#" xmlns:blogger="http://schemas.google.com/blogger/2018">
<entry><id>tag:blogger.com,1999:blog-7.post-31</id><blogger:type>POST</blogger:type>
<blogger:status>SCHEDULED</blogger:status><title>Current shape</title><content type="html">x</content>
<published>2031-05-06T07:08:00.000-07:00</published><updated>2030-01-01T00:00:00Z</updated></entry>
<entry><id>tag:blogger.com,1999:blog-7.post-32</id><blogger:type>POST</blogger:type>
<app:control><app:draft>yes</app:draft></app:control><title>Older shape</title><content type="html">x</content>
<published>2031-05-07T09:00:00Z</published><updated>2030-12-24T10:00:00Z</updated></entry>
<entry><id>tag:blogger.com,1999:blog-7.post-33</id><blogger:type>POST</blogger:type>
<app:control><app:draft>yes</app:draft></app:control><title>Plain draft</title><content type="html">x</content>
<published>2030-12-20T09:00:00Z</published><updated>2030-12-24T10:00:00Z</updated></entry>
<entry><id>tag:blogger.com,1999:blog-7.post-34</id><blogger:type>POST</blogger:type>
<blogger:status>LIVE</blogger:status><title>Live</title><content type="html">x</content>
<published>2031-05-07T09:00:00Z</published><updated>2030-12-24T10:00:00Z</updated></entry>
</feed>`;
    const posts = (await readAll(Readable.from([xml]))).flatMap((r) =>
      r.kind === 'post' ? [[r.post.title, r.post.status, r.post.scheduledAt]] : []
    );
    expect(posts).toEqual([
      ['Current shape', 'draft', '2031-05-06T14:08:00.000Z'],
      ['Older shape', 'draft', '2031-05-07T09:00:00.000Z'],
      ['Plain draft', 'draft', null],
      ['Live', 'published', null],
    ]);
  });

  it('reads labels as tags and the post’s author (name and profile URL, never the email)', async () => {
    const xml = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:blogger="http://schemas.google.com/blogger/2018">
<id>tag:blogger.com,1999:blog-7</id>
<entry><id>tag:blogger.com,1999:blog-7.post-11</id>
<category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#post"/>
<category scheme="http://www.blogger.com/atom/ns#" term="Networking"/>
<category scheme="http://www.blogger.com/atom/ns#" term="Career &amp; Life"/>
<category scheme="http://www.blogger.com/atom/ns#" term="Networking"/>
<title>Hello &lt;b&gt;there&lt;/b&gt;</title><content type="html">Hi</content>
<author><name>Kim</name><uri>https://kim.example/profile</uri><email>kim.private@example.com</email></author></entry>
<entry><id>tag:blogger.com,1999:blog-7.post-12</id>
<category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#post"/>
<title>Again</title><content type="html">Hi</content><author><name>Kim</name></author></entry>
</feed>`;
    const records = await readAll(Readable.from([xml]));
    // The author once, before their first post; no email anywhere.
    expect(records.filter((r) => r.kind === 'author')).toEqual([
      {
        kind: 'author',
        scope: '7',
        author: { key: 'Kim', name: 'Kim', url: 'https://kim.example/profile' },
      },
    ]);
    expect(records[0].kind).toBe('author');
    expect(JSON.stringify(records)).not.toContain('kim.private');
    const [first, second] = records.flatMap((r) => (r.kind === 'post' ? [r.post] : []));
    expect(first).toMatchObject({
      authorKey: 'Kim',
      tags: [
        { slug: 'Networking', name: 'Networking' },
        { slug: 'Career & Life', name: 'Career & Life' },
      ],
      categories: [],
      commentsClosed: false,
      heldBack: null,
    });
    expect(second.tags).toEqual([]);
  });

  it('refuses a file that is not a Blogger export', async () => {
    await expect(
      readAll(fs.createReadStream(path.join(FIXTURES, 'small.wxr.xml')))
    ).rejects.toThrow(ImportFormatError);
    await expect(
      readAll(
        Readable.from([
          '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title></entry></feed>',
        ])
      )
    ).rejects.toThrow(/Not a Blogger export/);
  });
});
