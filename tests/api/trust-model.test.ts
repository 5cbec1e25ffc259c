import { ADMIN_ACTIONS, COMMENT_UID, MODERATION_EVENT_UID } from '../../contracts/plugin';
import type { FindComments } from '../../contracts/comments';
import type { FindPost } from '../../contracts/posts';
import { adminToken } from '../helpers/admin';
import { readAtom } from '../helpers/atom';
import { setSettings, submit, validComment } from '../helpers/comments-api';
import { createComment, createPost } from '../helpers/factories';
import { adminInDefaultRole } from '../helpers/roles';
import { startApp, type TestApp } from '../helpers/strapi';

const CM_COMMENTS = '/content-manager/collection-types/plugin::blog.comment';
const CM_POSTS = '/content-manager/collection-types/plugin::blog.post';
const PRIVATE = ['authorEmail', 'ipHash', 'userAgent', 'moderationReason'];

/**
 * One trust model on every write path: in the Content Manager, an admin sets a status, changes
 * or deletes a comment only with the plugin's `comments.moderate` action, and reads who wrote it
 * only with `comments.read`, whatever Strapi role they have. Strapi's default Author and Editor
 * roles have neither.
 */
describe('the trust model on the Content Manager path', () => {
  let app: TestApp;
  let post: { documentId: string; slug: string };
  let otherPost: { documentId: string; slug: string };
  let superAdmin: { Authorization: string };

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const row = (documentId: string) =>
    app.strapi.db.query(COMMENT_UID).findOne({ where: { documentId } });
  const publicThread = async (slug = post.slug) => {
    const res = await app.http().get(`/api/blog/posts/${slug}/comments`).expect(200);
    return (res.body as FindComments.Response).data;
  };

  beforeAll(async () => {
    app = await startApp();
    post = await createPost(app.strapi, { title: 'Trusted or not' });
    otherPost = await createPost(app.strapi, { title: 'Somewhere else' });
    superAdmin = bearer(await adminToken(app));
    await setSettings(app, { requireApproval: 'first-time', floodIntervalSeconds: 0 });
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe("Strapi's default Author role", () => {
    let author: { Authorization: string };
    beforeAll(async () => {
      author = bearer(await adminInDefaultRole(app, 'strapi-author'));
    });

    it('creates a comment that is judged like a reader’s: held, never approved or public', async () => {
      const res = await app
        .http()
        .post(CM_COMMENTS)
        .set(author)
        .send({
          post: { connect: [{ documentId: post.documentId }] },
          authorName: 'Author role',
          authorEmail: 'author-role@example.com',
          content: 'Published at once, I hope',
          moderationReason: 'trusted-actor: trust me',
          ipHash: 'forged',
          userAgent: 'forged',
        })
        .expect(201);
      const stored = await row(res.body.data.documentId);
      expect(stored).toEqual(
        expect.objectContaining({
          status: 'pending',
          moderationReason: 'require-approval: first comment from this author',
          ipHash: null,
          userAgent: null,
        })
      );
      expect((await publicThread()).map((c) => c.content)).not.toContain(
        'Published at once, I hope'
      );
      const events = await app.strapi.db
        .query(MODERATION_EVENT_UID)
        .findMany({ where: { commentDocumentId: res.body.data.documentId } });
      expect(events).toEqual([
        expect.objectContaining({
          toStatus: 'pending',
          actorType: 'admin',
          rule: 'require-approval',
        }),
      ]);
    });

    it('meets every rule: a disallowed word is spam, a missing email a 400', async () => {
      await setSettings(app, { disallowedWords: ['casino'] });
      try {
        const spam = await app
          .http()
          .post(CM_COMMENTS)
          .set(author)
          .send({
            post: { connect: [{ documentId: post.documentId }] },
            authorName: 'Author role',
            authorEmail: 'author-role@example.com',
            content: 'Best casino in town',
          })
          .expect(201);
        expect((await row(spam.body.data.documentId)).status).toBe('spam');
        const noEmail = await app
          .http()
          .post(CM_COMMENTS)
          .set(author)
          .send({
            post: { connect: [{ documentId: post.documentId }] },
            authorName: 'Author role',
            content: 'No email',
          });
        expect(noEmail.status).toBe(400);
        expect(noEmail.body.error.details.errors[0].path).toEqual(['authorEmail']);
      } finally {
        await setSettings(app, { disallowedWords: [] });
      }
    });

    it('cannot approve, edit or delete even its own comment', async () => {
      const created = await app
        .http()
        .post(CM_COMMENTS)
        .set(author)
        .send({
          post: { connect: [{ documentId: post.documentId }] },
          authorName: 'Author role',
          authorEmail: 'author-role@example.com',
          content: 'Mine',
        })
        .expect(201);
      const { documentId } = created.body.data;
      const edit = await app
        .http()
        .put(`${CM_COMMENTS}/${documentId}`)
        .set(author)
        .send({ content: 'Mine, edited' });
      expect(edit.status).toBe(403);
      expect(edit.body.error.message).toMatch(/content.*moderate/);
      // The Content Manager itself refuses a `status` (it reads it as draft & publish).
      const approve = await app
        .http()
        .put(`${CM_COMMENTS}/${documentId}`)
        .set(author)
        .send({ status: 'approved' });
      expect(approve.status).toBeGreaterThanOrEqual(400);
      expect((await app.http().delete(`${CM_COMMENTS}/${documentId}`).set(author)).status).toBe(
        403
      );
      expect(await row(documentId)).toEqual(
        expect.objectContaining({ content: 'Mine', status: 'pending' })
      );
    });

    it('cannot duplicate a comment (a copy would skip the rules)', async () => {
      const approved = await createComment(app.strapi, {
        post: post.documentId,
        content: 'Approved original',
      });
      const res = await app
        .http()
        .post(`${CM_COMMENTS}/clone/${approved.documentId}`)
        .set(superAdmin)
        .send({ content: 'Cloned spam' });
      expect(res.status).toBe(403);
      expect(
        await app.strapi.db.query(COMMENT_UID).count({ where: { content: 'Cloned spam' } })
      ).toBe(0);
    });
  });

  describe("Strapi's default Editor role", () => {
    let documentId: string;
    beforeAll(async () => {
      const res = await submit(app, post.slug, {
        data: validComment({ authorName: 'Private Person', authorEmail: 'private@example.com' }),
      }).expect(201);
      documentId = res.body.data.documentId;
      await app.strapi
        .documents(COMMENT_UID as never)
        .update({ documentId, data: { status: 'approved' } } as never);
    });

    const open = (auth: { Authorization: string }) =>
      app.http().get(`${CM_COMMENTS}/${documentId}`).set(auth);

    it('without comments.read, reads no private field, in the list or the edit view', async () => {
      const editor = bearer(await adminInDefaultRole(app, 'strapi-editor'));
      const one = await open(editor).expect(200);
      expect(one.body.data.authorName).toBe('Private Person');
      for (const field of PRIVATE) expect(one.body.data).not.toHaveProperty(field);

      const list = await app.http().get(`${CM_COMMENTS}?pageSize=100`).set(editor).expect(200);
      const listed = list.body.results as Array<Record<string, unknown>>;
      expect(listed.length).toBeGreaterThan(0);
      for (const entry of listed) {
        for (const field of PRIVATE) expect(entry).not.toHaveProperty(field);
      }
    });

    it('without comments.read, cannot find an email by filtering, sorting or searching', async () => {
      const editor = bearer(await adminInDefaultRole(app, 'strapi-editor'));
      const filtered = await app
        .http()
        .get(`${CM_COMMENTS}?filters[authorEmail][$startsWith]=private`)
        .set(editor);
      expect(filtered.status).toBe(403);
      const nested = await app
        .http()
        .get(`${CM_COMMENTS}?filters[$and][0][parent][ipHash][$null]=false`)
        .set(editor);
      expect(nested.status).toBe(403);
      const sorted = await app.http().get(`${CM_COMMENTS}?sort=authorEmail:asc`).set(editor);
      expect(sorted.status).toBe(403);
      const throughPosts = await app
        .http()
        .get(`${CM_POSTS}?filters[comments][authorEmail][$eq]=private@example.com`)
        .set(editor);
      expect(throughPosts.status).toBe(403);
      // The search box does not look into private fields, for anyone.
      const searched = await app.http().get(`${CM_COMMENTS}?_q=private@example`).set(superAdmin);
      expect(searched.body.results).toEqual([]);
    });

    it('with comments.read, reads them', async () => {
      const reader = bearer(
        await adminInDefaultRole(app, 'strapi-editor', [ADMIN_ACTIONS.readComments])
      );
      const one = await open(reader).expect(200);
      expect(one.body.data.authorEmail).toBe('private@example.com');
      expect(one.body.data.moderationReason).toMatch(/^approved by/);
    });

    it('without comments.moderate, cannot change approved text or status, nor delete', async () => {
      const editor = bearer(
        await adminInDefaultRole(app, 'strapi-editor', [ADMIN_ACTIONS.readComments])
      );
      const shown = (await open(editor).expect(200)).body.data;
      // What the edit form sends back: its fields, relations unchanged.
      const opened = {
        ...Object.fromEntries(
          [
            'authorName',
            'authorEmail',
            'authorUrl',
            'content',
            'moderationReason',
            'submittedAt',
          ].map((field) => [field, shown[field]])
        ),
        post: { connect: [], disconnect: [] },
        parent: { connect: [], disconnect: [] },
        replies: { connect: [], disconnect: [] },
      };
      const changeText = await app
        .http()
        .put(`${CM_COMMENTS}/${documentId}`)
        .set(editor)
        .send({ ...opened, content: 'Buy pills at spam.example' });
      expect(changeText.status).toBe(403);
      expect(changeText.body.error.name).toBe('ForbiddenError');
      const changeStatus = await app
        .http()
        .put(`${CM_COMMENTS}/${documentId}`)
        .set(editor)
        .send({ status: 'spam' });
      expect(changeStatus.status).toBeGreaterThanOrEqual(400);
      const moveIt = await app
        .http()
        .put(`${CM_COMMENTS}/${documentId}`)
        .set(editor)
        .send({ post: { connect: [{ documentId: otherPost.documentId }] } });
      expect(moveIt.status).toBe(403);
      expect(moveIt.body.error.message).toMatch(/post/);
      const remove = await app.http().delete(`${CM_COMMENTS}/${documentId}`).set(editor);
      expect(remove.status).toBe(403);
      // Saving the form unchanged changes nothing and is allowed.
      await app.http().put(`${CM_COMMENTS}/${documentId}`).set(editor).send(opened).expect(200);
      expect(await row(documentId)).toEqual(
        expect.objectContaining({ status: 'approved', content: shown.content })
      );
    });

    it('with comments.moderate, changes text and creates trusted comments', async () => {
      const moderator = bearer(
        await adminInDefaultRole(app, 'strapi-editor', [
          ADMIN_ACTIONS.readComments,
          ADMIN_ACTIONS.moderateComments,
        ])
      );
      await app
        .http()
        .put(`${CM_COMMENTS}/${documentId}`)
        .set(moderator)
        .send({ content: 'Edited by a moderator' })
        .expect(200);
      expect((await row(documentId)).content).toBe('Edited by a moderator');
      const created = await app
        .http()
        .post(CM_COMMENTS)
        .set(moderator)
        .send({
          post: { connect: [{ documentId: post.documentId }] },
          authorName: 'The moderator',
          content: 'Welcome, all',
        })
        .expect(201);
      expect(await row(created.body.data.documentId)).toEqual(
        expect.objectContaining({
          status: 'approved',
          moderationReason: expect.stringMatching(/^trusted-actor: set by admin Default Editor/),
        })
      );
    });

    it('a super admin still can', async () => {
      await app
        .http()
        .put(`${CM_COMMENTS}/${documentId}`)
        .set(superAdmin)
        .send({ content: 'Edited by the super admin' })
        .expect(200);
      const one = await open(superAdmin).expect(200);
      expect(one.body.data.content).toBe('Edited by the super admin');
      expect(one.body.data.authorEmail).toBe('private@example.com');
    });
  });

  describe('first-time approval matches name and email together', () => {
    it('does not approve another name behind a known email, in any case', async () => {
      await createComment(app.strapi, {
        post: post.documentId,
        authorName: 'Blog Owner',
        authorEmail: 'owner@blog.example',
      });
      const impostor = await submit(app, post.slug, {
        data: validComment({ authorName: 'Mallory', authorEmail: 'OWNER@blog.example' }),
      }).expect(201);
      expect(impostor.body.data.status).toBe('pending');
      const owner = await submit(app, post.slug, {
        data: validComment({ authorName: 'Blog Owner', authorEmail: 'OWNER@blog.example' }),
      }).expect(201);
      expect(owner.body.data.status).toBe('approved');
    });
  });
});

/**
 * Structural checks run in the lifecycle for creates and updates alike, for every actor, the
 * super admin included: what a submission cannot store, an edit cannot either.
 */
describe('structural checks on every write', () => {
  let app: TestApp;
  let post: { documentId: string; slug: string };
  let other: { documentId: string; slug: string };
  let auth: { Authorization: string };
  const ids: Record<string, string> = {};

  const put = (documentId: string, body: object) =>
    app.http().put(`${CM_COMMENTS}/${documentId}`).set(auth).send(body);
  const row = (documentId: string) =>
    app.strapi.db.query(COMMENT_UID).findOne({ where: { documentId } });

  /** What a reader sees: the thread's comments, the post's count and its comments feed. */
  const readerView = async () => {
    const thread = (
      (await app.http().get(`/api/blog/posts/${post.slug}/comments`).expect(200))
        .body as FindComments.Response
    ).data;
    const flat: string[] = [];
    const walk = (nodes: typeof thread) => {
      for (const node of nodes) {
        flat.push(node.content);
        walk(node.replies);
      }
    };
    walk(thread);
    const count = (
      (await app.http().get(`/api/blog/posts/${post.slug}`).expect(200)).body as FindPost.Response
    ).data.commentCount;
    const feed = readAtom(
      (await app.http().get(`/api/blog/posts/${post.slug}/comments/feed.xml`).expect(200)).text
    );
    return { thread: flat.sort(), count, feed: feed.entries.length };
  };

  beforeAll(async () => {
    app = await startApp();
    auth = { Authorization: `Bearer ${await adminToken(app)}` };
    post = await createPost(app.strapi, { title: 'Structure' });
    other = await createPost(app.strapi, { title: 'Elsewhere' });
    const add = async (key: string, parent?: string, on = post.documentId) => {
      ids[key] = (
        await createComment(app.strapi, {
          post: on,
          parent: parent ? ids[parent] : undefined,
          content: key,
        })
      ).documentId;
    };
    await add('A');
    await add('B', 'A');
    await add('C', 'B');
    await add('D');
    await add('X', undefined, other.documentId);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses a javascript: URL from the Content Manager and from code, and keeps the old one', async () => {
    const res = await put(ids.A, { authorUrl: 'javascript:alert(document.domain)//' });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.details.errors).toEqual([
      expect.objectContaining({ path: ['authorUrl'] }),
    ]);
    await expect(
      app.strapi
        .documents(COMMENT_UID as never)
        .update({ documentId: ids.A, data: { authorUrl: ' data:text/html,x' } } as never)
    ).rejects.toThrow(/authorUrl/);
    expect((await row(ids.A)).authorUrl).toBeNull();
    await put(ids.A, { authorUrl: 'https://a.example' }).expect(200);
    expect((await row(ids.A)).authorUrl).toBe('https://a.example');
  });

  it('refuses a javascript: URL on a create by a trusted editor', async () => {
    const res = await app
      .http()
      .post(CM_COMMENTS)
      .set(auth)
      .send({
        post: { connect: [{ documentId: post.documentId }] },
        authorName: 'Editor',
        authorUrl: 'javascript:alert(1)',
        content: 'Hi',
      });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['authorUrl']);
  });

  it.each([
    ['its own parent', () => ids.A, () => ids.A, /own parent/],
    ['a reply under it (a cycle)', () => ids.A, () => ids.C, /cycle/],
    ['a comment of another post', () => ids.D, () => ids.X, /same post/],
    ['a comment that does not exist', () => ids.D, () => 'nosuchdocumentidatall00', /existing/],
  ])(
    'refuses a comment made %s, and readers see the same thread everywhere',
    async (_, child, parent, message) => {
      const before = await readerView();
      const res = await put(child(), { parent: { connect: [{ documentId: parent() }] } });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      expect(res.body.error.details.errors[0].path).toEqual(['parent']);
      const after = await readerView();
      expect(after).toEqual(before);
      expect(after.thread).toHaveLength(after.count);
      expect(after.feed).toBe(after.count);
    }
  );

  it('keeps a comment on its post: a reply, a thread or a lone comment moved from the admin', async () => {
    const before = await readerView();
    for (const documentId of [ids.C, ids.A, ids.D]) {
      const res = await put(documentId, { post: { connect: [{ documentId: other.documentId }] } });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('A comment stays on the post it was sent to');
      expect(res.body.error.details.errors[0].path).toEqual(['post']);
    }
    expect(await readerView()).toEqual(before);
  });

  it('refuses moving comments through replies or a post’s comments', async () => {
    const replies = await put(ids.D, { replies: { connect: [{ documentId: ids.A }] } });
    expect(replies.status).toBe(400);
    expect(replies.body.error.details.errors[0].path).toEqual(['replies']);
    const comments = await app
      .http()
      .put(`${CM_POSTS}/${other.documentId}`)
      .set(auth)
      .send({ comments: { connect: [{ documentId: ids.A }] } });
    expect(comments.status).toBe(400);
    expect(comments.body.error.details.errors[0].path).toEqual(['comments']);
    expect((await row(ids.A)).postDocumentId).toBe(post.documentId);
  });

  it('refuses a move deeper than maxDepth, its own replies counted', async () => {
    await setSettings(app, { maxDepth: 3 });
    try {
      // A > B > C; D gets a reply E; D under C would put E on level 5.
      ids.E = (
        await createComment(app.strapi, { post: post.documentId, parent: ids.D, content: 'E' })
      ).documentId;
      const deep = await put(ids.D, { parent: { connect: [{ documentId: ids.C }] } });
      expect(deep.status).toBe(400);
      expect(deep.body.error.message).toMatch(/at most 3 levels/);
      // Under A, D is on level 2 and E on 3: allowed, and readers follow.
      await put(ids.D, { parent: { connect: [{ documentId: ids.A }] } }).expect(200);
      const view = await readerView();
      expect(view.thread).toEqual(['A', 'B', 'C', 'D', 'E']);
      expect(view.count).toBe(5);
      expect(view.feed).toBe(5);
    } finally {
      await setSettings(app, { maxDepth: 5 });
    }
  });
});
