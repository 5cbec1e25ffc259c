import { COMMENT_UID, PLUGIN_ID, POST_UID } from '../../contracts/plugin';
import type { FindLessons } from '../../contracts/lessons';
import type { FindQueue } from '../../contracts/moderation';
import { adminToken } from '../helpers/admin';
import { createComment, createPost } from '../helpers/factories';
import { startApp, type TestApp } from '../helpers/strapi';

const CM = '/content-manager';
const LAYOUT_RECORD = 'content-manager-layout-fields-applied';

type EditCell = { name: string };
type Configuration = {
  layouts: { edit: EditCell[][] };
  metadatas: Record<string, { edit: { editable?: boolean; visible?: boolean } }>;
};

/**
 * What the Blog's admin views read from the server beyond the plugin's own pages: the Lessons
 * view's post state, the side panels' queue reads, and the Content Manager edit views.
 */
describe('the admin views’ server side', () => {
  let app: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    app = await startApp();
    auth = { Authorization: `Bearer ${await adminToken(app)}` };
  });
  afterAll(async () => {
    await app?.stop();
  });

  const configuration = async (uid: string): Promise<Configuration> =>
    (await app.http().get(`${CM}/content-types/${uid}/configuration`).set(auth).expect(200)).body
      .data.contentType;
  const editFields = (config: Configuration) => config.layouts.edit.flat().map((cell) => cell.name);

  it('gives each lesson its post’s state: draft, published, or published with changes', async () => {
    await createPost(app.strapi, { title: 'State draft', lessons: ['d'] }, { draft: true });
    await createPost(app.strapi, { title: 'State published', lessons: ['p'] });
    const modified = await createPost(app.strapi, { title: 'State modified', lessons: ['m'] });
    // The draft changes a moment after publication (timestamps of every dialect tell them apart).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await app.strapi.documents(POST_UID).update({
      documentId: modified.documentId,
      data: { title: 'State modified' },
    } as never);

    const res = await app.http().get('/blog/lessons?q=state').set(auth).expect(200);
    const body = res.body as FindLessons.Response;
    expect(body.data.map((lesson) => [lesson.post.title, lesson.post.state])).toEqual([
      ['State draft', 'draft'],
      ['State modified', 'modified'],
      ['State published', 'published'],
    ]);
    expect(body.meta.pagination.total).toBe(3);
  });

  it('reads one comment of the queue by its documentId, for the comment’s side panel', async () => {
    const post = await createPost(app.strapi, { title: 'Queue by comment' });
    const held = await createComment(app.strapi, { post: post.documentId, status: 'pending' });
    await createComment(app.strapi, { post: post.documentId, status: 'spam' });

    const one = await app
      .http()
      .get(`/blog/comments?comment=${held.documentId}&pageSize=1`)
      .set(auth)
      .expect(200);
    const body = one.body as FindQueue.Response;
    expect(body.data.map((c) => [c.documentId, c.status])).toEqual([[held.documentId, 'pending']]);
    expect(body.meta.counts).toEqual({ pending: 1, approved: 0, spam: 0, rejected: 0, trash: 0 });

    // The post's side panel: its counts by status in one read.
    const byPost = await app
      .http()
      .get(`/blog/comments?post=${post.documentId}&pageSize=1`)
      .set(auth)
      .expect(200);
    expect(byPost.body.meta.counts).toEqual({
      pending: 1,
      approved: 0,
      spam: 1,
      rejected: 0,
      trash: 0,
    });

    await app.http().get('/blog/comments?comment[]=a&comment[]=b').set(auth).expect(400);
  });

  it('leaves the comments relation out of the post’s edit view, not editable', async () => {
    const post = await configuration(POST_UID);
    expect(editFields(post)).not.toContain('comments');
    expect(editFields(post)).toContain('commentsEnabled');
    expect(post.metadatas.comments.edit).toEqual(
      expect.objectContaining({ editable: false, visible: false })
    );
  });

  it('leaves the comment’s plugin-set fields out of its edit view, their limits kept', async () => {
    const comment = await configuration(COMMENT_UID);
    const fields = editFields(comment);
    for (const field of ['ipHash', 'userAgent', 'moderationReason', 'status']) {
      expect(fields).not.toContain(field);
    }
    expect(fields).toEqual(expect.arrayContaining(['authorName', 'authorEmail', 'content']));

    // The schema still bounds them: a write past the limit is refused.
    const init = await app.http().get(`${CM}/init`).set(auth).expect(200);
    const type = (
      init.body.data.contentTypes as Array<{ uid: string; attributes: Record<string, object> }>
    ).find((contentType) => contentType.uid === COMMENT_UID)!;
    expect(type.attributes.ipHash).toEqual(expect.objectContaining({ maxLength: 128 }));
  });

  it('brings the revised defaults to an install that applied the earlier ones, once', async () => {
    const store = app.strapi.store({ type: 'plugin', name: PLUGIN_ID });
    const record = (await store.get({ key: LAYOUT_RECORD })) as Record<string, string[]>;
    // As version 0.2 left it: the relation in the edit view, editable, recorded by its name.
    const strip = (names: string[]) => names.map((name) => name.replace(/@\d+$/, ''));
    await store.set({
      key: LAYOUT_RECORD,
      value: { ...record, [POST_UID]: strip(record[POST_UID]) },
    });
    const url = `${CM}/content-types/${POST_UID}/configuration`;
    const current = (await app.http().get(url).set(auth).expect(200)).body.data.contentType;
    current.metadatas.comments.edit = {
      ...current.metadatas.comments.edit,
      editable: true,
      visible: true,
    };
    current.metadatas.title.edit.label = 'Headline';
    current.layouts.edit.push([{ name: 'comments', size: 6 }]);
    for (const meta of Object.values(current.metadatas) as Array<{ list: object }>) {
      meta.list = Object.fromEntries(
        Object.entries(meta.list).filter(([key]) => key !== 'mainField')
      );
    }
    await app
      .http()
      .put(url)
      .set(auth)
      .send({ settings: current.settings, metadatas: current.metadatas, layouts: current.layouts })
      .expect(200);

    const layout = app.strapi.plugin(PLUGIN_ID).service('contentManagerLayout');
    expect(await layout.applyDefaultsOnce()).toEqual([POST_UID]);
    const after = await configuration(POST_UID);
    expect(editFields(after)).not.toContain('comments');
    expect(after.metadatas.comments.edit.editable).toBe(false);
    // Only the revised field: the editor's own label of another stays.
    expect((after.metadatas.title.edit as { label?: string }).label).toBe('Headline');
    expect(await layout.applyDefaultsOnce()).toEqual([]);
  });
});
