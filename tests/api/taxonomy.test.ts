import { AUTHOR_UID, COMMENT_UID } from '../../contracts/plugin';
import type { ErrorResponse } from '../../contracts/common';
import type { FindPost, FindPosts, Post } from '../../contracts/posts';
import type { FindAuthor, FindAuthors, FindCategories, FindTags } from '../../contracts/taxonomy';
import { validComment } from '../helpers/comments-api';
import {
  createAuthor,
  createCategory,
  createComment,
  createPost,
  createTag,
  ensureLocale,
  translatePost,
} from '../helpers/factories';
import { uploadImage } from '../helpers/media';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * The post's new public side: cover, author, categories, tags, SEO, reading time, languages,
 * and the category, tag and author routes, each with only its public fields.
 */
describe('categories, tags, authors, covers, SEO and languages on the public API', () => {
  let app: TestApp;
  let post: { documentId: string; slug: string };
  let other: { documentId: string; slug: string };
  let author: { documentId: string; slug: string };
  let cover: { id: number; url: string };
  let life: { documentId: string; slug: string };
  let parentCategory: { documentId: string; slug: string };
  let networking: { documentId: string; slug: string };
  let career: { documentId: string; slug: string };
  let frTag: { documentId: string; slug: string };

  beforeAll(async () => {
    app = await startApp();
    const { strapi } = app;
    await ensureLocale(strapi, 'fr', 'French (fr)');
    cover = await uploadImage(strapi, { alternativeText: 'A handshake at a conference' });
    const admin = await strapi.db.query('admin::user').findOne({ where: {} });
    author = await createAuthor(strapi, {
      name: 'Ann Writer',
      bio: 'Writes about people.',
      url: 'https://ann.example',
      avatar: (await uploadImage(strapi, { name: 'ann.png', width: 64, height: 64 })).id,
    });
    await strapi.db.query(AUTHOR_UID).update({
      where: { documentId: author.documentId },
      data: { user: admin.id, importKey: 'wp:ann' },
    });
    parentCategory = await createCategory(strapi, { name: 'Life' });
    life = await createCategory(strapi, {
      name: 'Lessons in life',
      parent: parentCategory.documentId,
    });
    networking = await createTag(strapi, { name: 'Networking' });
    career = await createTag(strapi, { name: 'Career' });
    frTag = await createTag(strapi, { name: 'Réseautage', locale: 'fr' });

    post = await createPost(strapi, {
      title: 'Tagged post',
      body: ['One two three four five.', 'Six seven.'],
      lessons: ['Eight nine', 'ten'],
      author: author.documentId,
      categories: [life.documentId],
      tags: [networking.documentId, career.documentId],
      cover: cover.id,
      seo: {
        metaTitle: 'Tagged post, for search',
        metaDescription: 'What a search result shows.',
        canonicalUrl: 'https://blog.example/tagged-post',
        noIndex: false,
      },
    });
    other = await createPost(strapi, { title: 'Untagged post', tags: [career.documentId] });
    await translatePost(strapi, post.documentId, 'fr', {
      title: 'Article étiqueté',
      slug: 'article-etiquete',
      lessons: ['Un', 'Deux', 'Trois', 'Quatre', 'Cinq'],
      tags: [frTag.documentId],
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const getPost = async (slug: string, query = ''): Promise<Post> => {
    const res = await app.http().get(`/api/blog/posts/${slug}${query}`);
    expect(res.status).toBe(200);
    return (res.body as FindPost.Response).data;
  };

  it('answers the cover as a Media Library image: url, alternative text, size and formats', async () => {
    const data = await getPost(post.slug);
    expect(data.cover).toMatchObject({
      url: cover.url,
      alternativeText: 'A handshake at a conference',
      width: 400,
      height: 300,
      mime: 'image/png',
    });
    expect(data.cover!.formats.thumbnail).toMatchObject({
      url: expect.stringMatching(/^\/uploads\//),
    });
    expect(Object.keys(data.cover!).sort()).toEqual(
      ['alternativeText', 'caption', 'formats', 'height', 'mime', 'url', 'width'].sort()
    );
  });

  it('answers the author without the admin user it is linked to, and keeps authorName', async () => {
    const data = await getPost(post.slug);
    expect(data.author).toMatchObject({
      documentId: author.documentId,
      name: 'Ann Writer',
      url: 'https://ann.example',
    });
    expect(data.author!.avatar).toMatchObject({ width: 64, height: 64 });
    expect(Object.keys(data.author!).sort()).toEqual([
      'avatar',
      'documentId',
      'name',
      'slug',
      'url',
    ]);
    expect(data.authorName).toBe('Test Author');
    const text = JSON.stringify(data);
    expect(text).not.toContain('wp:ann');
    expect(text).not.toContain('admin@example.com');
    expect((await getPost(other.slug)).author).toBeNull();
  });

  it('answers categories with their parent, tags in name order, SEO and reading time', async () => {
    const data = await getPost(post.slug);
    expect(data.categories).toEqual([
      {
        documentId: life.documentId,
        name: 'Lessons in life',
        slug: life.slug,
        locale: 'en',
        parent: { documentId: parentCategory.documentId, name: 'Life', slug: parentCategory.slug },
      },
    ]);
    expect(data.tags.map((tag) => tag.name)).toEqual(['Career', 'Networking']);
    expect(data.seo).toEqual({
      metaTitle: 'Tagged post, for search',
      metaDescription: 'What a search result shows.',
      canonicalUrl: 'https://blog.example/tagged-post',
      ogImage: null,
      noIndex: false,
    });
    expect(data.wordCount).toBe(10);
    expect(data.readingMinutes).toBe(1);
  });

  it('filters posts by tag, category and author slug', async () => {
    const slugs = async (query: string) => {
      const res = await app.http().get(`/api/blog/posts?${query}`);
      expect(res.status).toBe(200);
      return (res.body as FindPosts.Response).data.map((p) => p.slug).sort();
    };
    expect(await slugs(`filters[tags][slug][$eq]=${networking.slug}`)).toEqual([post.slug]);
    expect(await slugs(`filters[tags][slug][$eq]=${career.slug}`)).toEqual(
      [other.slug, post.slug].sort()
    );
    expect(await slugs(`filters[categories][slug][$eq]=${life.slug}`)).toEqual([post.slug]);
    expect(await slugs(`filters[author][slug][$eq]=${author.slug}`)).toEqual([post.slug]);
    expect(await slugs(`filters[author][name][$eq]=Nobody`)).toEqual([]);
  });

  it.each([
    ['the linked admin user', 'filters[author][user][email][$eq]=admin@example.com'],
    ['the linked admin user id', 'filters[author][user][id][$eq]=1'],
    ['an import key', 'filters[author][importKey][$eq]=wp:ann'],
    ['a tag’s import key', 'filters[tags][importKey][$null]=true'],
    ['an author’s bio (not a filter)', 'filters[author][bio][$contains]=people'],
    ['a category’s parent', 'filters[categories][parent][slug][$eq]=life'],
    ['a private operator on a tag', 'filters[tags][slug][$foo]=x'],
  ])('refuses a filter on %s with a 400 (no oracle)', async (_label, query) => {
    const res = await app.http().get(`/api/blog/posts?${query}`);
    expect(res.status).toBe(400);
    expect((res.body as ErrorResponse).error.name).toBe('ValidationError');
  });

  it('lists the post’s other languages and serves each language by its own slug', async () => {
    const en = await getPost(post.slug);
    expect(en.locale).toBe('en');
    expect(en.localizations).toEqual([{ locale: 'fr', slug: 'article-etiquete' }]);
    const fr = await getPost('article-etiquete', '?locale=fr');
    expect(fr).toMatchObject({
      documentId: post.documentId,
      locale: 'fr',
      title: 'Article étiqueté',
    });
    expect(fr.lessons.map((l) => l.text)).toEqual(['Un', 'Deux', 'Trois', 'Quatre', 'Cinq']);
    expect(fr.localizations).toEqual([{ locale: 'en', slug: post.slug }]);
    expect(fr.tags.map((tag) => tag.slug)).toEqual([frTag.slug]);
    // The cover is the document's, in every language; the new language started with its author.
    expect(fr.cover?.url).toBe(cover.url);
    expect(fr.author?.documentId).toBe(author.documentId);
    const res = await app.http().get('/api/blog/posts/article-etiquete');
    expect(res.status).toBe(404);
    const list = await app.http().get('/api/blog/posts?locale=fr');
    expect((list.body as FindPosts.Response).data.map((p) => p.slug)).toEqual(['article-etiquete']);
  });

  it.each([
    ['an unknown locale', 'locale=xx'],
    ['a malformed locale', 'locale=en;drop'],
    ['a locale list', 'locale[]=en'],
    ['a very long locale', `locale=${'a'.repeat(500)}`],
  ])('refuses %s with a 400', async (_label, query) => {
    for (const path of [
      '/api/blog/posts',
      `/api/blog/posts/${post.slug}`,
      '/api/blog/tags',
      `/api/blog/posts/${post.slug}/comments`,
    ]) {
      const res = await app.http().get(`${path}?${query}`);
      expect(res.status).toBe(400);
      expect((res.body as ErrorResponse).error.details).toMatchObject({ param: 'locale' });
    }
  });

  it('keeps an editor’s choice of another author, or none, for a new language', async () => {
    const other = await createAuthor(app.strapi, { name: 'Translator' });
    const writer = await createAuthor(app.strapi, { name: 'Writer' });
    const withOwn = await createPost(app.strapi, {
      title: 'Own author',
      author: writer.documentId,
    });
    await translatePost(app.strapi, withOwn.documentId, 'fr', {
      title: 'Son auteur',
      slug: `son-auteur-${withOwn.documentId}`,
      author: other.documentId,
    });
    expect((await getPost(`son-auteur-${withOwn.documentId}`, '?locale=fr')).author?.name).toBe(
      'Translator'
    );
    const withNone = await createPost(app.strapi, { title: 'No author' });
    await translatePost(app.strapi, withNone.documentId, 'fr', {
      title: 'Sans auteur',
      slug: `sans-auteur-${withNone.documentId}`,
    });
    expect((await getPost(`sans-auteur-${withNone.documentId}`, '?locale=fr')).author).toBeNull();
    // The English version keeps its own.
    expect((await getPost(withOwn.slug)).author?.name).toBe('Writer');
  });

  it('lets two languages use the same slug for different posts', async () => {
    const en = await createPost(app.strapi, { title: 'Shared slug', slug: 'shared-slug' });
    const frOnly = await createPost(app.strapi, {
      title: 'Même slug',
      slug: 'shared-slug',
      locale: 'fr',
    });
    expect((await getPost('shared-slug')).documentId).toBe(en.documentId);
    expect((await getPost('shared-slug', '?locale=fr')).documentId).toBe(frOnly.documentId);
  });

  it('lists categories and tags of a language with their published posts', async () => {
    const categories = await app.http().get('/api/blog/categories').expect(200);
    const byName = Object.fromEntries(
      (categories.body as FindCategories.Response).data.map((c) => [c.name, c])
    );
    expect(byName['Lessons in life']).toMatchObject({
      postCount: 1,
      parent: { slug: parentCategory.slug },
    });
    expect(byName.Life).toMatchObject({ postCount: 0, parent: null, description: null });
    const tags = (await app.http().get('/api/blog/tags').expect(200)).body as FindTags.Response;
    expect(tags.data.map((t) => [t.name, t.postCount])).toEqual([
      ['Career', 2],
      ['Networking', 1],
    ]);
    const frTags = (await app.http().get('/api/blog/tags?locale=fr').expect(200))
      .body as FindTags.Response;
    expect(frTags.data.map((t) => [t.name, t.postCount])).toEqual([['Réseautage', 1]]);
    expect(tags.meta.pagination).toMatchObject({ page: 1, total: 2 });
  });

  it('counts only published posts of a tag', async () => {
    const draftOnly = await createTag(app.strapi, { name: 'Drafted' });
    await createPost(
      app.strapi,
      { title: 'A draft', tags: [draftOnly.documentId] },
      { draft: true }
    );
    const tags = (await app.http().get('/api/blog/tags').expect(200)).body as FindTags.Response;
    expect(tags.data.find((t) => t.name === 'Drafted')?.postCount).toBe(0);
  });

  it('serves an author’s page by slug with public fields only', async () => {
    const res = await app.http().get(`/api/blog/authors/${author.slug}`).expect(200);
    const data = (res.body as FindAuthor.Response).data;
    expect(data).toMatchObject({ name: 'Ann Writer', bio: 'Writes about people.', postCount: 1 });
    expect(Object.keys(data).sort()).toEqual(
      ['avatar', 'bio', 'documentId', 'name', 'postCount', 'slug', 'url'].sort()
    );
    await app.http().get('/api/blog/authors/nobody-here').expect(404);
    const list = (await app.http().get('/api/blog/authors').expect(200))
      .body as FindAuthors.Response;
    expect(list.data.map((a) => a.slug)).toContain(author.slug);
    expect(JSON.stringify(list)).not.toContain('admin@example.com');
  });

  it('refuses unknown query keys on the new routes', async () => {
    for (const path of [
      '/api/blog/categories',
      '/api/blog/tags',
      '/api/blog/authors',
      `/api/blog/authors/${author.slug}`,
    ]) {
      await app.http().get(`${path}?populate=*`).expect(400);
      await app.http().get(`${path}?filters[user][id]=1`).expect(400);
    }
  });

  it('keeps one thread per post in every language and records the page’s language', async () => {
    const sent = await app
      .http()
      .post(`/api/blog/posts/article-etiquete/comments?locale=fr`)
      .set('X-Forwarded-For', '10.200.0.1')
      .send({ data: validComment({ content: 'Un commentaire depuis la page française.' }) });
    expect(sent.status).toBe(201);
    const stored = await app.strapi.db.query(COMMENT_UID).findOne({
      where: { documentId: sent.body.data.documentId },
      select: ['pageLocale', 'postDocumentId'],
    });
    expect(stored).toMatchObject({ pageLocale: 'fr', postDocumentId: post.documentId });
    await createComment(app.strapi, {
      post: post.documentId,
      status: 'approved',
      content: 'English remark',
    });
    const threadEn = await app.http().get(`/api/blog/posts/${post.slug}/comments`).expect(200);
    const threadFr = await app
      .http()
      .get('/api/blog/posts/article-etiquete/comments?locale=fr')
      .expect(200);
    expect(threadFr.body.data).toEqual(threadEn.body.data);
    expect((await getPost(post.slug)).commentCount).toBe(
      (await getPost('article-etiquete', '?locale=fr')).commentCount
    );
  });
});
