import type { CommentThread, FindComments } from '../../contracts/comments';
import { COMMENT_UID } from '../../contracts/plugin';
import { createComment, createPost } from '../helpers/factories';
import { freshDatabase, removeDatabase, startApp, type TestApp } from '../helpers/strapi';

/**
 * Public thread pages read each comment's copies of its post, parent and thread root. These
 * tests change the relations every way the product allows and check that readers see the thread
 * the relations say, and that comments written without copies are filled on the next boot.
 */
describe('thread copies follow the relations', () => {
  const database = freshDatabase();
  let app: TestApp;
  let slug: string;
  let postId: string;
  const ids: Record<string, string> = {};

  const add = async (key: string, parent?: string) => {
    const created = await createComment(app.strapi, {
      post: postId,
      parent: parent ? ids[parent] : undefined,
      content: `Comment ${key}`,
    });
    ids[key] = created.documentId;
  };

  const outline = (threads: CommentThread[]): unknown[] =>
    threads.map((t) =>
      t.replies.length ? [t.content.slice(8), outline(t.replies)] : t.content.slice(8)
    );
  const thread = async () => {
    const res = await app.http().get(`/api/blog/posts/${slug}/comments`).expect(200);
    return outline((res.body as FindComments.Response).data);
  };

  beforeAll(async () => {
    app = await startApp({ database, keepDb: true });
    const post = await createPost(app.strapi, { title: 'Copies' });
    slug = post.slug;
    postId = post.documentId;
    await add('A');
    await add('A1', 'A');
    await add('A1a', 'A1');
    await add('A1a-i', 'A1a');
    await add('B');
    await add('B1', 'B');
    await add('B1a', 'B1');
  });
  afterAll(async () => {
    await app?.stop();
    await removeDatabase(database);
  });

  it('shows the thread as written', async () => {
    expect(await thread()).toEqual([
      ['A', [['A1', [['A1a', ['A1a-i']]]]]],
      ['B', [['B1', ['B1a']]]],
    ]);
  });

  it('moves the replies of a deleted reply up to its parent', async () => {
    await app.strapi.documents(COMMENT_UID).delete({ documentId: ids.A1 });
    expect(await thread()).toEqual([
      ['A', [['A1a', ['A1a-i']]]],
      ['B', [['B1', ['B1a']]]],
    ]);
  });

  it('makes the replies of a deleted root comment roots, with their own replies', async () => {
    await app.strapi.documents(COMMENT_UID).delete({ documentId: ids.A });
    expect(await thread()).toEqual([
      ['A1a', ['A1a-i']],
      ['B', [['B1', ['B1a']]]],
    ]);
  });

  it('follows a reply moved under another comment in code or the Content Manager', async () => {
    await app.strapi.documents(COMMENT_UID).update({
      documentId: ids.B1,
      data: { parent: ids['A1a-i'] },
    } as never);
    expect(await thread()).toEqual([[`A1a`, [['A1a-i', [['B1', ['B1a']]]]]], 'B']);
  });

  it('ignores copies a caller tries to set by hand', async () => {
    await app.strapi.documents(COMMENT_UID).update({
      documentId: ids.B,
      data: { parentDocumentId: ids.A1a, rootDocumentId: ids.A1a, content: 'Comment B' },
    } as never);
    expect(await thread()).toEqual([[`A1a`, [['A1a-i', [['B1', ['B1a']]]]]], 'B']);
  });

  it('fills the copies of comments written without them on the next boot', async () => {
    await app.strapi.db.query(COMMENT_UID).updateMany({
      where: {},
      data: { postDocumentId: null, parentDocumentId: null, rootDocumentId: null },
    });
    // Without copies a comment is on no public page (it is still in the moderation queue) …
    expect(await thread()).toEqual([]);
    await app.stop();
    app = await startApp({ database, keepDb: true });
    // … until the next boot fills them from the relations.
    expect(await thread()).toEqual([[`A1a`, [['A1a-i', [['B1', ['B1a']]]]]], 'B']);
  });

  it("puts the replies of a deleted reply after its parent's own, in the editors' list", async () => {
    const post = await createPost(app.strapi, { title: 'Reply order' });
    const on = async (content: string, parent?: string) =>
      (await createComment(app.strapi, { post: post.documentId, parent, content })).documentId;
    const top = await on('Top');
    const first = await on('First', top);
    await on('Second', top);
    await on('First, a', first);
    await on('First, b', first);
    await app.strapi.documents(COMMENT_UID).delete({ documentId: first });
    const found = (await app.strapi.documents(COMMENT_UID).findOne({
      documentId: top,
      populate: { replies: { fields: ['content'] } },
    } as never)) as unknown as { replies: Array<{ content: string }> };
    expect(found.replies.map((reply) => reply.content)).toEqual(['Second', 'First, a', 'First, b']);
  });
});
