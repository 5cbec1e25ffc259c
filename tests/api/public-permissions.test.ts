import { COMMENT_UID, POST_UID, PUBLIC_ACTIONS, type PublicAction } from '../../contracts/plugin';
import { adminToken } from '../helpers/admin';
import { freshDatabase, removeDatabase, startApp, type TestApp } from '../helpers/strapi';
import { setPublicAction } from '../helpers/public-role';

/** The actions version 0.1.0 granted. */
const ACTIONS: PublicAction[] = [
  'plugin::blog.post.find',
  'plugin::blog.post.findOne',
  'plugin::blog.comment.find',
];
/** Actions later versions added: submission, the feeds, then taxonomy, authors and the sitemap. */
const NEW_ACTIONS = PUBLIC_ACTIONS.filter((action) => !ACTIONS.includes(action));

describe('public read access: granted once, never re-granted', () => {
  const database = freshDatabase();
  let app: TestApp | undefined;

  afterAll(async () => {
    await app?.stop();
    await removeDatabase(database);
  });

  const publicRoleId = async (current: TestApp) =>
    (
      await current.strapi.db
        .query('plugin::users-permissions.role')
        .findOne({ where: { type: 'public' } })
    ).id as number;

  it('grants the Public role read access on first boot', async () => {
    app = await startApp({ database, keepDb: true });
    const roleId = await publicRoleId(app);
    const rows = await app.strapi.db
      .query('plugin::users-permissions.permission')
      .findMany({ where: { role: roleId, action: { $in: ACTIONS } } });
    expect(rows.map((row: { action: string }) => row.action).sort()).toEqual([...ACTIONS].sort());
    const added = await app.strapi.db
      .query('plugin::users-permissions.permission')
      .count({ where: { role: roleId, action: { $in: NEW_ACTIONS } } });
    expect(added).toBe(NEW_ACTIONS.length);

    await app.http().get('/api/blog/posts').expect(200);
    await app.http().get('/api/blog/posts/networking-biggest-mistake').expect(200);
    await app.http().get('/api/blog/posts/networking-biggest-mistake/comments').expect(200);
  });

  it('lets an admin revoke listing posts in Settings → Roles, with a 403 after', async () => {
    const current = app!;
    const token = await adminToken(current);
    const auth = { Authorization: `Bearer ${token}` };

    await setPublicAction(current, auth, ['post', 'find'], false);

    const res = await current.http().get('/api/blog/posts').expect(403);
    expect(res.body.error).toEqual(
      expect.objectContaining({ status: 403, name: 'ForbiddenError' })
    );
    await current.http().get('/api/blog/posts/networking-biggest-mistake').expect(200);
  });

  it('keeps the revocation across a restart, and seeds nothing twice', async () => {
    await app!.stop();
    app = await startApp({ database, keepDb: true });

    await app.http().get('/api/blog/posts').expect(403);
    await app.http().get('/api/blog/posts/networking-biggest-mistake').expect(200);

    const posts = await app.strapi.db
      .query(POST_UID)
      .count({ where: { slug: 'networking-biggest-mistake' } });
    expect(posts).toBe(2); // one document: its draft and published rows
    expect(await app.strapi.db.query(COMMENT_UID).count({})).toBe(1);
    expect(await app.strapi.db.query('admin::user').count({})).toBe(1);
  });

  it('on upgrade, grants the actions a new version adds, once, and leaves revoked ones alone', async () => {
    const current = app!;
    const roleId = await publicRoleId(current);
    // As a database from a version that had only the read routes: the store knows those three.
    await current.strapi.store({ type: 'plugin', name: 'blog' }).set({
      key: 'granted-public-actions',
      value: ACTIONS,
    });
    await current.strapi.db
      .query('plugin::users-permissions.permission')
      .deleteMany({ where: { role: roleId, action: { $in: NEW_ACTIONS } } });

    const permissions = current.strapi.plugin('blog').service('permissions');
    expect(await permissions.grantPublicActionsOnce()).toEqual(NEW_ACTIONS);
    expect(await permissions.grantPublicActionsOnce()).toEqual([]);

    await current.http().get('/api/blog/posts').expect(403);
    await current.http().get('/api/blog/posts/networking-biggest-mistake/comment-form').expect(200);
    await current.http().get('/api/blog/feed.xml').expect(200);
    await current
      .http()
      .get('/api/blog/posts/networking-biggest-mistake/comments/feed.xml')
      .expect(200);
  });
});

describe('public access when the blog bootstraps before users-permissions', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('grants the actions when the Public role is created, in the same boot', async () => {
    // As on a project's first boot where config/plugins lists only `blog`: no roles yet.
    const roles = app.strapi.db.query('plugin::users-permissions.role');
    const publicRole = await roles.findOne({ where: { type: 'public' } });
    await app.strapi.db
      .query('plugin::users-permissions.permission')
      .deleteMany({ where: { role: publicRole.id } });
    await roles.delete({ where: { id: publicRole.id } });
    await app.strapi.store({ type: 'plugin', name: 'blog' }).set({
      key: 'granted-public-actions',
      value: [],
    });
    const permissions = app.strapi.plugin('blog').service('permissions');
    expect(await permissions.grantPublicActionsOnce()).toEqual([]);

    // users-permissions then creates its roles.
    const created = await roles.create({
      data: { name: 'Public', description: 'Default role', type: 'public' },
    });
    const granted = await app.strapi.db
      .query('plugin::users-permissions.permission')
      .findMany({ where: { role: created.id }, select: ['action'] });
    expect(granted.map((p: { action: string }) => p.action).sort()).toEqual(
      [...ACTIONS, ...NEW_ACTIONS].sort()
    );
    await app.http().get('/api/blog/posts').expect(200);
  });
});
