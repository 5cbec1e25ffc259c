import type { ErrorResponse } from '../../contracts/common';
import type { FindPosts } from '../../contracts/posts';
import {
  createAuthor,
  createCategory,
  createPost,
  createTag,
  ensureLocale,
} from '../helpers/factories';
import { countStatements } from '../helpers/sql-count';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * Bounded public queries: every filter, sort and pagination a stranger may send answers 2xx or a
 * 400 in Strapi's error shape, a query over a limit is refused before any SQL, and the filters
 * docs/rest-api.md documents keep working.
 */
describe('public query limits (GET /api/blog/posts)', () => {
  let app: TestApp;
  let gardening: { slug: string };
  let networking: { slug: string };
  let tagged: { slug: string };
  let tag: { documentId: string; slug: string };
  let category: { documentId: string; slug: string };
  let author: { documentId: string; slug: string };

  beforeAll(async () => {
    app = await startApp();
    await ensureLocale(app.strapi, 'fr', 'French (fr)');
    tag = await createTag(app.strapi, { name: 'Limits' });
    category = await createCategory(app.strapi, { name: 'Bounded' });
    author = await createAuthor(app.strapi, { name: 'Limited Author' });
    gardening = await createPost(app.strapi, {
      title: 'Gardening lessons',
      originalDate: '2012-06-01',
      lessons: ['Water early', 'Mulch well', 'Be patient'],
    });
    networking = await createPost(app.strapi, {
      title: 'Networking lessons',
      originalDate: '2019-03-15',
      commentsEnabled: false,
      lessons: ['Listen first', 'Give before you ask'],
    });
    tagged = await createPost(app.strapi, {
      title: 'Tagged lessons',
      originalDate: '2021-01-01',
      lessons: ['Prune the roses'],
      tags: [tag.documentId],
      categories: [category.documentId],
      author: author.documentId,
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const list = (query: string) => app.http().get(`/api/blog/posts?${query}`);
  const slugs = (body: FindPosts.Response) => body.data.map((post) => post.slug).sort();
  /** `count` branches of `$or` (or `$and`), each through the lessons: each one join. */
  const lessonBranches = (count: number, group = '$or') =>
    Array.from(
      { length: count },
      (_, i) => `filters[${group}][${i}][lessons][text][$containsi]=x${i}`
    ).join('&');

  const expect400 = async (query: string, details: Record<string, unknown> = {}) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    const body = res.body as ErrorResponse;
    expect(body.data).toBeNull();
    expect(body.error).toEqual(
      expect.objectContaining({
        status: 400,
        name: 'ValidationError',
        message: expect.any(String),
        details: expect.objectContaining({ source: 'query', ...details }),
      })
    );
    return body.error;
  };

  describe('the cost model', () => {
    it.each([
      ['$or', 10],
      ['$or', 20],
      ['$and', 10],
    ])('refuses %s of %i branches through the lessons, naming maxJoins', async (group, count) => {
      const error = await expect400(lessonBranches(count, group), {
        limit: 'maxJoins',
        max: 2,
        actual: count,
      });
      expect(error.message).toContain('maxJoins');
    });

    it('refuses a query over a limit with no SQL beyond the permission check', async () => {
      const permissionCheck = await countStatements(app, () => list('unknown=1').expect(400));
      const refused = await countStatements(app, () => list(lessonBranches(20)).expect(400));
      expect(refused).toBe(permissionCheck);
      // The same count as a 400 the query engine never sees, and less than a read.
      const read = await countStatements(app, () => list(lessonBranches(1)).expect(200));
      expect(read).toBeGreaterThan(permissionCheck);
    });

    it('refuses too many conditions, too deep a nesting and too long a value', async () => {
      const titles = Array.from({ length: 11 }, (_, i) => `filters[$or][${i}][title]=t${i}`);
      await expect400(titles.join('&'), { limit: 'maxConditions', max: 10, actual: 11 });
      await expect400('filters[$not][$not][$not][$not][$not][$not][title]=x', {
        limit: 'maxDepth',
        max: 6,
      });
      await expect400(`filters[lessons][text][$containsi]=${'y'.repeat(101)}`, {
        limit: 'maxValueLength',
        max: 100,
        actual: 101,
      });
      await expect400('pagination[start]=100001', { limit: 'maxOffset', max: 100000 });
      await expect400('pagination[page]=4002&pagination[pageSize]=25', { limit: 'maxOffset' });
    });

    it('keeps the one-join forms fast and right', async () => {
      const one = await list('filters[lessons][text][$containsi]=MULCH').expect(200);
      expect(slugs(one.body)).toEqual([gardening.slug]);
      const either = await list(
        'filters[lessons][$or][0][text][$containsi]=mulch&filters[lessons][$or][1][text][$containsi]=listen'
      ).expect(200);
      expect(slugs(either.body)).toEqual([gardening.slug, networking.slug].sort());
      // One join each: both forms cost the same statements.
      const sql = async (query: string) => countStatements(app, () => list(query).expect(200));
      expect(await sql('filters[lessons][text][$containsi]=mulch')).toBe(
        await sql(
          'filters[lessons][$or][0][text][$containsi]=a&filters[lessons][$or][1][text][$containsi]=b'
        )
      );
      // Fields and a group under the lessons are one join, on the same lesson.
      const same = await list(
        'filters[lessons][text][$containsi]=be&filters[lessons][$or][0][text][$containsi]=patient&filters[lessons][$or][1][text][$containsi]=nothing'
      ).expect(200);
      expect(slugs(same.body)).toEqual([gardening.slug]);
      const notOnly = await list('filters[lessons][$not][text][$containsi]=e').expect(200);
      expect(slugs(notOnly.body)).not.toContain(gardening.slug);
    });
  });

  describe('filters through tags, categories and the author', () => {
    it('answers two joins: a tag and a category, or a tag and a lesson’s text', async () => {
      const both = await list(
        `filters[tags][slug][$eq]=${tag.slug}&filters[categories][slug][$eq]=${category.slug}`
      ).expect(200);
      expect(slugs(both.body)).toEqual([tagged.slug]);
      const withLesson = await list(
        `filters[tags][slug][$eq]=${tag.slug}&filters[lessons][text][$containsi]=roses`
      ).expect(200);
      expect(slugs(withLesson.body)).toEqual([tagged.slug]);
      const either = await list(
        `filters[$or][0][tags][name][$eqi]=LIMITS&filters[$or][1][lessons][text][$containsi]=mulch`
      ).expect(200);
      expect(slugs(either.body)).toEqual([gardening.slug, tagged.slug].sort());
    });

    it('refuses a third join, before any SQL beyond the permission check', async () => {
      const three =
        `filters[tags][slug][$eq]=${tag.slug}&filters[categories][slug][$eq]=${category.slug}` +
        `&filters[author][slug][$eq]=${author.slug}`;
      await expect400(three, { limit: 'maxJoins', max: 2, actual: 3 });
      await expect400(
        'filters[$or][0][tags][slug]=a&filters[$or][1][tags][slug]=b&filters[$or][2][tags][slug]=c',
        { limit: 'maxJoins', actual: 3 }
      );
      const permissionCheck = await countStatements(app, () => list('unknown=1').expect(400));
      expect(await countStatements(app, () => list(three).expect(400))).toBe(permissionCheck);
    });

    it.each([
      ['the author’s admin user', 'filters[author][user][email][$eq]=admin@example.com'],
      ['the author’s admin user in an $or', 'filters[$or][0][author][user][id][$eq]=1'],
      ['the author’s import key', 'filters[author][importKey][$null]=false'],
      ['a tag’s import key under $not', 'filters[tags][$not][importKey][$eq]=x'],
      ['a tag’s import key under $or', 'filters[tags][$or][0][importKey][$startsWith]=wp'],
      ['a category’s import key', 'filters[categories][importKey][$notNull]=true'],
      ['a category’s parent', 'filters[categories][parent][slug][$eq]=x'],
      ['a category’s children', 'filters[categories][children][name][$eq]=x'],
      ['the author’s avatar', 'filters[author][avatar][url][$containsi]=uploads'],
      ['the author’s bio', 'filters[author][bio][$containsi]=a'],
      ['a tag’s id', 'filters[tags][id][$eq]=1'],
      ['a tag’s locale', 'filters[tags][locale][$eq]=fr'],
      ['a tag’s posts', 'filters[tags][posts][slug][$eq]=x'],
      ['a tag’s creator', 'filters[tags][createdBy][email][$eq]=admin@example.com'],
      ['a tag as a value', 'filters[tags][$eq]=1'],
      ['a tag as a list', 'filters[tags][0]=1'],
      ['a tag slug with a list', 'filters[tags][slug][$eq][0]=a'],
      ['an unknown operator on a tag', 'filters[tags][slug][$regex]=.*'],
      ['the cover', 'filters[cover][url][$containsi]=uploads'],
      ['the SEO', 'filters[seo][metaTitle][$eq]=x'],
      ['the post’s other languages', 'filters[localizations][slug][$eq]=x'],
    ])('refuses a filter through %s with a 400', async (_label, query) => {
      await expect400(query);
    });

    it('bounds the new lists’ pagination like the posts’', async () => {
      for (const path of ['/api/blog/categories', '/api/blog/tags', '/api/blog/authors']) {
        const over = await app.http().get(`${path}?pagination[start]=100001`);
        expect(over.status).toBe(400);
        expect(over.body.error.details).toMatchObject({ limit: 'maxOffset', max: 100000 });
        for (const query of [
          'pagination[page]=99999999999999999999',
          'pagination[pageSize]=99999999999999999999',
          'pagination[page]=1e3',
          'pagination[page]=0',
          'pagination[page]=1&pagination[start]=0',
          'pagination[withCount]=sometimes',
          'pagination=1',
          'start=-1',
        ]) {
          const res = await app.http().get(`${path}?${query}`);
          expect({ query: `${path}?${query}`, status: res.status }).toEqual({
            query: `${path}?${query}`,
            status: 400,
          });
          expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
        }
        const page = await app.http().get(`${path}?pagination[pageSize]=1&locale=fr`).expect(200);
        expect(page.body.meta.pagination).toMatchObject({ page: 1, pageSize: 1 });
      }
    });
  });

  describe('input that answered 500', () => {
    it.each([
      ['a malformed date', 'filters[originalDate][$eq]=not-a-date'],
      ['an impossible date', 'filters[originalDate][$eq]=2023-02-29'],
      ['a malformed datetime', 'filters[createdAt][$gt]=%27%3B--'],
      ['a naughty datetime', 'filters[createdAt][$gt]=%F0%9F%98%80'],
      ['an operator where a field is expected', 'filters[$eq]=x'],
      ['a logical operator under a field', 'filters[title][$or][0][$eq]=x'],
      ['an operator under an operator', 'filters[title][$eq][$eq]=x'],
      ['$between with one value', 'filters[title][$between]=a'],
      [
        '$between with three values',
        'filters[originalDate][$between][0]=2000-01-01&filters[originalDate][$between][1]=2001-01-01&filters[originalDate][$between][2]=2002-01-01',
      ],
      ['$jsonSupersetOf', 'filters[title][$jsonSupersetOf]=a'],
      ['$containsi on a date', 'filters[originalDate][$containsi]=2008'],
      ['a boolean that is not one', 'filters[commentsEnabled][$eq]=maybe'],
      ['a list where a value is expected', 'filters[title][$eq][0]=a&filters[title][$eq][1]=b'],
      ['a value where a list is expected', 'filters[title][$in]=a'],
      ['$not of the lessons with an id', 'filters[lessons][$not]=1'],
      ['a huge offset', 'pagination[start]=99999999999999999999'],
      ['a huge page', 'pagination[page]=99999999999999999999'],
      ['a huge page size', 'pagination[pageSize]=99999999999999999999'],
      ['an exponent as a page', 'pagination[page]=1e3'],
      ['withCount that is not a boolean', 'pagination[withCount]=sometimes'],
    ])('answers a 400 to %s', async (_label, query) => {
      await expect400(query);
    });
  });

  describe('what docs/rest-api.md documents', () => {
    it.each([
      ['filters[title][$eq]=Gardening%20lessons', () => [gardening.slug]],
      ['filters[title][$containsi]=GARDEN', () => [gardening.slug]],
      [
        'filters[originalDate][$lt]=2015-01-01&filters[title][$endsWith]=lessons',
        () => [gardening.slug],
      ],
      [
        'filters[originalDate][$between][0]=2012-01-01&filters[originalDate][$between][1]=2019-12-31',
        () => [gardening.slug, networking.slug],
      ],
      ['filters[commentsEnabled][$eq]=false', () => [networking.slug]],
      ['filters[slug][$in][0]=x&filters[slug][$in][1]=networking-lessons-x', () => []],
      ['filters[createdAt][$lt]=2000-01-01T00:00:00Z', () => []],
      [
        'filters[$not][title][$containsi]=lessons&filters[title][$ne]=x&filters[excerpt][$null]=true',
        () => ['networking-biggest-mistake'],
      ],
    ])('answers %s', async (query, expected) => {
      const res = await list(query).expect(200);
      expect(slugs(res.body)).toEqual(expected().sort());
    });

    it('filters on createdAt and updatedAt as instants', async () => {
      const all = await list('filters[createdAt][$gt]=2000-01-01').expect(200);
      expect(all.body.meta.pagination.total).toBe(4);
      const future = await list('filters[updatedAt][$gte]=2999-01-01T00:00:00.000%2B02:00').expect(
        200
      );
      expect(future.body.data).toEqual([]);
    });
  });
});
