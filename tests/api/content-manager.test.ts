import { COMMENT_UID, POST_UID } from '../../contracts/plugin';
import { adminToken } from '../helpers/admin';
import { createComment, createPost } from '../helpers/factories';
import { startApp, type TestApp } from '../helpers/strapi';

const CM = '/content-manager';
const COMMENT_CONFIGURATION = `${CM}/content-types/${COMMENT_UID}/configuration`;

type Metadatas = Record<string, { edit: Record<string, unknown>; list: Record<string, unknown> }>;
type Cell = { name: string; size: number };

/** The comment's fields on main before this version, as its store recorded them. */
const COMMENT_FIELDS_APPLIED_BEFORE = [
  'post',
  'parent',
  'replies',
  'authorName',
  'authorEmail',
  'authorUrl',
  'content',
  'status',
  'moderationReason@2',
  'ipHash@2',
  'userAgent@2',
  'submittedAt',
];

/**
 * The plugin registers `blog.lesson` itself (Strapi loads components only from the app), so
 * these tests pin what editors rely on: the Content Manager knows the component, edits the
 * lessons of a post, and keeps their order as the public API shows it.
 */
describe('the Content Manager edits posts and their lessons', () => {
  let app: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    app = await startApp();
    auth = { Authorization: `Bearer ${await adminToken(app)}` };
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('knows the lesson component and both content types', async () => {
    const init = await app.http().get(`${CM}/init`).set(auth).expect(200);
    const components = init.body.data.components as Array<{ uid: string; attributes: object }>;
    const lesson = components.find((component) => component.uid === 'blog.lesson');
    expect(lesson).toBeDefined();
    expect(lesson!.attributes).toEqual(
      expect.objectContaining({
        text: expect.objectContaining({ type: 'text', required: true, maxLength: 500 }),
      })
    );
    const uids = (init.body.data.contentTypes as Array<{ uid: string; isDisplayed: boolean }>)
      .filter((type) => type.uid.startsWith('plugin::blog.'))
      .map((type) => [type.uid, type.isDisplayed]);
    expect(uids).toEqual(
      expect.arrayContaining([
        [POST_UID, true],
        [COMMENT_UID, true],
      ])
    );
  });

  it('has an edit-view layout for the lessons component', async () => {
    const res = await app
      .http()
      .get(`${CM}/content-types/${POST_UID}/configuration`)
      .set(auth)
      .expect(200);
    expect(res.body.data.components['blog.lesson']).toBeDefined();
    const fields = JSON.stringify(res.body.data.contentType.layouts.edit);
    expect(fields).toContain('"name":"lessons"');
  });

  it('labels the fields for editors and titles each lesson row with its text', async () => {
    const res = await app
      .http()
      .get(`${CM}/content-types/${POST_UID}/configuration`)
      .set(auth)
      .expect(200);
    const { contentType, components } = res.body.data;
    expect(contentType.metadatas.originalDate.edit.label).toBe('Original date');
    expect(contentType.metadatas.lessons.edit.label).toBe('Lessons');
    expect(components['blog.lesson'].settings.mainField).toBe('text');

    const comments = await app
      .http()
      .get(`${CM}/content-types/plugin::blog.comment/configuration`)
      .set(auth)
      .expect(200);
    const comment = comments.body.data.contentType;
    expect(comment.layouts.list).toEqual([
      'id',
      'authorName',
      'post',
      'submittedAt',
      'moderationReason',
    ]);
    // `status` is draft & publish state to the Content Manager: the edit view leaves it out.
    expect(JSON.stringify(comment.layouts.edit)).not.toContain('"status"');
    expect(JSON.stringify(comment.layouts.edit)).toContain('"content"');
    expect(comment.metadatas.ipHash.edit.editable).toBe(false);
  });

  it('applies those defaults once: an editor’s own labels stay', async () => {
    const url = `${CM}/content-types/${POST_UID}/configuration`;
    const current = (await app.http().get(url).set(auth).expect(200)).body.data.contentType;
    current.metadatas.originalDate.edit.label = 'Written on';
    // The admin sends list metadatas without the relation display field the GET adds.
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

    const applied = await app.strapi
      .plugin('blog')
      .service('contentManagerLayout')
      .applyDefaultsOnce();
    expect(applied).toEqual([]);
    const after = (await app.http().get(url).set(auth).expect(200)).body.data.contentType;
    expect(after.metadatas.originalDate.edit.label).toBe('Written on');
  });

  it('opens the seed post with its five lessons', async () => {
    const list = await app
      .http()
      .get(`${CM}/collection-types/${POST_UID}?filters[slug][$eq]=networking-biggest-mistake`)
      .set(auth)
      .expect(200);
    const { documentId } = list.body.results[0];
    const res = await app
      .http()
      .get(`${CM}/collection-types/${POST_UID}/${documentId}`)
      .set(auth)
      .expect(200);
    expect(res.body.data.title).toBe('Networking biggest mistake?');
    expect(res.body.data.lessons.map((lesson: { text: string }) => lesson.text)).toEqual([
      'A network for the fun a meeting new people... and make true friends.',
      'A network to share stories, tips and tricks.',
      'A network to learn.',
      'A network to find help, unexpectedly, surprisingly.',
      'A network to find a job ...when someone will offer you one!',
    ]);
  });

  it('creates, reorders and publishes lessons as an editor would, and the API follows', async () => {
    const created = await app
      .http()
      .post(`${CM}/collection-types/${POST_UID}`)
      .set(auth)
      .send({
        title: 'Edited in the admin',
        slug: 'edited-in-the-admin',
        lessons: [{ text: 'one' }, { text: 'two' }, { text: 'three' }],
      })
      .expect(201);
    const { documentId } = created.body.data;
    await app
      .http()
      .post(`${CM}/collection-types/${POST_UID}/${documentId}/actions/publish`)
      .set(auth)
      .send({})
      .expect(200);

    const before = await app.http().get('/api/blog/posts/edited-in-the-admin').expect(200);
    expect(before.body.data.lessons.map((l: { text: string }) => l.text)).toEqual([
      'one',
      'two',
      'three',
    ]);
    expect(before.body.data.commentsEnabled).toBe(true);

    // Drag "three" to the top, as the edit view sends it: same components, new order.
    const draft = await app
      .http()
      .get(`${CM}/collection-types/${POST_UID}/${documentId}`)
      .set(auth)
      .expect(200);
    const [one, two, three] = draft.body.data.lessons as Array<{ id: number; text: string }>;
    await app
      .http()
      .put(`${CM}/collection-types/${POST_UID}/${documentId}`)
      .set(auth)
      .send({ ...draft.body.data, lessons: [three, one, { ...two, text: 'two, edited' }] })
      .expect(200);
    await app
      .http()
      .post(`${CM}/collection-types/${POST_UID}/${documentId}/actions/publish`)
      .set(auth)
      .send({})
      .expect(200);

    const after = await app.http().get('/api/blog/posts/edited-in-the-admin').expect(200);
    expect(after.body.data.lessons).toEqual([
      { position: 1, text: 'three' },
      { position: 2, text: 'one' },
      { position: 3, text: 'two, edited' },
    ]);
  });

  it('refuses a lesson longer than 500 characters, and publishing a lesson without text', async () => {
    const tooLong = await app
      .http()
      .post(`${CM}/collection-types/${POST_UID}`)
      .set(auth)
      .send({ title: 'Long lesson', slug: 'long-lesson', lessons: [{ text: 'x'.repeat(501) }] });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.name).toBe('ValidationError');

    // Strapi 5 lets a draft be incomplete; `required` holds when it is published.
    const empty = await app
      .http()
      .post(`${CM}/collection-types/${POST_UID}`)
      .set(auth)
      .send({ title: 'Empty lesson', slug: 'empty-lesson', lessons: [{ text: '' }] })
      .expect(201);
    const publish = await app
      .http()
      .post(`${CM}/collection-types/${POST_UID}/${empty.body.data.documentId}/actions/publish`)
      .set(auth)
      .send({});
    expect(publish.status).toBe(400);
    expect(publish.body.error.name).toBe('ValidationError');
    await app.http().get('/api/blog/posts/empty-lesson').expect(404);
  });

  it('saves a comment from its edit view without touching its moderation status', async () => {
    const thread = await app
      .http()
      .get('/api/blog/posts/networking-biggest-mistake/comments')
      .expect(200);
    const { documentId } = thread.body.data[0];
    const url = `${CM}/collection-types/plugin::blog.comment/${documentId}`;
    const opened = await app.http().get(url).set(auth).expect(200);
    await app
      .http()
      .put(url)
      .set(auth)
      .send({
        authorName: opened.body.data.authorName,
        authorUrl: 'https://followmyfitness.example',
      })
      .expect(200);

    const row = await app.strapi.db
      .query(COMMENT_UID)
      .findOne({ where: { documentId }, select: ['status', 'authorUrl'] });
    expect(row).toEqual({ status: 'approved', authorUrl: 'https://followmyfitness.example' });
    const after = await app
      .http()
      .get('/api/blog/posts/networking-biggest-mistake/comments')
      .expect(200);
    expect(after.body.data[0].authorUrl).toBe('https://followmyfitness.example');
  });

  it('labels every field of the comment’s edit view and keeps its post and replies read-only', async () => {
    const { contentType } = (await app.http().get(COMMENT_CONFIGURATION).set(auth).expect(200)).body
      .data;
    const metadatas = contentType.metadatas as Metadatas;
    const shown = (contentType.layouts.edit as Cell[][]).flat().map((cell) => cell.name);
    expect(shown.sort()).toEqual(
      [
        'authorEmail',
        'authorName',
        'authorUrl',
        'content',
        'editedAt',
        'parent',
        'post',
        'replies',
        'submittedAt',
      ].sort()
    );
    expect(Object.fromEntries(shown.map((field) => [field, metadatas[field].edit.label]))).toEqual({
      post: 'Post',
      parent: 'Replying to',
      replies: 'Replies',
      authorName: 'Author name',
      authorEmail: 'Author email',
      authorUrl: 'Author website',
      content: 'Content',
      submittedAt: 'Submitted at',
      editedAt: 'Edited at',
    });
    expect(metadatas.editedAt.edit.editable).toBe(false);
    // The relation to the post is shown without its remove button or picker.
    expect(metadatas.post.edit).toEqual(
      expect.objectContaining({
        editable: false,
        visible: true,
        description: 'The post the comment was sent to; a comment stays on it',
      })
    );
    expect(metadatas.replies.edit.editable).toBe(false);
    expect(metadatas.parent.edit.editable).toBe(true);
    // The page language is read in the Moderation side panel; its label serves the list view.
    expect(metadatas.pageLocale.edit).toEqual(
      expect.objectContaining({
        label: 'Page language',
        description: 'The language of the page the comment was sent from',
        visible: false,
      })
    );
    expect(metadatas.pageLocale.list.label).toBe('Page language');
    // A read-only field shown with a length limit would read "max. N characters" under it.
    const attributes = app.strapi.contentTypes[COMMENT_UID].attributes as Record<
      string,
      { maxLength?: number }
    >;
    const fixedWithLimit = shown.filter(
      (field) => metadatas[field].edit.editable === false && attributes[field].maxLength
    );
    expect(fixedWithLimit).toEqual([]);
  });

  it.each([
    ['the previous version', COMMENT_FIELDS_APPLIED_BEFORE],
    ['0.1.0 (no per-field record)', null],
  ])(
    'makes the post read-only and labels the page language on an install upgraded from %s, keeping the editor’s own layout',
    async (_, recorded) => {
      // The configuration as that version left it, with an editor's own changes.
      const { contentType } = (await app.http().get(COMMENT_CONFIGURATION).set(auth).expect(200))
        .body.data;
      const metadatas = contentType.metadatas as Metadatas;
      for (const meta of Object.values(metadatas)) {
        delete meta.list.mainField;
        delete meta.edit.mainField;
      }
      metadatas.post.edit = { ...metadatas.post.edit, editable: true, description: '' };
      metadatas.replies.edit = { ...metadatas.replies.edit, editable: true, description: '' };
      metadatas.pageLocale.edit = {
        ...metadatas.pageLocale.edit,
        label: 'pageLocale',
        visible: true,
        description: '',
      };
      metadatas.authorName.edit.label = 'Signed as';
      const edit: Cell[][] = [
        [{ name: 'content', size: 12 }],
        [
          { name: 'authorName', size: 6 },
          { name: 'post', size: 6 },
        ],
        [
          { name: 'parent', size: 6 },
          { name: 'replies', size: 6 },
        ],
        [
          { name: 'authorEmail', size: 6 },
          { name: 'authorUrl', size: 6 },
        ],
        [
          { name: 'submittedAt', size: 6 },
          { name: 'pageLocale', size: 6 },
        ],
      ];
      await app
        .http()
        .put(COMMENT_CONFIGURATION)
        .set(auth)
        .send({
          settings: contentType.settings,
          metadatas,
          layouts: { ...contentType.layouts, edit },
        })
        .expect(200);
      const store = app.strapi.store({ type: 'plugin', name: 'blog' });
      const record = (await store.get({ key: 'content-manager-layout-fields-applied' })) as Record<
        string,
        string[]
      >;
      if (recorded) {
        await store.set({
          key: 'content-manager-layout-fields-applied',
          value: { ...record, [COMMENT_UID]: recorded },
        });
      } else {
        await store.delete({ key: 'content-manager-layout-fields-applied' });
        await store.set({
          key: 'content-manager-layout-defaults-applied',
          value: [POST_UID, COMMENT_UID, 'blog.lesson'],
        });
      }

      const applied = await app.strapi
        .plugin('blog')
        .service('contentManagerLayout')
        .applyDefaultsOnce();
      expect(applied).toContain(COMMENT_UID);

      const after = (await app.http().get(COMMENT_CONFIGURATION).set(auth).expect(200)).body.data
        .contentType;
      expect(after.metadatas.post.edit).toEqual(
        expect.objectContaining({ label: 'Post', editable: false, visible: true })
      );
      expect(after.metadatas.replies.edit.editable).toBe(false);
      expect(after.metadatas.pageLocale.edit).toEqual(
        expect.objectContaining({ label: 'Page language', visible: false })
      );
      // The editor's own label and arrangement stay; only the hidden page language leaves.
      expect(after.metadatas.authorName.edit.label).toBe('Signed as');
      expect((after.layouts.edit as Cell[][]).map((row) => row.map((cell) => cell.name))).toEqual([
        ['content'],
        ['authorName', 'post'],
        ['parent', 'replies'],
        ['authorEmail', 'authorUrl'],
        ['submittedAt'],
      ]);
      // Once: the next boot changes nothing.
      expect(
        await app.strapi.plugin('blog').service('contentManagerLayout').applyDefaultsOnce()
      ).toEqual([]);
    }
  );

  it('refuses to move or detach a comment from its post in the Content Manager, and stores nothing', async () => {
    const home = await createPost(app.strapi, { title: 'Home of the comment' });
    const elsewhere = await createPost(app.strapi, { title: 'Somewhere else' });
    const { documentId } = await createComment(app.strapi, {
      post: home.documentId,
      content: 'Stays here',
    });
    const url = `${CM}/collection-types/${COMMENT_UID}/${documentId}`;
    const stored = () =>
      app.strapi.db.query(COMMENT_UID).findOne({
        where: { documentId },
        select: ['postDocumentId', 'content', 'updatedAt'],
        populate: { post: { select: ['documentId'] } },
      });
    const events = () =>
      app.strapi.db
        .query('plugin::blog.moderation-event')
        .count({ where: { commentDocumentId: documentId } });
    const before = await stored();
    const eventsBefore = await events();
    const commentCount = async (slug: string) =>
      (await app.http().get(`/api/blog/posts/${slug}`).expect(200)).body.data.commentCount;
    const counts = [await commentCount(home.slug), await commentCount(elsewhere.slug)];

    const opened = (await app.http().get(url).set(auth).expect(200)).body.data;
    for (const post of [
      // Moved, as a relation picker would send it, with the form's other (changed) fields.
      {
        connect: [{ documentId: elsewhere.documentId }],
        disconnect: [{ documentId: home.documentId }],
      },
      elsewhere.documentId,
      // Detached, as the relation's remove button would send it.
      { connect: [], disconnect: [{ documentId: home.documentId }] },
      null,
    ]) {
      const res = await app
        .http()
        .put(url)
        .set(auth)
        .send({ authorName: opened.authorName, content: 'Edited on the way out', post });
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual(
        expect.objectContaining({
          name: 'ValidationError',
          message: 'A comment stays on the post it was sent to',
        })
      );
      expect(res.body.error.details.errors[0].path).toEqual(['post']);
    }
    expect(await stored()).toEqual(before);
    expect(await events()).toBe(eventsBefore);
    expect([await commentCount(home.slug), await commentCount(elsewhere.slug)]).toEqual(counts);

    // The form saved with its post unchanged still saves.
    await app
      .http()
      .put(url)
      .set(auth)
      .send({
        content: 'Edited in place',
        post: { connect: [{ documentId: home.documentId }], disconnect: [] },
      })
      .expect(200);
    expect(await stored()).toEqual(
      expect.objectContaining({ postDocumentId: home.documentId, content: 'Edited in place' })
    );
  });

  it('refuses a title over 200 characters', async () => {
    const res = await app
      .http()
      .post(`${CM}/collection-types/${POST_UID}`)
      .set(auth)
      .send({ title: 'x'.repeat(201), slug: 'too-long' });
    expect(res.status).toBe(400);
  });
});
