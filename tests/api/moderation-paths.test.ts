import { COMMENT_UID, MODERATION_EVENT_UID } from '../../contracts/plugin';
import { adminToken } from '../helpers/admin';
import { setSettings } from '../helpers/comments-api';
import { createPost } from '../helpers/factories';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * One place decides: comments written by code through the Document Service, by an editor in
 * the Content Manager and by the importer all go through the same moderation engine.
 */
describe('moderation on every path', () => {
  let app: TestApp;
  let post: { documentId: string; slug: string };
  let auth: { Authorization: string };

  beforeAll(async () => {
    app = await startApp();
    post = await createPost(app.strapi, { title: 'Many paths' });
    auth = { Authorization: `Bearer ${await adminToken(app)}` };
    await setSettings(app, {
      requireApproval: 'first-time',
      disallowedWords: ['casino'],
      floodIntervalSeconds: 0,
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const documents = () => app.strapi.documents(COMMENT_UID as never);
  const events = (documentId: string) =>
    app.strapi.db
      .query(MODERATION_EVENT_UID)
      .findMany({ where: { commentDocumentId: documentId }, orderBy: { id: 'asc' } });

  it('judges code like a reader: rules decide the status, whatever it asked for', async () => {
    const created = (await documents().create({
      data: {
        post: post.documentId,
        authorName: 'Script',
        authorEmail: 'script@example.com',
        content: 'Visit my casino',
        status: 'approved',
      },
    } as never)) as unknown as { documentId: string; status: string; moderationReason: string };
    expect(created.status).toBe('spam');
    expect(created.moderationReason).toBe('disallowed-words: contains "casino"');
    expect(await events(created.documentId)).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'spam', actorType: 'system' }),
    ]);
  });

  it('refuses from code what it refuses over HTTP', async () => {
    await expect(
      documents().create({
        data: { post: post.documentId, authorName: 'No email', content: 'Hello' },
      } as never)
    ).rejects.toThrow('authorEmail is required');
    await expect(
      documents().create({
        data: { authorName: 'Nowhere', authorEmail: 'n@example.com', content: 'Hello' },
      } as never)
    ).rejects.toThrow('post is required');
  });

  it('logs a status change made by code as the system', async () => {
    const created = (await documents().create({
      data: {
        post: post.documentId,
        authorName: 'Held',
        authorEmail: 'held@example.com',
        content: 'Hi',
      },
    } as never)) as unknown as { documentId: string; status: string };
    expect(created.status).toBe('pending');
    await documents().update({
      documentId: created.documentId,
      data: { status: 'approved' },
    } as never);
    const log = await events(created.documentId);
    expect(
      log.map((e: { fromStatus: string; toStatus: string; actorType: string }) => [
        e.fromStatus,
        e.toStatus,
        e.actorType,
      ])
    ).toEqual([
      [null, 'pending', 'system'],
      ['pending', 'approved', 'system'],
    ]);
    await expect(
      documents().update({ documentId: created.documentId, data: { status: 'deleted' } } as never)
    ).rejects.toThrow('status must be pending, approved, spam, rejected or trash');
  });

  it('keeps the importer’s status, and logs the importer', async () => {
    const moderation = app.strapi.plugin('blog').service('moderation');
    const created = (await moderation.runAs({ type: 'importer', name: 'WordPress import' }, () =>
      documents().create({
        data: {
          post: post.documentId,
          authorName: 'Old reader',
          content: 'From 2009, with a casino link',
          status: 'approved',
          submittedAt: '2009-05-01T10:00:00.000Z',
        },
      } as never)
    )) as { documentId: string; status: string; submittedAt: string };
    expect(created.status).toBe('approved');
    expect(new Date(created.submittedAt).toISOString()).toBe('2009-05-01T10:00:00.000Z');
    expect(await events(created.documentId)).toEqual([
      expect.objectContaining({
        toStatus: 'approved',
        actorType: 'importer',
        actorName: 'WordPress import',
      }),
    ]);
  });

  it('keeps the status of a comment written in the Content Manager by an editor who may moderate, and logs them', async () => {
    const res = await app
      .http()
      .post('/content-manager/collection-types/plugin::blog.comment')
      .set(auth)
      .send({
        post: { connect: [{ documentId: post.documentId }] },
        authorName: 'The editor',
        content: 'Thanks for reading!',
      })
      .expect(201);
    const { documentId } = res.body.data;
    const row = await app.strapi.db.query(COMMENT_UID).findOne({ where: { documentId } });
    expect(row.status).toBe('approved');
    expect(await events(documentId)).toEqual([
      expect.objectContaining({
        toStatus: 'approved',
        actorType: 'admin',
        actorName: 'Demo Admin',
      }),
    ]);
    const thread = await app.http().get(`/api/blog/posts/${post.slug}/comments`).expect(200);
    expect(thread.body.data.map((c: { content: string }) => c.content)).toContain(
      'Thanks for reading!'
    );
  });

  // The moderators' mail about a held comment: tests/api/notifications-moderators.test.ts.
  it('announces new comments and status changes on the event hub', async () => {
    const seen: Array<[string, unknown]> = [];
    const hub = app.strapi.eventHub;
    const onCreate = async (payload: unknown) => {
      seen.push(['create', payload]);
    };
    const onChange = async (payload: unknown) => {
      seen.push(['change', payload]);
    };
    hub.on('blog-comment.create', onCreate);
    hub.on('blog-comment.status-change', onChange);
    try {
      const created = (await documents().create({
        data: {
          post: post.documentId,
          authorName: 'New',
          authorEmail: 'new@example.com',
          content: 'Held',
        },
      } as never)) as unknown as { documentId: string };
      await documents().update({
        documentId: created.documentId,
        data: { status: 'approved' },
      } as never);
      await new Promise((resolve) => setImmediate(resolve));

      expect(seen).toEqual([
        [
          'create',
          expect.objectContaining({
            entry: { documentId: created.documentId, status: 'pending', post: post.documentId },
          }),
        ],
        [
          'change',
          expect.objectContaining({
            entry: { documentId: created.documentId, from: 'pending', to: 'approved' },
          }),
        ],
      ]);
      const webhookEvents = app.strapi.get('webhookStore').allowedEvents as Map<string, string>;
      expect(webhookEvents.get('BLOG_COMMENT_CREATE')).toBe('blog-comment.create');
    } finally {
      hub.removeListener('blog-comment.create', onCreate);
      hub.removeListener('blog-comment.status-change', onChange);
    }
  });

  it('logs a delete from the Content Manager', async () => {
    const created = (await documents().create({
      data: {
        post: post.documentId,
        authorName: 'Gone',
        authorEmail: 'gone@example.com',
        content: 'Bye',
      },
    } as never)) as unknown as { documentId: string };
    await app
      .http()
      .delete(`/content-manager/collection-types/plugin::blog.comment/${created.documentId}`)
      .set(auth)
      .expect(200);
    const log = await events(created.documentId);
    expect(log.at(-1)).toEqual(
      expect.objectContaining({ fromStatus: 'pending', toStatus: 'deleted', actorType: 'admin' })
    );
  });
});
