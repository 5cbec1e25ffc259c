import type { FindComments } from '../../contracts/comments';
import type { FindPost } from '../../contracts/posts';
import { COMMENT_UID } from '../../contracts/plugin';
import { createComment, createPost } from '../helpers/factories';
import { freshDatabase, removeDatabase, startApp, type TestApp } from '../helpers/strapi';

/**
 * A post's `commentCount` and its thread's `total` (approved root comments) come from counts
 * stored per post. These tests move comments through every change the product allows and check,
 * each time, what a reader sees and that the stored roots count equals a count of the comments.
 */
describe('approved-comment counts', () => {
  const database = freshDatabase();
  let app: TestApp;
  const posts: Record<'a' | 'b', { documentId: string; slug: string }> = {} as never;
  const ids: Record<string, string> = {};

  const countOf = async (post: 'a' | 'b') => {
    const res = await app.http().get(`/api/blog/posts/${posts[post].slug}`).expect(200);
    return (res.body as FindPost.Response).data.commentCount;
  };
  const threadOf = async (post: 'a' | 'b') => {
    const res = await app.http().get(`/api/blog/posts/${posts[post].slug}/comments`).expect(200);
    const body = res.body as FindComments.Response;
    return { total: body.meta.pagination.total, roots: body.data.map((c) => c.documentId) };
  };
  /** The stored roots count of a post (null: not filled), and the approved roots it has. */
  const rootsOf = async (post: 'a' | 'b') => {
    const knex = app.strapi.db.connection;
    const row = (await knex('blog_comment_counts')
      .where('post_document_id', posts[post].documentId)
      .first('approved_roots')) as { approved_roots: number | string | null } | undefined;
    const [{ counted }] = (await knex('blog_comments')
      .where({ post_document_id: posts[post].documentId, status: 'approved' })
      .whereNull('parent_document_id')
      .count({ counted: '*' })) as Array<{ counted: number | string }>;
    const stored = row?.approved_roots;
    return { stored: stored == null ? stored : Number(stored), counted: Number(counted) };
  };
  /** What a reader sees of a post, after checking the stored count against the comments. */
  const seen = async (post: 'a' | 'b') => {
    const roots = await rootsOf(post);
    if (typeof roots.stored === 'number') expect(roots.stored).toBe(roots.counted);
    const thread = await threadOf(post);
    expect(thread.total).toBe(roots.counted);
    return { count: await countOf(post), total: thread.total };
  };
  const setStatus = (key: string, status: string) =>
    app.strapi.documents(COMMENT_UID).update({ documentId: ids[key], data: { status } } as never);
  const comments = () => app.strapi.documents(COMMENT_UID);

  beforeAll(async () => {
    app = await startApp({ database, keepDb: true });
    posts.a = await createPost(app.strapi, { title: 'Counted A' });
    posts.b = await createPost(app.strapi, { title: 'Counted B' });
    for (const [key, status, parent] of [
      ['one', 'approved', null],
      ['two', 'approved', null],
      ['three', 'approved', null],
      ['held', 'pending', null],
      ['reply', 'approved', 'two'],
      ['deep', 'approved', 'reply'],
    ] as const) {
      ids[key] = (
        await createComment(app.strapi, {
          post: posts.a.documentId,
          status,
          parent: parent ? ids[parent] : undefined,
        })
      ).documentId;
    }
  });
  afterAll(async () => {
    await app?.stop();
    await removeDatabase(database);
  });

  it('counts approved comments, and approved roots for the thread', async () => {
    expect(await seen('a')).toEqual({ count: 5, total: 3 });
    expect(await seen('b')).toEqual({ count: 0, total: 0 });
  });

  it('follows moderation both ways, a root in both counts and a reply in one', async () => {
    await setStatus('one', 'spam');
    expect(await seen('a')).toEqual({ count: 4, total: 2 });
    await setStatus('held', 'approved');
    expect(await seen('a')).toEqual({ count: 5, total: 3 });
    await setStatus('held', 'approved'); // no change, no count
    expect(await seen('a')).toEqual({ count: 5, total: 3 });
    await setStatus('reply', 'pending');
    expect(await seen('a')).toEqual({ count: 4, total: 3 });
    await setStatus('reply', 'approved');
    expect(await seen('a')).toEqual({ count: 5, total: 3 });
  });

  it('takes a trashed root and its replies out of the counts, and puts them back', async () => {
    await setStatus('two', 'trash');
    expect(await seen('a')).toEqual({ count: 2, total: 2 });
    await setStatus('two', 'approved');
    expect(await seen('a')).toEqual({ count: 5, total: 3 });
  });

  it('counts a new approved reply once, and not as a root', async () => {
    ids.late = (
      await createComment(app.strapi, { post: posts.a.documentId, parent: ids.three })
    ).documentId;
    expect(await seen('a')).toEqual({ count: 6, total: 3 });
  });

  it('makes the approved replies of a deleted root roots, and drops the root', async () => {
    // `two` (approved) has `reply` (approved), which has `deep`: `reply` becomes a root.
    await comments().delete({ documentId: ids.two });
    expect(await seen('a')).toEqual({ count: 5, total: 3 });
    expect((await threadOf('a')).roots).toContain(ids.reply);
    // A spam root without replies: neither count moves.
    await comments().delete({ documentId: ids.one });
    expect(await seen('a')).toEqual({ count: 5, total: 3 });
    // A reply: the approved count only.
    await comments().delete({ documentId: ids.deep });
    expect(await seen('a')).toEqual({ count: 4, total: 3 });
  });

  it('moves with a comment moved to another post or under another parent', async () => {
    // Post a: `three` with its reply `late`, `held` and `reply` (now roots), all approved.
    await comments().update({ documentId: ids.held, data: { post: posts.b.documentId } } as never);
    expect(await seen('a')).toEqual({ count: 3, total: 2 });
    expect(await seen('b')).toEqual({ count: 1, total: 1 });
    await comments().update({ documentId: ids.reply, data: { parent: ids.three } } as never);
    expect(await seen('a')).toEqual({ count: 3, total: 1 });
    await comments().update({ documentId: ids.reply, data: { parent: null } } as never);
    expect(await seen('a')).toEqual({ count: 3, total: 2 });
  });

  it('counts the roots when a stored count is not filled yet, and fills it on boot', async () => {
    const knex = app.strapi.db.connection;
    await knex('blog_comment_counts').update({ approved_roots: null });
    // Rows changed by hand: the public cache is told, as docs/caching.md asks.
    await app.strapi.plugin('blog').service('publicCache').invalidate(['comments']);
    expect((await rootsOf('a')).stored).toBeNull();
    expect(await seen('a')).toEqual({ count: 3, total: 2 });
    // A count that is not filled stays unfilled through a change: the fallback still counts.
    await setStatus('three', 'pending');
    expect((await rootsOf('a')).stored).toBeNull();
    expect(await seen('a')).toEqual({ count: 2, total: 1 });
    await app.stop();
    app = await startApp({ database, keepDb: true });
    expect((await rootsOf('a')).stored).toBe(1);
    expect((await rootsOf('b')).stored).toBe(1);
    expect(await seen('a')).toEqual({ count: 2, total: 1 });
  });

  it('is counted afresh on a boot that finds no counts', async () => {
    await app.strapi.db.connection('blog_comment_counts').delete();
    await app.strapi.plugin('blog').service('publicCache').invalidate(['comments']);
    expect(await countOf('a')).toBe(0);
    await app.stop();
    app = await startApp({ database, keepDb: true });
    expect(await seen('a')).toEqual({ count: 2, total: 1 });
    expect(await seen('b')).toEqual({ count: 1, total: 1 });
  });
});
