import type { ErrorResponse } from '../../contracts/common';
import type { GraphqlMedia } from '../../contracts/graphql';
import type { Media } from '../../contracts/media';
import { AUTHOR_UID, COMMENT_UID } from '../../contracts/plugin';
import { nextIp, setSettings } from '../helpers/comments-api';
import {
  createAuthor,
  createCategory,
  createPost,
  createTag,
  ensureLocale,
  translatePost,
} from '../helpers/factories';
import { uploadImage } from '../helpers/media';
import { countStatements } from '../helpers/sql-count';
import { startApp, type TestApp } from '../helpers/strapi';

/** Every field of each type, so an answer can be compared with REST's whole. */
const MEDIA = /* GraphQL */ `
  fragment Media on BlogMedia {
    url
    alternativeText
    caption
    width
    height
    mime
    formats {
      name
      url
      width
      height
      mime
    }
  }
`;
const POST = /* GraphQL */ `
  fragment Post on BlogPost {
    documentId
    locale
    localizations {
      locale
      slug
    }
    title
    slug
    excerpt
    body
    originalDate
    authorName
    author {
      documentId
      name
      slug
      url
      avatar {
        ...Media
      }
    }
    cover {
      ...Media
    }
    categories {
      documentId
      name
      slug
      locale
      parent {
        documentId
        name
        slug
      }
    }
    tags {
      documentId
      name
      slug
      locale
    }
    seo {
      metaTitle
      metaDescription
      canonicalUrl
      noIndex
      ogImage {
        ...Media
      }
    }
    wordCount
    readingMinutes
    lessonsHeading
    lessons {
      position
      text
    }
    commentsEnabled
    commentCount
    createdAt
    updatedAt
    publishedAt
  }
  ${MEDIA}
`;
const AUTHOR = /* GraphQL */ `
  fragment Author on BlogAuthor {
    documentId
    name
    slug
    url
    bio
    postCount
    avatar {
      ...Media
    }
  }
  ${MEDIA}
`;
const PAGINATION = 'pagination { page pageSize pageCount total }';

/** REST's answer as GraphQL gives it: every image's `formats` map as a list, in its order. */
const asGraphql = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(asGraphql);
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([key, child]) => [key, asGraphql(child)]);
  const object = Object.fromEntries(entries) as Record<string, unknown>;
  if (typeof object.url === 'string' && object.formats && !Array.isArray(object.formats)) {
    const media = value as Media;
    const formats = Object.entries(media.formats).map(([name, format]) => ({ name, ...format }));
    return { ...media, formats } satisfies GraphqlMedia;
  }
  return object;
};

/**
 * The post's new fields, the category, tag and author queries, languages and filters in
 * GraphQL: the same answers as REST, under the same permissions and checks.
 */
describe('GraphQL: categories, tags, authors, covers, SEO and languages', () => {
  let app: TestApp;
  let post: { documentId: string; slug: string };
  let author: { documentId: string; slug: string };
  let life: { documentId: string; slug: string };
  let networking: { documentId: string; slug: string };
  let career: { documentId: string; slug: string };
  const FR_SLUG = 'article-graphql';

  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await app
      .http()
      .post('/graphql')
      .set('X-Forwarded-For', nextIp())
      .send({ query, variables });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field
    return res.body as { data?: Record<string, any> | null; errors?: Array<Record<string, any>> };
  };
  const rest = async (path: string) => {
    const res = await app.http().get(path);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    app = await startApp();
    const { strapi } = app;
    await ensureLocale(strapi, 'fr', 'French (fr)');
    const cover = await uploadImage(strapi, { alternativeText: 'A handshake' });
    const ogImage = await uploadImage(strapi, { name: 'og.png', width: 1200, height: 630 });
    const admin = await strapi.db.query('admin::user').findOne({ where: {} });
    author = await createAuthor(strapi, {
      name: 'Gina Graph',
      bio: 'Writes queries.',
      url: 'https://gina.example',
      avatar: (await uploadImage(strapi, { name: 'gina.png', width: 64, height: 64 })).id,
    });
    await strapi.db.query(AUTHOR_UID).update({
      where: { documentId: author.documentId },
      data: { user: admin.id, importKey: 'wp:gina' },
    });
    const parent = await createCategory(strapi, { name: 'Graph life' });
    life = await createCategory(strapi, { name: 'Graph lessons', parent: parent.documentId });
    networking = await createTag(strapi, { name: 'Graph networking' });
    career = await createTag(strapi, { name: 'Graph career' });
    const frTag = await createTag(strapi, { name: 'Graphe', locale: 'fr' });
    post = await createPost(strapi, {
      title: 'Graph post',
      body: ['One two three four five.'],
      lessons: ['Six', 'Seven'],
      author: author.documentId,
      categories: [life.documentId],
      tags: [networking.documentId, career.documentId],
      cover: cover.id,
      seo: {
        metaTitle: 'Graph post, for search',
        metaDescription: 'What a search result shows.',
        canonicalUrl: 'https://blog.example/graph-post',
        ogImage: ogImage.id,
        noIndex: false,
      },
    });
    await createPost(strapi, { title: 'Graph career only', tags: [career.documentId] });
    await translatePost(strapi, post.documentId, 'fr', {
      title: 'Article GraphQL',
      slug: FR_SLUG,
      lessons: ['Un', 'Deux', 'Trois', 'Quatre', 'Cinq'],
      tags: [frTag.documentId],
      seo: { metaTitle: 'Article, pour la recherche', noIndex: true },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it.each([
    ['English', 'en', () => post.slug],
    ['French', 'fr', () => FR_SLUG],
  ])('answers the post in %s as REST does, every field', async (_label, locale, slugOf) => {
    const slug = slugOf();
    const expected = asGraphql((await rest(`/api/blog/posts/${slug}?locale=${locale}`)).data);
    const { data, errors } = await gql(
      `query ($slug: String!, $locale: String) { blogPost(slug: $slug, locale: $locale) { ...Post } } ${POST}`,
      { slug, locale }
    );
    expect(errors).toBeUndefined();
    expect(data!.blogPost).toEqual(expected);
    // What the comparison covers: the seed-like post's new fields are all there.
    expect(data!.blogPost).toMatchObject({ locale, cover: { alternativeText: 'A handshake' } });
    if (locale === 'en') {
      expect(data!.blogPost).toMatchObject({
        author: { slug: author.slug, avatar: { width: 64 } },
        categories: [{ slug: life.slug, parent: { name: 'Graph life' } }],
        seo: { ogImage: { width: 1200, height: 630 } },
      });
    } else {
      expect(data!.blogPost.seo).toMatchObject({
        metaTitle: 'Article, pour la recherche',
        noIndex: true,
      });
    }
    expect(data!.blogPost.cover.formats.map((f: { name: string }) => f.name)).toContain(
      'thumbnail'
    );
    expect(data!.blogPost.localizations).toHaveLength(1);
    const text = JSON.stringify(data);
    expect(text).not.toContain('wp:gina');
    expect(text).not.toContain('admin@example.com');
  });

  it('answers the default locale when none is named, and null for a slug of another language', async () => {
    const { data } = await gql(
      `{ en: blogPost(slug: "${post.slug}") { locale title } fr: blogPost(slug: "${FR_SLUG}") { title } }`
    );
    expect(data).toEqual({ en: { locale: 'en', title: 'Graph post' }, fr: null });
  });

  it('lists posts, categories, tags and authors of a language as REST does', async () => {
    const asPage = (body: { data: unknown; meta: { pagination: unknown } }) =>
      asGraphql({ data: body.data, pagination: body.meta.pagination });
    for (const locale of ['en', 'fr']) {
      const posts = await gql(
        `query ($locale: String) {
          blogPosts(locale: $locale, pageSize: 60) { data { ...Post } ${PAGINATION} }
        } ${POST}`,
        { locale }
      );
      expect(posts.errors).toBeUndefined();
      expect(posts.data!.blogPosts).toEqual(
        asPage(await rest(`/api/blog/posts?locale=${locale}&pagination[pageSize]=60`))
      );
      const { data, errors } = await gql(
        `query ($locale: String) {
          blogCategories(locale: $locale) {
            data { documentId name slug locale description postCount parent { documentId name slug } }
            ${PAGINATION}
          }
          blogTags(locale: $locale) { data { documentId name slug locale postCount } ${PAGINATION} }
          blogAuthors(locale: $locale) { data { ...Author } ${PAGINATION} }
          blogAuthor(slug: "${author.slug}", locale: $locale) { ...Author }
        } ${AUTHOR}`,
        { locale }
      );
      expect(errors).toBeUndefined();
      expect(data!.blogCategories).toEqual(
        asPage(await rest(`/api/blog/categories?locale=${locale}`))
      );
      expect(data!.blogTags).toEqual(asPage(await rest(`/api/blog/tags?locale=${locale}`)));
      expect(data!.blogAuthors).toEqual(asPage(await rest(`/api/blog/authors?locale=${locale}`)));
      expect(data!.blogAuthor).toEqual(
        asGraphql((await rest(`/api/blog/authors/${author.slug}?locale=${locale}`)).data)
      );
    }
    const { data } = await gql(
      `{ blogTags(locale: "fr") { data { name postCount } } blogAuthor(slug: "nobody-here") { name } }`
    );
    expect(data).toEqual({
      blogTags: { data: [{ name: 'Graphe', postCount: 1 }] },
      blogAuthor: null,
    });
  });

  it('filters posts by tag, category and author slug as REST does', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ tags: { slug: { eq: networking.slug } } }, `filters[tags][slug][$eq]=${networking.slug}`],
      [{ tags: { slug: { eq: career.slug } } }, `filters[tags][slug][$eq]=${career.slug}`],
      [
        { categories: { slug: { in: [life.slug] } } },
        `filters[categories][slug][$in][0]=${life.slug}`,
      ],
      [{ author: { slug: { eq: author.slug } } }, `filters[author][slug][$eq]=${author.slug}`],
      [{ author: { name: { containsi: 'GINA' } } }, 'filters[author][name][$containsi]=GINA'],
      [
        { tags: { not: { slug: { eq: networking.slug } } } },
        `filters[tags][$not][slug][$eq]=${networking.slug}`,
      ],
      [
        { or: [{ title: { eq: 'Graph post' } }, { title: { eq: 'Graph career only' } }] },
        'filters[$or][0][title][$eq]=Graph post&filters[$or][1][title][$eq]=Graph career only',
      ],
    ];
    for (const [filters, query] of cases) {
      const { data, errors } = await gql(
        'query ($filters: BlogPostFilters) { blogPosts(filters: $filters, pageSize: 100) { data { slug } } }',
        { filters }
      );
      expect(errors).toBeUndefined();
      const expected = (await rest(`/api/blog/posts?${query}&pagination[pageSize]=100`)).data;
      expect(data!.blogPosts.data).toEqual(
        expected.map((p: { slug: string }) => ({ slug: p.slug }))
      );
      expect(data!.blogPosts.data.length).toBeGreaterThan(0);
    }
    const fr = await gql(
      `{ blogPosts(locale: "fr", filters: { tags: { name: { eq: "Graphe" } } }) { data { slug } } }`
    );
    expect(fr.data!.blogPosts.data).toEqual([{ slug: FR_SLUG }]);
  });

  it.each([
    [
      'the linked admin user',
      '{ author: { user: { email: { eq: "admin@example.com" } } } }',
      'user',
    ],
    ['an author’s import key', '{ author: { importKey: { eq: "wp:gina" } } }', 'importKey'],
    ['a tag’s import key', '{ tags: { importKey: { null: true } } }', 'importKey'],
    ['an author’s bio', '{ author: { bio: { contains: "queries" } } }', 'bio'],
    ['a category’s parent', '{ categories: { parent: { slug: { eq: "x" } } } }', 'parent'],
    ['an unknown operator', '{ tags: { slug: { foo: "x" } } }', 'foo'],
  ])('refuses a filter on %s before any SQL (no oracle)', async (_label, filters, field) => {
    const query = `{ blogPosts(filters: ${filters}) { data { slug } } }`;
    const baseline = await countStatements(app, () => gql('{ __typename }'));
    let res: Awaited<ReturnType<typeof gql>> | undefined;
    const statements = await countStatements(app, async () => {
      res = await gql(query);
    });
    expect(res!.data ?? null).toBeNull();
    expect(res!.errors![0].message).toContain(`"${field}"`);
    expect(res!.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(statements).toBeLessThanOrEqual(baseline);
  });

  it.each([
    [
      'three joins',
      '{ tags: { slug: { eq: "a" } }, categories: { slug: { eq: "b" } }, author: { slug: { eq: "c" } } }',
      'filters[tags][slug][$eq]=a&filters[categories][slug][$eq]=b&filters[author][slug][$eq]=c',
    ],
    [
      'a long value',
      `{ tags: { name: { containsi: "${'a'.repeat(101)}" } } }`,
      `filters[tags][name][$containsi]=${'a'.repeat(101)}`,
    ],
    [
      'a bad date',
      '{ originalDate: { lt: "2020-02-30" } }',
      'filters[originalDate][$lt]=2020-02-30',
    ],
  ])('refuses %s with REST’s error', async (_label, filters, query) => {
    const res = await gql(`{ blogPosts(filters: ${filters}) { data { slug } } }`);
    expect(res.data).toBeNull();
    const restRes = await app.http().get(`/api/blog/posts?${query}`);
    expect(restRes.status).toBe(400);
    const restError = (restRes.body as ErrorResponse).error;
    expect(res.errors![0].extensions.error).toMatchObject({
      name: 'ValidationError',
      message: restError.message,
      details: restError.details,
    });
  });

  it('refuses a NUL in a filter value with a 400 error, on PostgreSQL too', async () => {
    const res = await gql(
      'query ($filters: BlogPostFilters) { blogPosts(filters: $filters) { data { slug } } }',
      { filters: { tags: { slug: { eq: 'a\u0000b' } } } }
    );
    expect(res.data).toBeNull();
    expect(res.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      error: { name: 'ValidationError', message: 'filters.tags.slug.eq holds a NUL character' },
    });
  });

  it('refuses an unknown locale on every query and the mutation, with no data and nothing stored', async () => {
    const before = await app.strapi.db.query(COMMENT_UID as never).count({});
    const operations = [
      '{ blogPosts(locale: "xx") { data { slug } } }',
      `{ blogComments(slug: "${post.slug}", locale: "xx") { data { content } } }`,
      `{ blogCommentForm(slug: "${post.slug}", locale: "xx") { formToken } }`,
      '{ blogCategories(locale: "xx") { data { slug } } }',
      '{ blogTags(locale: "zz-ZZ") { data { slug } } }',
      '{ blogAuthors(locale: "xx") { data { slug } } }',
      `mutation { createBlogComment(slug: "${post.slug}", locale: "xx", data: { authorName: "X", authorEmail: "x@example.com", content: "Hi" }) { status } }`,
    ];
    for (const operation of operations) {
      const res = await gql(operation);
      expect(res.data).toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions.error).toMatchObject({
        name: 'ValidationError',
        details: { param: 'locale' },
      });
    }
    // A nullable field answers null beside the error: no post, no author.
    for (const field of [
      `blogPost(slug: "${post.slug}", locale: "xx") { title }`,
      `blogAuthor(slug: "${author.slug}", locale: "en;drop") { name }`,
    ]) {
      const res = await gql(`{ answer: ${field} }`);
      expect(res.data).toEqual({ answer: null });
      expect(res.errors![0].extensions.error.details).toMatchObject({ param: 'locale' });
    }
    expect(await app.strapi.db.query(COMMENT_UID as never).count({})).toBe(before);
  });

  it('submits a comment from the French page, on the post’s one thread', async () => {
    await setSettings(app, { minSubmitSeconds: 0 });
    const form = await gql(`{ blogCommentForm(slug: "${FR_SLUG}", locale: "fr") { formToken } }`);
    expect(form.errors).toBeUndefined();
    const sent = await gql(
      `mutation ($token: String) {
        createBlogComment(slug: "${FR_SLUG}", locale: "fr", formToken: $token, data: {
          authorName: "Marie", authorEmail: "marie@example.com", content: "Depuis la page française."
        }) { documentId status }
      }`,
      { token: form.data!.blogCommentForm.formToken }
    );
    expect(sent.errors).toBeUndefined();
    const stored = await app.strapi.db.query(COMMENT_UID as never).findOne({
      where: { documentId: sent.data!.createBlogComment.documentId },
      select: ['pageLocale', 'postDocumentId'],
    });
    expect(stored).toMatchObject({ pageLocale: 'fr', postDocumentId: post.documentId });
    // The French slug is not a post in the default locale.
    const wrong = await gql(`{ blogCommentForm(slug: "${FR_SLUG}") { formToken } }`);
    expect(wrong.errors![0].extensions.error.name).toBe('NotFoundError');
  });

  describe('cost (limits.graphql.maxCost, 250 by default)', () => {
    const refusedFor = (res: Awaited<ReturnType<typeof gql>>, actual: number) => {
      expect(res.data ?? null).toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions.error).toMatchObject({
        name: 'ValidationError',
        details: { limit: 'maxCost', max: 250, actual },
      });
    };

    it('counts a post’s categories and tags once more per post, every alias counted', async () => {
      const lists = 'tags { slug } categories { slug }';
      // 1 + 100 × (1 + 2)
      refusedFor(await gql(`{ blogPosts(pageSize: 100) { data { ${lists} } } }`), 301);
      // 1 + 80 × 3 fits.
      const fits = await gql(`{ blogPosts(pageSize: 80) { data { slug ${lists} } } }`);
      expect(fits.errors).toBeUndefined();
      expect(fits.data!.blogPosts.data.length).toBeGreaterThan(0);
      // Aliases and fragments on the post count as the lists they select: 1 + 50 × (1 + 4).
      refusedFor(
        await gql(
          `{ blogPosts(pageSize: 50) { data { ...Lists a: tags { slug } } } b: blogPost(slug: "${post.slug}") { ...Lists } }
           fragment Lists on BlogPost { tags { slug } x: tags { slug } categories { slug } }`
        ),
        1 + 50 * 5 + 1 + 1 * 4
      );
    });

    it('counts the category, tag and author pages, and refuses before any SQL', async () => {
      const query = `{ blogCategories(pageSize: 100) { data { slug } } blogTags(pageSize: 100) { data { slug } }
        blogAuthors(pageSize: 100) { data { slug } } blogAuthor(slug: "${author.slug}") { slug } }`;
      const baseline = await countStatements(app, () => gql('{ __typename }'));
      let res: Awaited<ReturnType<typeof gql>> | undefined;
      const statements = await countStatements(app, async () => {
        res = await gql(query);
      });
      refusedFor(res!, 3 * 101 + 2);
      expect(statements).toBe(baseline);
      const fits = await gql(
        '{ blogCategories { data { slug } } blogTags { data { slug } } blogAuthors { data { slug } } }'
      );
      expect(fits.errors).toBeUndefined();
    });
  });

  // Last: each revokes a Public permission for the rest of the file.
  it.each([
    [
      'blogCategories',
      'category.find',
      '{ blogCategories { data { slug } } }',
      '/api/blog/categories',
    ],
    ['blogTags', 'tag.find', '{ blogTags { data { slug } } }', '/api/blog/tags'],
    ['blogAuthors', 'author.find', '{ blogAuthors { data { slug } } }', '/api/blog/authors'],
    ['blogAuthor', 'author.findOne', '{ blogAuthor(slug: "x") { slug } }', '/api/blog/authors/x'],
  ])('refuses %s when Public loses %s, as REST does', async (field, action, query, path) => {
    expect((await gql(query)).errors).toBeUndefined();
    const role = await app.strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'public' } });
    await app.strapi.db.query('plugin::users-permissions.permission').deleteMany({
      where: { role: role.id, action: `plugin::blog.${action}` },
    });
    const res = await gql(query);
    expect(res.data?.[field] ?? null).toBeNull();
    expect(res.errors![0].message).toBe('Forbidden access');
    expect((await app.http().get(path)).status).toBe(403);
    // The post queries answer still.
    expect(
      (await gql(`{ blogPost(slug: "${post.slug}") { author { slug } tags { slug } } }`)).errors
    ).toBeUndefined();
  });
});
