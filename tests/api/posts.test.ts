import { POST_UID } from '../../contracts/plugin';
import type { ErrorResponse } from '../../contracts/common';
import type { FindPost, FindPosts } from '../../contracts/posts';
import { createComment, createPost } from '../helpers/factories';
import { startApp, type TestApp } from '../helpers/strapi';

describe('GET /api/blog/posts and /api/blog/posts/:slug', () => {
  let app: TestApp;
  let older: { documentId: string; slug: string };
  let newer: { documentId: string; slug: string };
  let draft: { documentId: string; slug: string };

  beforeAll(async () => {
    app = await startApp();
    const { strapi } = app;
    older = await createPost(strapi, {
      title: 'Older post',
      originalDate: '2010-05-01',
      lessons: ['First', 'Second', 'Third'],
      authorName: 'Ann',
    });
    newer = await createPost(strapi, {
      title: 'Newer post',
      originalDate: '2021-09-30',
      authorName: 'Bob',
      commentsEnabled: false,
    });
    draft = await createPost(
      strapi,
      { title: 'Secret draft', originalDate: '2030-01-01' },
      { draft: true }
    );
    await createComment(strapi, { post: older.documentId, status: 'approved' });
    await createComment(strapi, { post: older.documentId, status: 'approved' });
    for (const status of ['pending', 'spam', 'rejected'] as const) {
      await createComment(strapi, { post: older.documentId, status });
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  const list = async (query = '') => {
    const res = await app.http().get(`/api/blog/posts${query}`);
    return res;
  };
  const slugs = (body: FindPosts.Response) => body.data.map((post) => post.slug);

  it('lists published posts only, newest originalDate first', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(slugs(res.body)).toEqual([newer.slug, older.slug, 'networking-biggest-mistake']);
    expect(JSON.stringify(res.body)).not.toContain('Secret draft');
  });

  it('gives each post its lessons in order and its approved-comment count', async () => {
    const res = await list();
    const post = (res.body as FindPosts.Response).data.find((p) => p.slug === older.slug)!;
    expect(post.lessons).toEqual([
      { position: 1, text: 'First' },
      { position: 2, text: 'Second' },
      { position: 3, text: 'Third' },
    ]);
    expect(post.commentCount).toBe(2);
    const other = (res.body as FindPosts.Response).data.find((p) => p.slug === newer.slug)!;
    expect(other.commentCount).toBe(0);
    expect(other.commentsEnabled).toBe(false);
  });

  it('answers the public post shape and nothing else', async () => {
    const res = await list();
    expect(Object.keys(res.body.data[0]).sort()).toEqual(
      [
        'author',
        'authorName',
        'body',
        'categories',
        'commentCount',
        'commentsEnabled',
        'cover',
        'createdAt',
        'documentId',
        'excerpt',
        'lessons',
        'lessonsHeading',
        'locale',
        'localizations',
        'originalDate',
        'publishedAt',
        'readingMinutes',
        'seo',
        'slug',
        'tags',
        'title',
        'updatedAt',
        'wordCount',
      ].sort()
    );
    expect(res.body.meta).toEqual({
      pagination: { page: 1, pageSize: 25, pageCount: 1, total: 3 },
    });
  });

  it('pages with pagination[page] and pagination[pageSize]', async () => {
    const res = await list('?pagination[page]=2&pagination[pageSize]=2');
    expect(res.status).toBe(200);
    expect(slugs(res.body)).toEqual(['networking-biggest-mistake']);
    expect(res.body.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 2, total: 3 });
  });

  it('pages with start and limit, in pagination[] or at the top level', async () => {
    const nested = await list('?pagination[start]=1&pagination[limit]=1');
    expect(slugs(nested.body)).toEqual([older.slug]);
    expect(nested.body.meta.pagination).toEqual({ start: 1, limit: 1, total: 3 });
    const top = await list('?start=2&limit=5');
    expect(slugs(top.body)).toEqual(['networking-biggest-mistake']);
    expect(top.body.meta.pagination).toEqual({ start: 2, limit: 5, total: 3 });
  });

  it('caps the page size at the configured maximum', async () => {
    const res = await list('?pagination[pageSize]=100000');
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination.pageSize).toBe(100);
    const all = await list('?pagination[limit]=-1');
    expect(all.body.meta.pagination.limit).toBe(100);
  });

  it('sorts on public fields', async () => {
    const byTitle = await list('?sort=title:asc');
    expect(slugs(byTitle.body)).toEqual(['networking-biggest-mistake', newer.slug, older.slug]);
    const byDate = await list('?sort[0]=originalDate:asc');
    expect(slugs(byDate.body)).toEqual(['networking-biggest-mistake', older.slug, newer.slug]);
  });

  it('filters on public fields, lessons included', async () => {
    const byAuthor = await list('?filters[authorName][$eq]=Bob');
    expect(slugs(byAuthor.body)).toEqual([newer.slug]);
    expect(byAuthor.body.meta.pagination.total).toBe(1);
    const byLesson = await list('?filters[lessons][text][$containsi]=second');
    expect(slugs(byLesson.body)).toEqual([older.slug]);
    const byOr = await list(
      `?filters[$or][0][slug][$eq]=${older.slug}&filters[$or][1][slug][$eq]=${newer.slug}`
    );
    expect(slugs(byOr.body).sort()).toEqual([newer.slug, older.slug].sort());
  });

  it('never finds a draft, even by filtering on it', async () => {
    const res = await list('?filters[title][$eq]=Secret%20draft');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
    await app.http().get(`/api/blog/posts/${draft.slug}`).expect(404);
  });

  it.each([
    ['a private comment field through the relation', '?filters[comments][authorEmail][$eq]=a@b.c'],
    ['a comment status through the relation', '?filters[comments][status][$eq]=pending'],
    ['an unknown field', '?filters[password][$eq]=x'],
    ['an unknown operator', '?filters[title][$regex]=x'],
    ['sorting on a relation', '?sort=comments:asc'],
    ['sorting on an unknown field', '?sort=secret'],
    ['populating', '?populate=*'],
    ['picking fields', '?fields[0]=title'],
    ['an unknown parameter', '?foo=bar'],
    ['mixed pagination styles', '?pagination[page]=1&pagination[limit]=2'],
    ['a non-numeric page', '?pagination[page]=abc'],
    ['a zero page', '?pagination[page]=0'],
  ])('refuses %s with a 400 in Strapi’s error shape', async (_label, query) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    const body = res.body as ErrorResponse;
    expect(body.data).toBeNull();
    expect(body.error).toEqual(
      expect.objectContaining({ status: 400, name: 'ValidationError', message: expect.any(String) })
    );
    expect(body.error.details).toEqual(expect.any(Object));
  });

  it('serves one post by slug with the same shape as the list', async () => {
    const res = await app.http().get(`/api/blog/posts/${older.slug}`).expect(200);
    const { data, meta } = res.body as FindPost.Response;
    expect(meta).toEqual({});
    const fromList = (await list()).body.data.find(
      (post: { slug: string }) => post.slug === older.slug
    );
    expect(data).toEqual(fromList);
  });

  it('answers 404 in Strapi’s error shape for an unknown slug', async () => {
    const res = await app.http().get('/api/blog/posts/no-such-post').expect(404);
    expect(res.body).toEqual({
      data: null,
      error: { status: 404, name: 'NotFoundError', message: 'Post not found', details: {} },
    });
  });

  it('stops serving a post once it is unpublished, and serves it again when republished', async () => {
    const { strapi } = app;
    const temp = await createPost(strapi, { title: 'Comes and goes' });
    await createComment(strapi, { post: temp.documentId, status: 'approved' });
    await app.http().get(`/api/blog/posts/${temp.slug}`).expect(200);

    await strapi.documents(POST_UID).unpublish({ documentId: temp.documentId });
    await app.http().get(`/api/blog/posts/${temp.slug}`).expect(404);
    await app.http().get(`/api/blog/posts/${temp.slug}/comments`).expect(404);

    await strapi.documents(POST_UID).publish({ documentId: temp.documentId });
    const again = await app.http().get(`/api/blog/posts/${temp.slug}`).expect(200);
    expect(again.body.data.commentCount).toBe(1);
    const comments = await app.http().get(`/api/blog/posts/${temp.slug}/comments`).expect(200);
    expect(comments.body.data).toHaveLength(1);

    await strapi.documents(POST_UID).delete({ documentId: temp.documentId });
  });

  it('shows the published version while a newer draft waits', async () => {
    const { strapi } = app;
    await strapi.documents(POST_UID).update({
      documentId: older.documentId,
      data: { title: 'Unpublished new title' },
    } as never);
    const res = await app.http().get(`/api/blog/posts/${older.slug}`).expect(200);
    expect(res.body.data.title).toBe('Older post');
    expect(JSON.stringify((await list()).body)).not.toContain('Unpublished new title');
  });
});
