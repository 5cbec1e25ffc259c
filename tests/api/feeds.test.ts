import { COMMENT_UID, POST_UID } from '../../contracts/plugin';
import { readAtom } from '../helpers/atom';
import {
  createAuthor,
  createCategory,
  createComment,
  createPost,
  createTag,
} from '../helpers/factories';
import { uploadImage } from '../helpers/media';
import { readSeedText } from '../helpers/seed-text';
import { startApp, type TestApp } from '../helpers/strapi';
import { setPluginConfig } from '../helpers/plugin-config';

const SEED_SLUG = 'networking-biggest-mistake';
const ATOM_TYPE = /^application\/atom\+xml; charset=utf-8$/;

/** The Atom feeds of posts and of a post's comments, read as a feed reader reads them. */
describe('Atom feeds', () => {
  let app: TestApp;

  // One host for every request, as a reader polling one URL (supertest's port changes).
  const get = (url: string, headers: Record<string, string> = {}) => {
    const req = app.http().get(url).set('Host', 'blog.example.com');
    for (const [name, value] of Object.entries(headers)) req.set(name, value);
    return req;
  };

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('serves the published posts as valid Atom, the seed post with its body and lessons', async () => {
    const res = await get('/api/blog/feed.xml').expect(200);
    expect(res.headers['content-type']).toMatch(ATOM_TYPE);
    const feed = readAtom(res.text);
    expect(feed.title).toBe('Blog');
    expect(feed.self).toBe('http://blog.example.com/api/blog/feed.xml');
    expect(feed.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);

    const seed = readSeedText();
    const entry = feed.entries.find((e) => e.title === seed.title)!;
    expect(entry).toBeDefined();
    expect(entry.published).toBe('2008-02-22T00:00:00Z');
    expect(entry.contentType).toBe('html');
    for (const lesson of seed.lessons) {
      expect(entry.content).toContain(`<li>${lesson.replace(/&/g, '&amp;')}</li>`);
    }
    expect(entry.content).toContain(`<h2>${seed.lessonsHeading}</h2>`);
    expect(entry.content).toContain('<p>');
    // The same id on every read: feed readers key entries on it.
    const again = readAtom((await get('/api/blog/feed.xml').expect(200)).text);
    expect(again.entries.find((e) => e.title === seed.title)!.id).toBe(entry.id);
  });

  it('lists the newest posts first, drafts never, and escapes every text', async () => {
    const hostile = await createPost(app.strapi, {
      title: 'Tags <script>alert(1)</script> & "quotes" \'too\'',
      originalDate: '2099-01-01',
      authorName: 'Ann <b>Bold</b>',
      body: ['<img src=x onerror=alert(1)> & more', 'line\u0007with a bell'],
    });
    await createPost(
      app.strapi,
      { title: 'Still a draft', originalDate: '2099-06-01' },
      { draft: true }
    );

    const res = await get('/api/blog/feed.xml').expect(200);
    expect(res.text).not.toContain('<script>');
    const feed = readAtom(res.text);
    expect(feed.entries[0].title).toBe('Tags <script>alert(1)</script> & "quotes" \'too\'');
    expect(feed.entries[0].author).toBe('Ann <b>Bold</b>');
    // The HTML content is escaped text of the body, never markup from it.
    expect(feed.entries[0].content).toContain(
      '<p>&lt;img src=x onerror=alert(1)&gt; &amp; more</p>'
    );
    expect(feed.entries[0].content).not.toContain('\u0007');
    expect(feed.entries.map((e) => e.title)).not.toContain('Still a draft');
    const dates = feed.entries.map((e) => e.published!);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(feed.updated >= feed.entries[0].updated).toBe(true);
    await app.strapi.documents(POST_UID as never).delete({
      documentId: hostile.documentId,
    } as never);
  });

  it('gives each post its categories and tags, its cover and body images with absolute URLs', async () => {
    const cover = await uploadImage(app.strapi, {
      name: 'cover.png',
      width: 64,
      height: 48,
      alternativeText: 'A "cover" & more',
    });
    const category = await createCategory(app.strapi, { name: 'Careers & jobs' });
    const tags = [
      await createTag(app.strapi, { name: 'Networking' }),
      await createTag(app.strapi, { name: 'Friends' }),
    ];
    const author = await createAuthor(app.strapi, {
      name: 'Ada Writer',
      url: 'https://ada.example.com',
    });
    const post = await createPost(app.strapi, {
      title: 'With a cover',
      originalDate: '2099-12-31',
      cover: cover.id,
      categories: [category.documentId],
      tags: tags.map((tag) => tag.documentId),
      author: author.documentId,
    });
    // An image in the body, as the Content Manager's blocks editor stores it.
    await app.strapi.documents(POST_UID as never).update({
      documentId: post.documentId,
      data: {
        body: [
          { type: 'paragraph', children: [{ type: 'text', text: 'Before the picture.' }] },
          {
            type: 'image',
            image: { ...cover, caption: 'Taken in 2008' },
            children: [{ type: 'text', text: '' }],
          },
        ],
      },
      status: 'published',
    } as never);
    setPluginConfig(app, 'feed.postUrl', 'https://site.example.com/{locale}/{slug}');
    try {
      const feed = readAtom((await get('/api/blog/feed.xml').expect(200)).text);
      const entry = feed.entries.find((e) => e.title === 'With a cover')!;
      expect(entry.link).toBe(`https://site.example.com/en/${post.slug}`);
      expect(entry.author).toBe('Ada Writer');
      expect(entry.authorUri).toBe('https://ada.example.com');
      // Categories, then tags, each by name (the public post's order).
      expect(entry.categories).toEqual([
        { term: category.slug, label: 'Careers & jobs' },
        { term: tags[1].slug, label: 'Friends' },
        { term: tags[0].slug, label: 'Networking' },
      ]);
      // Strapi's local provider answers /uploads/…: a reader gets it under the server's URL.
      expect(cover.url).toMatch(/^\/uploads\//);
      const absolute = `http://blog.example.com${cover.url}`;
      expect(entry.enclosures).toEqual([{ href: absolute, type: 'image/png' }]);
      const escapedAlt = 'A &quot;cover&quot; &amp; more';
      // The cover above the body: readers take the first image as the entry's picture.
      expect(entry.content.split('\n')[0]).toBe(
        `<p><img src="${absolute}" alt="${escapedAlt}" width="64" height="48" loading="lazy"/></p>`
      );
      expect(entry.content).toContain(
        `<figure><img src="${absolute}" alt="${escapedAlt}" width="64" height="48" loading="lazy"/><figcaption>Taken in 2008</figcaption></figure>`
      );
      // Without a cover or taxonomy, an entry has neither.
      const plain = feed.entries.find((e) => e.title !== 'With a cover')!;
      expect(plain.enclosures).toEqual([]);
      expect(plain.categories).toEqual([]);
    } finally {
      setPluginConfig(app, 'feed.postUrl', null);
      await app.strapi.documents(POST_UID as never).delete({
        documentId: post.documentId,
      } as never);
    }
  });

  it('answers 304 to a reader that has this version, by ETag or by date', async () => {
    const first = await get('/api/blog/feed.xml').expect(200);
    const etag = first.headers.etag as string;
    const lastModified = first.headers['last-modified'] as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(new Date(lastModified).toUTCString()).toBe(lastModified);
    expect(first.headers['cache-control']).toBe('public, max-age=60');

    const byTag = await get('/api/blog/feed.xml', { 'If-None-Match': etag }).expect(304);
    expect(byTag.text).toBe('');
    await get('/api/blog/feed.xml', { 'If-Modified-Since': lastModified }).expect(304);
    await get('/api/blog/feed.xml', { 'If-None-Match': '"something-else"' }).expect(200);

    // A post published later changes both.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const post = await createPost(app.strapi, { title: 'Fresh news', originalDate: '2099-02-01' });
    const changed = await get('/api/blog/feed.xml', { 'If-None-Match': etag }).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    await get('/api/blog/feed.xml', { 'If-Modified-Since': lastModified }).expect(200);

    // Unpublishing it takes it out, and a reader that saw it gets the new version.
    const withIt = changed.headers['last-modified'] as string;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await app.strapi
      .documents(POST_UID as never)
      .unpublish({ documentId: post.documentId } as never);
    const without = await get('/api/blog/feed.xml', { 'If-Modified-Since': withIt }).expect(200);
    expect(readAtom(without.text).entries.map((e) => e.title)).not.toContain('Fresh news');
  });

  it('serves a post’s approved comments, shown ones only, with threads and no private field', async () => {
    const post = await createPost(app.strapi, { title: 'Talk to me' });
    const root = await createComment(app.strapi, {
      post: post.documentId,
      authorName: 'Ada & "Root"',
      authorEmail: 'ada-private@example.com',
      authorUrl: 'https://ada.example.com',
      content: 'First & foremost: 2 < 3',
    });
    const reply = await createComment(app.strapi, {
      post: post.documentId,
      parent: root.documentId,
      content: 'A reply',
    });
    const held = await createComment(app.strapi, {
      post: post.documentId,
      status: 'pending',
      content: 'Held back',
    });
    // Approved, but under a held comment: a thread does not show it, nor does the feed.
    await createComment(app.strapi, {
      post: post.documentId,
      parent: held.documentId,
      content: 'Reply to a held one',
    });
    await createComment(app.strapi, { post: post.documentId, status: 'spam', content: 'Spam' });

    const res = await get(`/api/blog/posts/${post.slug}/comments/feed.xml`).expect(200);
    expect(res.headers['content-type']).toMatch(ATOM_TYPE);
    for (const secret of ['ada-private@example.com', 'hash-', 'TestAgent']) {
      expect(res.text).not.toContain(secret);
    }
    const feed = readAtom(res.text);
    expect(feed.title).toBe('Comments on “Talk to me”');
    expect(feed.entries.map((e) => e.content)).toEqual(['A reply', 'First & foremost: 2 < 3']);
    const [replyEntry, rootEntry] = feed.entries;
    expect(rootEntry).toMatchObject({
      author: 'Ada & "Root"',
      authorUri: 'https://ada.example.com',
      contentType: 'text',
    });
    expect(replyEntry.inReplyTo).toBe(rootEntry.id);
    // A root answers the post itself, which has the same id in the posts feed.
    const posts = readAtom((await get('/api/blog/feed.xml').expect(200)).text);
    expect(rootEntry.inReplyTo).toBe(posts.entries.find((e) => e.title === 'Talk to me')!.id);
    expect(reply.documentId).toBeTruthy();
  });

  it('changes the comments feed when a comment is approved or held again', async () => {
    const post = await createPost(app.strapi, { title: 'Moderated' });
    const comment = await createComment(app.strapi, { post: post.documentId, status: 'pending' });
    const url = `/api/blog/posts/${post.slug}/comments/feed.xml`;
    const empty = await get(url).expect(200);
    expect(readAtom(empty.text).entries).toEqual([]);

    const moderation = app.strapi.plugin('blog').service('moderation');
    const setStatus = (status: string) =>
      moderation.runAs({ type: 'admin', id: 1, name: 'Tests' }, () =>
        app.strapi
          .documents(COMMENT_UID as never)
          .update({ documentId: comment.documentId, data: { status } } as never)
      );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await setStatus('approved');
    const shown = await get(url, {
      'If-None-Match': empty.headers.etag as string,
      'If-Modified-Since': empty.headers['last-modified'] as string,
    }).expect(200);
    expect(readAtom(shown.text).entries).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    await setStatus('pending');
    // Only the date to go by: the status change is newer than what the reader has.
    const hidden = await get(url, {
      'If-Modified-Since': shown.headers['last-modified'] as string,
    }).expect(200);
    expect(readAtom(hidden.text).entries).toEqual([]);
  });

  it('answers 404 for an unknown or draft post and 400 for query parameters', async () => {
    const draft = await createPost(app.strapi, { title: 'Unseen' }, { draft: true });
    await get('/api/blog/posts/no-such-post/comments/feed.xml').expect(404);
    await get(`/api/blog/posts/${draft.slug}/comments/feed.xml`).expect(404);
    const bad = await get('/api/blog/feed.xml?filters[authorEmail]=x').expect(400);
    expect(bad.body.error.name).toBe('ValidationError');
    await get(`/api/blog/posts/${SEED_SLUG}/comments/feed.xml?populate=*`).expect(400);
  });
});
