import http from 'http';
import type { AddressInfo } from 'net';

import {
  createAuthor,
  createCategory,
  createPost,
  createTag,
  ensureLocale,
  paragraph,
  translatePost,
} from '../helpers/factories';
import { POST_UID } from '../../contracts/plugin';
import { uploadImage } from '../helpers/media';
import { startSite } from '../helpers/example-site';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * The example reader's site (`npm run example`, examples/site/server.mjs) as a process, in front
 * of a stub of the blog API: what it answers to addresses a reader (or a scanner) may type.
 */
describe('the example site, in front of a stub API', () => {
  let api: http.Server;
  let site: Awaited<ReturnType<typeof startSite>>;
  const asked: string[] = [];

  const post = {
    documentId: 'd1',
    locale: 'en',
    localizations: [],
    title: 'A stub post',
    slug: 'a-stub-post',
    excerpt: null,
    body: [],
    originalDate: '2008-02-22',
    authorName: null,
    author: null,
    cover: null,
    categories: [],
    tags: [],
    seo: {
      metaTitle: null,
      metaDescription: null,
      canonicalUrl: null,
      ogImage: null,
      noIndex: false,
    },
    wordCount: 0,
    readingMinutes: 1,
    lessonsHeading: null,
    lessons: [],
    commentsEnabled: false,
    commentCount: 0,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    publishedAt: '2024-01-01T00:00:00.000Z',
  };

  beforeAll(async () => {
    api = http.createServer((req, res) => {
      asked.push(req.url ?? '');
      const found = req.url?.startsWith(`/api/blog/posts/${post.slug}`);
      const comments = req.url?.includes('/comments');
      res.writeHead(found ? 200 : 404, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify(
          found
            ? { data: comments ? [] : post, meta: {} }
            : { data: null, error: { status: 404, name: 'NotFoundError', message: 'Not Found' } }
        )
      );
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const { port } = api.address() as AddressInfo;
    site = await startSite(`http://127.0.0.1:${port}`);
  });
  afterAll(async () => {
    site?.stop();
    await new Promise((resolve) => api?.close(resolve));
  });

  it('answers a malformed address with a 400 page, not a 500, and asks the API nothing', async () => {
    asked.length = 0;
    for (const address of [
      '/posts/%E0%A4%A',
      '/posts/%',
      '/fr/posts/%FF',
      '/tags/%',
      '/authors/%E0',
    ]) {
      const res = await site.page(address);
      expect(res.status).toBe(400);
      expect(res.type).toMatch(/^text\/html/);
      expect(res.html).toMatch(/not a valid (post|page) address/);
    }
    expect(asked).toEqual([]);
  });

  it('still shows a post, and a 404 page for an unknown one', async () => {
    const shown = await site.page(`/posts/${post.slug}`);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('A stub post');
    // One language only: no language switch, no alternates.
    expect(shown.html).not.toContain('hreflang');
    const missing = await site.page('/posts/no-such-post');
    expect(missing.status).toBe(404);
    expect(missing.html).toContain('Not found');
  });
});

/** A Media Library file as the blocks editor puts it in an image node (dates as strings). */
const mediaEntry = (file: object) => {
  const keys = [
    'name',
    'alternativeText',
    'url',
    'caption',
    'width',
    'height',
    'formats',
    'hash',
    'ext',
    'mime',
    'size',
    'previewUrl',
    'provider',
    'provider_metadata',
    'createdAt',
    'updatedAt',
  ];
  const entries = Object.entries(file).filter(([key]) => keys.includes(key));
  return JSON.parse(JSON.stringify(Object.fromEntries(entries))) as Record<string, unknown>;
};
const HOSTILE = '<script>alert(1)</script>';

/**
 * The example site against the real API (the playground Strapi on this run's database): what a
 * reader sees of covers, categories, tags, authors, SEO and languages, and that every new field
 * is escaped.
 */
describe('the example site, reading the real API', () => {
  let app: TestApp;
  let apiBase: string;
  let site: Awaited<ReturnType<typeof startSite>>;
  let post: { documentId: string; slug: string };
  let hidden: { documentId: string; slug: string };
  let hostilePost: { documentId: string; slug: string };
  let author: { documentId: string; slug: string };
  let category: { documentId: string; slug: string };
  let tag: { documentId: string; slug: string };
  let hostileTag: { documentId: string; slug: string };
  let cover: { id: number; url: string };

  beforeAll(async () => {
    app = await startApp();
    const { strapi } = app;
    await ensureLocale(strapi, 'fr', 'French (fr)');
    // Wide enough for Strapi to make a thumbnail (234 × 156) and a small format (500 × 333).
    cover = await uploadImage(strapi, {
      width: 600,
      height: 400,
      alternativeText: 'Two hands shaking',
    });
    const figure = await uploadImage(strapi, {
      name: 'figure.png',
      width: 200,
      height: 100,
      alternativeText: 'A chart of contacts',
    });
    author = await createAuthor(strapi, {
      name: 'Ann Writer',
      bio: 'Writes about people.\n\nLives by the sea.',
      url: 'https://ann.example',
      avatar: (await uploadImage(strapi, { name: 'ann.png', width: 64, height: 64 })).id,
    });
    category = await createCategory(strapi, { name: 'Lessons in life', description: 'Life.' });
    tag = await createTag(strapi, { name: 'Networking' });
    hostileTag = await createTag(strapi, { name: HOSTILE });
    const frTag = await createTag(strapi, { name: 'Réseautage', locale: 'fr' });

    post = await createPost(strapi, {
      title: 'The tagged post',
      body: ['One two three four five.'],
      author: author.documentId,
      categories: [category.documentId],
      tags: [tag.documentId],
      cover: cover.id,
      seo: {
        metaTitle: 'Tagged, for search',
        metaDescription: 'What a search result shows.',
        noIndex: false,
      },
    });
    // A body image, as the Content Manager's blocks editor stores it: the whole media entry.
    const body = [
      paragraph('One two three four five.'),
      {
        type: 'image',
        image: mediaEntry(figure),
        children: [{ type: 'text', text: '' }],
      },
    ];
    await strapi.documents(POST_UID).update({
      documentId: post.documentId,
      data: { body },
    } as never);
    await strapi.documents(POST_UID).publish({ documentId: post.documentId } as never);
    await translatePost(strapi, post.documentId, 'fr', {
      title: 'L’article étiqueté',
      slug: 'article-etiquete',
      tags: [frTag.documentId],
    });
    hidden = await createPost(strapi, {
      title: 'Not for search engines',
      authorName: 'A guest',
      seo: { noIndex: true },
    });
    hostilePost = await createPost(strapi, {
      title: `Title ${HOSTILE}`,
      authorName: `Byline ${HOSTILE}`,
      tags: [hostileTag.documentId],
      seo: { metaTitle: `Meta ${HOSTILE}`, metaDescription: `"><${HOSTILE}` },
    });

    const server = strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    site = await startSite(apiBase);
  });
  afterAll(async () => {
    site?.stop();
    await app?.stop();
  });

  const ok = async (address: string) => {
    const res = await site.page(address);
    expect(res.status).toBe(200);
    return res.html;
  };
  /** The HTML of the first tag matching a start. */
  const tagOf = (html: string, start: string) => {
    const at = html.indexOf(start);
    expect(at).toBeGreaterThanOrEqual(0);
    return html.slice(at, html.indexOf('>', at) + 1);
  };

  it('shows the cover with its alternative text, size and srcset from the API’s server', async () => {
    const coverUrl = `${apiBase}${cover.url}`;
    for (const html of [await ok('/'), await ok(`/posts/${post.slug}`)]) {
      const img = tagOf(html, `<img src="${coverUrl}"`);
      expect(img).toContain('alt="Two hands shaking"');
      expect(img).toContain('width="600" height="400"');
      // Strapi's formats and the original, narrowest first, all on the Strapi server.
      const uploads = `${apiBase}/uploads/`;
      expect(img).toMatch(
        new RegExp(
          `srcset="${uploads}thumbnail_\\S+ 234w, ${uploads}small_\\S+ 500w, ${coverUrl} 600w"`
        )
      );
    }
  });

  it('shows reading time, and the byline as a link to the author page when there is an author', async () => {
    const home = await ok('/');
    expect(home).toContain(`<a href="/authors/${author.slug}" rel="author">Ann Writer</a>`);
    expect(home).toContain('1 min read');
    expect(home).toMatch(/A guest · 1 min read/);
    const page = await ok(`/posts/${post.slug}`);
    expect(page).toContain(`<a href="/authors/${author.slug}" rel="author">Ann Writer</a>`);
    expect(page).toContain(
      `<a href="/categories/${category.slug}" class="category">Lessons in life</a>`
    );
    expect(page).toContain(`<a href="/tags/${tag.slug}" rel="tag">Networking</a>`);
  });

  it('writes the SEO fields into the head, and noindex only where the editor asked', async () => {
    const page = await ok(`/posts/${post.slug}`);
    expect(page).toContain('<title>Tagged, for search</title>');
    expect(page).toContain('<meta name="description" content="What a search result shows.">');
    expect(page).toContain(`<link rel="canonical" href="${site.base}/en/posts/${post.slug}">`);
    expect(page).toContain(`<meta property="og:image" content="${apiBase}${cover.url}">`);
    expect(page).not.toContain('noindex');
    const hiddenPage = await ok(`/posts/${hidden.slug}`);
    expect(hiddenPage).toContain('<meta name="robots" content="noindex">');
    expect(hiddenPage).toContain('<title>Not for search engines</title>');
  });

  it('renders a body image through blocksToHtml with its alt text, from the API’s server', async () => {
    const page = await ok(`/posts/${post.slug}`);
    const body = page.slice(page.indexOf('<div class="body">'));
    const img = tagOf(body, '<img');
    expect(img).toContain(`src="${apiBase}/uploads/`);
    expect(img).toContain('alt="A chart of contacts"');
  });

  it('links each language with hreflang, x-default and a switch, and serves the French version', async () => {
    const en = await ok(`/posts/${post.slug}`);
    const alternates = [
      `<link rel="alternate" hreflang="en" href="${site.base}/en/posts/${post.slug}">`,
      `<link rel="alternate" hreflang="fr" href="${site.base}/fr/posts/article-etiquete">`,
      `<link rel="alternate" hreflang="x-default" href="${site.base}/en/posts/${post.slug}">`,
    ];
    for (const link of alternates) expect(en).toContain(link);
    expect(en).toContain(
      '<a href="/fr/posts/article-etiquete" hreflang="fr" lang="fr">français</a>'
    );

    const fr = await ok('/fr/posts/article-etiquete');
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('<h1>L’article étiqueté</h1>');
    for (const link of alternates) expect(fr).toContain(link);
    expect(fr).toContain(`<a href="/en/posts/${post.slug}" hreflang="en" lang="en">English</a>`);
    // The comment form sends the page's language with the comment.
    expect(fr).toContain('data-slug="article-etiquete" data-locale="fr"');
    // The cover is the document's, in every language.
    expect(fr).toContain(`<img src="${apiBase}${cover.url}"`);
    // Links stay in the page's language.
    expect(fr).toMatch(/<a href="\/fr\/tags\/r[^"]*" rel="tag">Réseautage<\/a>/);

    // The French slug is not an English address; the French home lists the French post only.
    expect((await site.page('/posts/article-etiquete')).status).toBe(404);
    const frHome = await ok('/fr/');
    expect(frHome).toContain('href="/fr/posts/article-etiquete"');
    expect(frHome).not.toContain(post.slug);
    // A language the blog does not have is no page.
    expect((await site.page('/xx/')).status).toBe(404);
  });

  it('shows a category page, a tag page, their lists with counts, and 404 for unknown ones', async () => {
    const categoryPage = await ok(`/categories/${category.slug}`);
    expect(categoryPage).toContain('<title>Category: Lessons in life</title>');
    expect(categoryPage).toContain('<p class="description">Life.</p>');
    expect(categoryPage).toContain(`href="/posts/${post.slug}"`);
    expect(categoryPage).not.toContain(`href="/posts/${hidden.slug}"`);
    expect(categoryPage).toMatch(/Lessons in life<\/a> <span class="count">\(1 post\)<\/span>/);

    const tagPage = await ok(`/tags/${tag.slug}`);
    expect(tagPage).toContain('<title>Tag: Networking</title>');
    expect(tagPage).toContain(`href="/posts/${post.slug}"`);
    expect(tagPage).not.toContain(`href="/posts/${hostilePost.slug}"`);

    const tags = await ok('/tags');
    expect(tags).toMatch(/>Networking<\/a> <span class="count">\(1 post\)<\/span>/);
    const categories = await ok('/categories');
    expect(categories).toContain(`href="/categories/${category.slug}"`);

    for (const address of ['/categories/no-such-category', '/tags/no-such-tag']) {
      const missing = await site.page(address);
      expect(missing.status).toBe(404);
      expect(missing.html).toContain('Not found');
    }
  });

  it('shows an author page with bio, avatar and posts, and 404 for an unknown author', async () => {
    const page = await ok(`/authors/${author.slug}`);
    expect(page).toContain('<h1>Ann Writer</h1>');
    expect(page).toContain(
      '<div class="bio"><p>Writes about people.</p><p>Lives by the sea.</p></div>'
    );
    expect(tagOf(page, '<img')).toMatch(/class="avatar"/);
    expect(tagOf(page, '<img')).toContain('width="64" height="64"');
    expect(page).toContain('<a href="https://ann.example" rel="me nofollow">');
    expect(page).toContain(`href="/posts/${post.slug}"`);
    expect(page).not.toContain(`href="/posts/${hidden.slug}"`);
    const missing = await site.page('/authors/nobody-here');
    expect(missing.status).toBe(404);
  });

  it('escapes every new field: a tag, title, byline and SEO text with markup render as text', async () => {
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;';
    const pages = [
      await ok(`/posts/${hostilePost.slug}`),
      await ok('/'),
      await ok(`/tags/${hostileTag.slug}`),
      await ok('/tags'),
    ];
    for (const html of pages) expect(html).not.toContain(HOSTILE);
    const [postHtml, home, tagPage, tags] = pages;
    expect(postHtml).toContain(`<title>Meta ${escaped}</title>`);
    expect(postHtml).toContain(`<meta name="description" content="&quot;&gt;&lt;${escaped}">`);
    expect(postHtml).toContain(`<h1>Title ${escaped}</h1>`);
    expect(postHtml).toContain(`Byline ${escaped}`);
    expect(postHtml).toContain(`rel="tag">${escaped}</a>`);
    expect(home).toContain(`Title ${escaped}`);
    expect(tagPage).toContain(`<title>Tag: ${escaped}</title>`);
    expect(tags).toContain(`>${escaped}</a>`);
  });
});
