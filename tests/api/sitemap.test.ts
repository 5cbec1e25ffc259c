import { POST_UID } from '../../contracts/plugin';
import { adminToken } from '../helpers/admin';
import { createPost, ensureLocale, translatePost } from '../helpers/factories';
import { readSitemap, type SitemapUrlView } from '../helpers/sitemap';
import { countStatements } from '../helpers/sql-count';
import { startApp, type TestApp } from '../helpers/strapi';
import { setPluginConfig } from '../helpers/plugin-config';
import { setPublicAction } from '../helpers/public-role';

const PATTERN = 'https://site.example.com/{locale}/blog/{slug}';
const XML_TYPE = /^application\/xml; charset=utf-8$/;
const SELF = 'http://blog.example.com/api/blog/sitemap.xml';

const urlOf = (locale: string, slug: string) => `https://site.example.com/${locale}/blog/${slug}`;

/** The sitemap as a search engine reads it: `/api/blog/sitemap.xml`, checked against the protocol. */
describe('the sitemap', () => {
  let app: TestApp;
  const get = (url: string) => app.http().get(url).set('Host', 'blog.example.com');
  const setConfig = (key: string, value: unknown) => setPluginConfig(app, key, value);

  /** Every URL of the sitemap, reading every page when it is an index. */
  const allUrls = async (): Promise<SitemapUrlView[]> => {
    const view = readSitemap((await get('/api/blog/sitemap.xml').expect(200)).text);
    if (view.kind === 'urlset') return view.urls;
    const urls: SitemapUrlView[] = [];
    for (const { loc } of view.sitemaps) {
      const page = readSitemap((await get(new URL(loc).pathname + new URL(loc).search)).text);
      if (page.kind !== 'urlset') throw new Error('a page of the index is an index');
      urls.push(...page.urls);
    }
    return urls;
  };

  /** The published version's updatedAt, as the sitemap's lastmod should give it. */
  const publishedUpdatedAt = async (slug: string, locale: string) => {
    const row = await app.strapi.db
      .query(POST_UID)
      .findOne({ where: { slug, locale, publishedAt: { $notNull: true } }, select: ['updatedAt'] });
    return new Date(row.updatedAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
  };

  let both: { documentId: string; slug: string };
  const slugs = {
    bothEn: `both-en-${Date.now()}`,
    bothFr: `both-fr-${Date.now()}`,
    englishOnly: `english-only-${Date.now()}`,
    draft: `unpublished-${Date.now()}`,
    hidden: `no-index-${Date.now()}`,
    frDraft: `fr-draft-${Date.now()}`,
    hiddenFr: `hidden-fr-${Date.now()}`,
    shownEn: `shown-en-${Date.now()}`,
  };

  beforeAll(async () => {
    app = await startApp();
    await ensureLocale(app.strapi, 'fr', 'French (fr)');
    setConfig('sitemap.postUrl', PATTERN);

    both = await createPost(app.strapi, { title: 'In both languages', slug: slugs.bothEn });
    await translatePost(app.strapi, both.documentId, 'fr', {
      title: 'Dans les deux langues',
      slug: slugs.bothFr,
    });
    await createPost(app.strapi, { title: 'English only', slug: slugs.englishOnly });
    await createPost(app.strapi, { title: 'Unpublished', slug: slugs.draft }, { draft: true });
    await createPost(app.strapi, {
      title: 'Kept out of search engines',
      slug: slugs.hidden,
      seo: { metaTitle: 'Hidden', noIndex: true },
    });
    const frDraft = await createPost(app.strapi, { title: 'French draft', slug: slugs.frDraft });
    await translatePost(
      app.strapi,
      frDraft.documentId,
      'fr',
      { title: 'Brouillon', slug: `${slugs.frDraft}-fr` },
      { draft: true }
    );
    // Indexable in English, noIndex in French: the French page is neither listed nor an alternate.
    const half = await createPost(app.strapi, {
      title: 'Half hidden',
      slug: slugs.shownEn,
      seo: { noIndex: false },
    });
    await translatePost(app.strapi, half.documentId, 'fr', {
      title: 'À moitié caché',
      slug: slugs.hiddenFr,
      seo: { noIndex: true },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('lists every published, indexable post in every language, with lastmod and alternates', async () => {
    const res = await get('/api/blog/sitemap.xml').expect(200);
    expect(res.headers['content-type']).toMatch(XML_TYPE);
    expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
    const view = readSitemap(res.text);
    expect(view.kind).toBe('urlset');
    const urls = view.kind === 'urlset' ? view.urls : [];
    const byLoc = new Map(urls.map((u) => [u.loc, u]));

    // The seed post, published in English.
    expect(byLoc.has(urlOf('en', 'networking-biggest-mistake'))).toBe(true);
    const pair = [
      { hreflang: 'en', href: urlOf('en', slugs.bothEn) },
      { hreflang: 'fr', href: urlOf('fr', slugs.bothFr) },
    ];
    expect(byLoc.get(urlOf('en', slugs.bothEn))).toEqual({
      loc: urlOf('en', slugs.bothEn),
      lastmod: await publishedUpdatedAt(slugs.bothEn, 'en'),
      alternates: pair,
    });
    expect(byLoc.get(urlOf('fr', slugs.bothFr))).toEqual({
      loc: urlOf('fr', slugs.bothFr),
      lastmod: await publishedUpdatedAt(slugs.bothFr, 'fr'),
      alternates: pair,
    });
    for (const slug of [slugs.englishOnly, slugs.frDraft, slugs.shownEn]) {
      expect(byLoc.get(urlOf('en', slug))).toEqual({
        loc: urlOf('en', slug),
        lastmod: await publishedUpdatedAt(slug, 'en'),
        alternates: [],
      });
    }
    const locs = [...byLoc.keys()].join('\n');
    for (const slug of [slugs.draft, slugs.hidden, `${slugs.frDraft}-fr`, slugs.hiddenFr]) {
      expect(locs).not.toContain(slug);
    }
    const published = await app.strapi.db
      .query(POST_UID)
      .count({ where: { publishedAt: { $notNull: true } } });
    // Every published version but the two noIndex ones.
    expect(urls).toHaveLength(published - 2);
  });

  it('escapes the URLs it builds, and takes feed.postUrl when sitemap.postUrl is unset', async () => {
    setConfig('sitemap.postUrl', 'https://site.example.com/read?lang={locale}&post={slug}');
    const res = await get('/api/blog/sitemap.xml').expect(200);
    expect(res.text).toContain('?lang=en&amp;post=');
    const urls = await allUrls();
    expect(urls.map((u) => u.loc)).toContain(
      `https://site.example.com/read?lang=fr&post=${slugs.bothFr}`
    );

    setConfig('sitemap.postUrl', null);
    setConfig('feed.postUrl', 'https://feed.example.com/p/{slug}');
    try {
      const fromFeed = await allUrls();
      expect(fromFeed.map((u) => u.loc)).toContain(`https://feed.example.com/p/${slugs.bothFr}`);

      // Neither: nothing to link to, a 404 that says what to set.
      setConfig('feed.postUrl', null);
      const off = await get('/api/blog/sitemap.xml').expect(404);
      expect(off.body.error).toEqual(
        expect.objectContaining({ status: 404, name: 'NotFoundError' })
      );
      expect(off.body.error.message).toMatch(/sitemap\.postUrl/);
    } finally {
      setConfig('feed.postUrl', null);
      setConfig('sitemap.postUrl', PATTERN);
    }
  });

  it('pages past sitemap.pageSize: an index of ?page=N files that together list every URL', async () => {
    const whole = await allUrls();
    setConfig('sitemap.pageSize', 2);
    try {
      const index = readSitemap((await get('/api/blog/sitemap.xml').expect(200)).text);
      const pages = Math.ceil(whole.length / 2);
      expect(index).toEqual({
        kind: 'index',
        sitemaps: Array.from({ length: pages }, (_, i) => ({
          loc: `${SELF}?page=${i + 1}`,
          lastmod: null,
        })),
      });
      const paged: SitemapUrlView[] = [];
      for (let page = 1; page <= pages; page += 1) {
        const view = readSitemap(
          (await get(`/api/blog/sitemap.xml?page=${page}`).expect(200)).text
        );
        if (view.kind !== 'urlset') throw new Error('a page is an index');
        expect(view.urls.length).toBeLessThanOrEqual(2);
        expect(view.urls.length).toBeGreaterThan(0);
        paged.push(...view.urls);
      }
      // Every URL once, with the same alternates as in one file.
      expect(paged).toEqual(whole);

      const past = await get(`/api/blog/sitemap.xml?page=${pages + 1}`).expect(404);
      expect(past.body.error.name).toBe('NotFoundError');
    } finally {
      setConfig('sitemap.pageSize', 5000);
    }
  });

  it.each([
    ['page=0'],
    ['page=-1'],
    ['page=abc'],
    ['page=1.5'],
    ['page=01'],
    ['page=50001'],
    ['page=99999999999999999999'],
    ['page=1&page=2'],
    ['page[x]=1'],
    ['locale=fr'],
    ['filters[slug]=x'],
  ])('answers 400 to ?%s before reading any post', async (query) => {
    const posts = app.strapi.db.metadata.get(POST_UID).tableName;
    const knex = app.strapi.db.connection;
    const seen: string[] = [];
    const listener = ({ sql }: { sql: string }) => {
      if (sql.includes(posts)) seen.push(sql);
    };
    knex.on('query', listener);
    try {
      const res = await get(`/api/blog/sitemap.xml?${query}`).expect(400);
      expect(res.body.error).toEqual(
        expect.objectContaining({ status: 400, name: 'ValidationError' })
      );
    } finally {
      knex.removeListener('query', listener);
    }
    expect(seen).toEqual([]);
  });

  it('costs the same statements with a few posts as with many, paged or not', async () => {
    const cost = () => get('/api/blog/sitemap.xml').expect(200);
    const pageCost = () => get('/api/blog/sitemap.xml?page=2').expect(200);
    const before = await countStatements(app, cost);
    // The public cache's versions, the Public role's permissions, then a count, a page and the
    // page's languages.
    expect(before).toBe(5);
    setConfig('sitemap.pageSize', 3);
    const pagedBefore = await countStatements(app, pageCost);
    const indexBefore = await countStatements(app, cost);
    expect(indexBefore).toBe(3);
    setConfig('sitemap.pageSize', 5000);

    for (let n = 0; n < 20; n += 1) {
      const post = await createPost(app.strapi, { title: `Many ${n}` });
      if (n % 2) {
        await translatePost(app.strapi, post.documentId, 'fr', {
          title: `Beaucoup ${n}`,
          slug: `beaucoup-${n}-${Date.now()}`,
        });
      }
    }
    expect((await allUrls()).length).toBeGreaterThan(30);
    expect(await countStatements(app, cost)).toBe(before);
    setConfig('sitemap.pageSize', 3);
    try {
      expect(await countStatements(app, pageCost)).toBe(pagedBefore);
      expect(await countStatements(app, cost)).toBe(indexBefore);
    } finally {
      setConfig('sitemap.pageSize', 5000);
    }
  });

  it('is granted to the Public role on first boot, and answers 403 once revoked', async () => {
    const token = await adminToken(app);
    const auth = { Authorization: `Bearer ${token}` };
    expect(await setPublicAction(app, auth, ['sitemap', 'index'], false)).toBe(true);

    const res = await get('/api/blog/sitemap.xml').expect(403);
    expect(res.body.error).toEqual(
      expect.objectContaining({ status: 403, name: 'ForbiddenError' })
    );
  });
});
