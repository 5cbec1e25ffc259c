import type { FindPost } from '../../contracts/posts';
import { COMMENT_UID } from '../../contracts/plugin';
import { createComment, createPost } from '../helpers/factories';
import { freshDatabase, removeDatabase, startApp, type TestApp } from '../helpers/strapi';

/**
 * A post's `commentCount` comes from a stored count per post. These tests move comments through
 * every change the product allows and check the count a reader sees each time.
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
  const setStatus = (key: string, status: string) =>
    app.strapi.documents(COMMENT_UID).update({ documentId: ids[key], data: { status } } as never);

  beforeAll(async () => {
    app = await startApp({ database, keepDb: true });
    posts.a = await createPost(app.strapi, { title: 'Counted A' });
    posts.b = await createPost(app.strapi, { title: 'Counted B' });
    for (const [key, status] of [
      ['one', 'approved'],
      ['two', 'approved'],
      ['three', 'approved'],
      ['held', 'pending'],
    ] as const) {
      ids[key] = (await createComment(app.strapi, { post: posts.a.documentId, status })).documentId;
    }
  });
  afterAll(async () => {
    await app?.stop();
    await removeDatabase(database);
  });

  it('counts approved comments only', async () => {
    expect(await countOf('a')).toBe(3);
    expect(await countOf('b')).toBe(0);
  });

  it('follows moderation both ways', async () => {
    await setStatus('one', 'spam');
    expect(await countOf('a')).toBe(2);
    await setStatus('held', 'approved');
    expect(await countOf('a')).toBe(3);
    await setStatus('held', 'approved'); // no change, no count
    expect(await countOf('a')).toBe(3);
  });

  it('drops a deleted approved comment, and nothing for a deleted spam one', async () => {
    await app.strapi.documents(COMMENT_UID).delete({ documentId: ids.two });
    expect(await countOf('a')).toBe(2);
    await app.strapi.documents(COMMENT_UID).delete({ documentId: ids.one });
    expect(await countOf('a')).toBe(2);
  });

  it('moves with a comment moved to another post', async () => {
    await app.strapi.documents(COMMENT_UID).update({
      documentId: ids.three,
      data: { post: posts.b.documentId },
    } as never);
    expect(await countOf('a')).toBe(1);
    expect(await countOf('b')).toBe(1);
  });

  it('is counted afresh on a boot that finds no counts', async () => {
    await app.strapi.db.connection('blog_comment_counts').delete();
    // Rows changed by hand: the public cache is told, as docs/caching.md asks.
    await app.strapi.plugin('blog').service('publicCache').invalidate(['comments']);
    expect(await countOf('a')).toBe(0);
    await app.stop();
    app = await startApp({ database, keepDb: true });
    expect(await countOf('a')).toBe(1);
    expect(await countOf('b')).toBe(1);
  });
});
