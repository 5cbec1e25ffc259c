import type { CommentThread, FindComments } from '../../contracts/comments';
import { createComment, createPost } from '../helpers/factories';
import { startApp, type TestApp } from '../helpers/strapi';

const at = (minute: number) => new Date(Date.UTC(2024, 2, 1, 10, minute)).toISOString();

describe('GET /api/blog/posts/:slug/comments', () => {
  let app: TestApp;
  let post: { documentId: string; slug: string };
  const ids: Record<string, string> = {};

  /**
   * The thread under test:
   *   A (approved, 10:01)
   *     A1 (approved, 10:05)
   *       A1a (approved, 10:06)
   *         A1a-i (approved, 10:07)
   *     A2 (pending)  → hidden, and so is its approved reply A2a
   *     A3 (approved, 10:04) → listed before A1: replies are chronological
   *   B (spam), C (rejected), D (pending) → hidden roots
   *   E (approved, 10:03), F (approved, no date)
   */
  beforeAll(async () => {
    app = await startApp();
    const { strapi } = app;
    post = await createPost(strapi, { title: 'Threaded' });
    const add = async (
      key: string,
      status: 'approved' | 'pending' | 'spam' | 'rejected',
      minute: number | null,
      parent?: string
    ) => {
      const created = await createComment(strapi, {
        post: post.documentId,
        parent: parent ? ids[parent] : undefined,
        status,
        content: `Comment ${key}`,
        authorName: `Author ${key}`,
        authorEmail: `${key.toLowerCase()}@private.example`,
        authorUrl: key === 'A' ? 'https://a.example' : undefined,
        submittedAt: minute === null ? null : at(minute),
        ipHash: `secret-ip-${key}`,
        userAgent: `SecretAgent ${key}`,
      });
      ids[key] = created.documentId;
    };
    await add('A', 'approved', 1);
    await add('A1', 'approved', 5, 'A');
    await add('A1a', 'approved', 6, 'A1');
    await add('A1a-i', 'approved', 7, 'A1a');
    await add('A2', 'pending', 8, 'A');
    await add('A2a', 'approved', 9, 'A2');
    await add('A3', 'approved', 4, 'A');
    await add('B', 'spam', 2);
    await add('C', 'rejected', 2);
    await add('D', 'pending', 2);
    await add('E', 'approved', 3);
    await add('F', 'approved', null);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const get = (query = '') => app.http().get(`/api/blog/posts/${post.slug}/comments${query}`);
  const outline = (threads: CommentThread[]): unknown[] =>
    threads.map((t) => (t.replies.length ? [t.content, outline(t.replies)] : t.content));

  it('nests approved replies under their parents, to any depth', async () => {
    const res = await get().expect(200);
    const body = res.body as FindComments.Response;
    // Oldest first; a comment without a date comes first.
    expect(outline(body.data)).toEqual([
      'Comment F',
      ['Comment A', ['Comment A3', ['Comment A1', [['Comment A1a', ['Comment A1a-i']]]]]],
      'Comment E',
    ]);
  });

  it('names each reply’s parent by documentId', async () => {
    const res = await get().expect(200);
    const a = (res.body as FindComments.Response).data.find((c) => c.content === 'Comment A')!;
    expect(a.parent).toBeNull();
    const a1 = a.replies.find((c) => c.content === 'Comment A1')!;
    expect(a1.parent).toBe(ids.A);
    expect(a1.replies[0].parent).toBe(ids.A1);
    expect(a1.replies[0].replies[0].parent).toBe(ids.A1a);
  });

  it('never shows a pending, spam or rejected comment, nor a reply under one', async () => {
    const text = JSON.stringify((await get().expect(200)).body);
    for (const key of ['A2', 'A2a', 'B', 'C', 'D']) {
      expect(text).not.toContain(`Comment ${key}"`);
      expect(text).not.toContain(ids[key]);
    }
  });

  it('shows only public fields, never an email, IP hash or user agent', async () => {
    const res = await get().expect(200);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('private.example');
    expect(text).not.toContain('secret-ip');
    expect(text).not.toContain('SecretAgent');
    const a = (res.body as FindComments.Response).data.find((c) => c.content === 'Comment A')!;
    expect(Object.keys(a).sort()).toEqual(
      [
        'authorName',
        'authorUrl',
        'content',
        'documentId',
        'editedAt',
        'parent',
        'replies',
        'staff',
        'submittedAt',
      ].sort()
    );
    expect(a).toEqual(
      expect.objectContaining({
        documentId: ids.A,
        authorName: 'Author A',
        authorUrl: 'https://a.example',
        submittedAt: at(1),
        staff: false,
      })
    );
  });

  it('paginates root comments and counts roots only', async () => {
    const page1 = await get('?pagination[page]=1&pagination[pageSize]=2').expect(200);
    expect(page1.body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, total: 3 });
    expect(page1.body.data.map((c: CommentThread) => c.content)).toEqual([
      'Comment F',
      'Comment A',
    ]);
    expect(page1.body.data[1].replies).toHaveLength(2);
    const page2 = await get('?pagination[page]=2&pagination[pageSize]=2').expect(200);
    expect(page2.body.data.map((c: CommentThread) => c.content)).toEqual(['Comment E']);
    const offset = await get('?pagination[start]=2&pagination[limit]=10').expect(200);
    expect(offset.body.meta.pagination).toEqual({ start: 2, limit: 10, total: 3 });
  });

  it('sorts roots newest first on request, replies staying chronological', async () => {
    const res = await get('?sort=submittedAt:desc').expect(200);
    expect(res.body.data.map((c: CommentThread) => c.content)).toEqual([
      'Comment E',
      'Comment A',
      'Comment F',
    ]);
    expect(res.body.data[1].replies.map((c: CommentThread) => c.content)).toEqual([
      'Comment A3',
      'Comment A1',
    ]);
  });

  it.each([
    ['a filter', '?filters[authorEmail][$eq]=a@private.example'],
    ['a filter on status', '?filters[status][$eq]=pending'],
    ['a sort on a private field', '?sort=authorEmail:asc'],
    ['a sort on status', '?sort=status'],
    ['a populate', '?populate[post]=true'],
    ['an unknown parameter', '?status=pending'],
  ])('refuses %s with a 400', async (_label, query) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual(
      expect.objectContaining({ status: 400, name: 'ValidationError' })
    );
  });

  it('answers 404 for an unknown or unpublished post', async () => {
    await app.http().get('/api/blog/posts/nope/comments').expect(404);
    const draft = await createPost(app.strapi, { title: 'Draft with comments' }, { draft: true });
    await createComment(app.strapi, { post: draft.documentId, status: 'approved' });
    const res = await app.http().get(`/api/blog/posts/${draft.slug}/comments`).expect(404);
    expect(res.body.error).toEqual(expect.objectContaining({ status: 404, name: 'NotFoundError' }));
  });

  it('answers an empty page for a post without approved comments', async () => {
    const quiet = await createPost(app.strapi, { title: 'Quiet' });
    await createComment(app.strapi, { post: quiet.documentId, status: 'pending' });
    const res = await app.http().get(`/api/blog/posts/${quiet.slug}/comments`).expect(200);
    expect(res.body).toEqual({
      data: [],
      meta: { pagination: { page: 1, pageSize: 25, pageCount: 0, total: 0 } },
    });
  });
});
