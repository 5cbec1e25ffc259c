import { ADMIN_ACTIONS } from '../../contracts/plugin';
import { adminWithActions } from '../helpers/roles';
import { setSettings, submit, validComment } from '../helpers/comments-api';
import { createPost } from '../helpers/factories';
import { startApp, type TestApp } from '../helpers/strapi';

describe('RBAC on the moderation API', () => {
  let app: TestApp;
  let commentId: string;
  let trashedId: string;
  let settings: Record<string, unknown>;

  beforeAll(async () => {
    app = await startApp();
    const post = await createPost(app.strapi, { title: 'Guarded' });
    await setSettings(app, { requireApproval: 'always' });
    const res = await submit(app, post.slug, { data: validComment() });
    commentId = res.body.data.documentId;
    // In the trash: the one restore a moderator's token makes finds it there.
    const trashed = await submit(app, post.slug, { data: validComment() });
    trashedId = trashed.body.data.documentId;
    await app.strapi
      .plugin('blog')
      .service('moderationQueue')
      .bulk([trashedId], { action: 'delete' }, { type: 'admin', id: 1, name: 'Setup' });
    settings = await app.strapi.plugin('blog').service('settings').get();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const routes = () => [
    {
      name: 'list comments',
      action: ADMIN_ACTIONS.readComments,
      call: (t: string) => app.http().get('/blog/comments').set('Authorization', `Bearer ${t}`),
    },
    {
      name: 'count pending comments',
      action: ADMIN_ACTIONS.readComments,
      call: (t: string) =>
        app.http().get('/blog/comments/pending-count').set('Authorization', `Bearer ${t}`),
    },
    {
      name: 'read a history',
      action: ADMIN_ACTIONS.readComments,
      call: (t: string) =>
        app.http().get(`/blog/comments/${commentId}/events`).set('Authorization', `Bearer ${t}`),
    },
    {
      name: 'change a status',
      action: ADMIN_ACTIONS.moderateComments,
      call: (t: string) =>
        app
          .http()
          .patch(`/blog/comments/${commentId}`)
          .set('Authorization', `Bearer ${t}`)
          .send({ status: 'pending' }),
    },
    {
      name: 'bulk change',
      action: ADMIN_ACTIONS.moderateComments,
      call: (t: string) =>
        app
          .http()
          .post('/blog/comments/bulk')
          .set('Authorization', `Bearer ${t}`)
          .send({ documentIds: [commentId], status: 'pending' }),
    },
    {
      name: 'restore from the trash',
      action: ADMIN_ACTIONS.moderateComments,
      call: (t: string) =>
        app.http().post(`/blog/comments/${trashedId}/restore`).set('Authorization', `Bearer ${t}`),
    },
    {
      name: 'reply',
      action: ADMIN_ACTIONS.moderateComments,
      call: (t: string) =>
        app
          .http()
          .post(`/blog/comments/${commentId}/reply`)
          .set('Authorization', `Bearer ${t}`)
          .send({ content: 'A reply from the team' }),
    },
    {
      name: 'edit',
      action: ADMIN_ACTIONS.moderateComments,
      call: (t: string) =>
        app
          .http()
          .put(`/blog/comments/${commentId}/content`)
          .set('Authorization', `Bearer ${t}`)
          .send({ content: 'Edited by the team' }),
    },
    {
      name: 'read my reply name',
      action: ADMIN_ACTIONS.moderateComments,
      call: (t: string) => app.http().get('/blog/reply-name').set('Authorization', `Bearer ${t}`),
    },
    {
      name: 'set my reply name',
      action: ADMIN_ACTIONS.moderateComments,
      call: (t: string) =>
        app
          .http()
          .put('/blog/reply-name')
          .set('Authorization', `Bearer ${t}`)
          .send({ name: 'The team' }),
    },
    {
      name: 'read settings',
      action: ADMIN_ACTIONS.readSettings,
      call: (t: string) => app.http().get('/blog/settings').set('Authorization', `Bearer ${t}`),
    },
    {
      name: 'update settings',
      action: ADMIN_ACTIONS.updateSettings,
      call: (t: string) =>
        app.http().put('/blog/settings').set('Authorization', `Bearer ${t}`).send(settings),
    },
  ];

  it('refuses every route without a login (401)', async () => {
    for (const route of routes()) {
      const res = await route.call('not-a-token');
      expect(res.status).toBe(401);
    }
  });

  it('refuses every route to an editor whose role has none of the plugin’s actions (403)', async () => {
    const token = await adminWithActions(app, ['admin::users.read']);
    for (const route of routes()) {
      const res = await route.call(token);
      expect([route.name, res.status]).toEqual([route.name, 403]);
    }
  });

  it.each([
    ADMIN_ACTIONS.readComments,
    ADMIN_ACTIONS.moderateComments,
    ADMIN_ACTIONS.readSettings,
    ADMIN_ACTIONS.updateSettings,
  ])('with only %s, allows exactly the routes that need it', async (action) => {
    const token = await adminWithActions(app, [action]);
    for (const route of routes()) {
      const res = await route.call(token);
      const allowed = route.action === action;
      expect([route.name, allowed ? res.status < 400 : res.status]).toEqual([
        route.name,
        allowed ? true : 403,
      ]);
    }
  });
});
