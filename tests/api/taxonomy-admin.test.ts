import { AUTHOR_UID, CATEGORY_UID, COMMENT_UID, POST_UID, TAG_UID } from '../../contracts/plugin';
import { adminToken } from '../helpers/admin';
import { createAuthor, createCategory } from '../helpers/factories';
import { adminInDefaultRole } from '../helpers/roles';
import { startApp, type TestApp } from '../helpers/strapi';

const CM = '/content-manager';
const ITEMS = `${CM}/collection-types`;
const SEED_SLUG = 'networking-biggest-mistake';

type Cell = { name: string; size: number };

/** An admin user whose one role has exactly these content-type permissions (all locales). */
const adminWithPermissions = async (
  app: TestApp,
  permissions: Array<{ action: string; subject: string }>
) => {
  const { strapi } = app;
  const role = await strapi.service('admin::role').create({
    name: `Posts only ${Date.now()}`,
    description: 'Posts, nothing else',
  });
  await strapi.service('admin::role').assignPermissions(
    role.id,
    permissions.map((permission) => ({
      ...permission,
      properties: { fields: ['title', 'slug'], locales: ['en'] },
      conditions: [],
    }))
  );
  const email = `posts-only.${Date.now()}@example.com`;
  const password = 'Posts-only-1';
  await strapi.service('admin::user').create({
    email,
    firstname: 'Posts',
    lastname: 'Only',
    password,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  const res = await app.http().post('/admin/login').send({ email, password });
  return res.body.data.token as string;
};

const expectFieldError = (
  res: { status: number; body: { error?: { name?: string; details?: unknown } } },
  path: string[]
) => {
  expect(res.status).toBe(400);
  expect(res.body.error?.name).toBe('ValidationError');
  expect(res.body.error?.details).toEqual({
    errors: [expect.objectContaining({ path, name: 'ValidationError' })],
  });
};

/**
 * The editor's side of categories, tags, authors and SEO, through the Content Manager's own
 * admin routes: where the fields sit and what they are called, the rules each write keeps (the
 * same through code), the author an editor's new post gets, and what Strapi's default roles may do.
 */
describe('categories, tags, authors and SEO in the Content Manager', () => {
  let app: TestApp;
  let auth: { Authorization: string };
  const cm = () => app.http();
  const count = (uid: string, where: Record<string, unknown> = {}) =>
    app.strapi.db.query(uid as never).count({ where });
  const configuration = async (kind: 'content-types' | 'components', uid: string) =>
    (await cm().get(`${CM}/${kind}/${uid}/configuration`).set(auth).expect(200)).body.data;

  beforeAll(async () => {
    app = await startApp();
    auth = { Authorization: `Bearer ${await adminToken(app)}` };
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('the edit views', () => {
    it('places cover, lessons, author/categories/tags and SEO on the post, labelled', async () => {
      const { contentType, components } = await configuration('content-types', POST_UID);
      const rows = (contentType.layouts.edit as Cell[][]).map((row) => row.map((c) => c.name));
      expect(rows).toEqual([
        ['title', 'slug'],
        ['excerpt', 'cover'],
        ['body'],
        ['lessonsHeading'],
        ['lessons'],
        ['author', 'categories', 'tags'],
        ['authorName', 'originalDate'],
        // The comments relation is not in the edit view: comments are moderated in the Moderation view.
        ['commentsEnabled'],
        ['seo'],
      ]);
      const label = (field: string) => contentType.metadatas[field].edit.label;
      expect([label('cover'), label('author'), label('categories'), label('tags')]).toEqual([
        'Cover image',
        'Author',
        'Categories',
        'Tags',
      ]);
      expect(label('seo')).toBe('SEO');
      // Relation pickers name a category, tag or author by its name.
      for (const field of ['author', 'categories', 'tags']) {
        expect(contentType.metadatas[field].edit.mainField).toBe('name');
      }
      const seo = components['blog.seo'];
      expect(seo.metadatas.metaTitle.edit).toEqual(
        expect.objectContaining({
          label: 'Meta title',
          description: expect.stringMatching(/^At most 60 characters: what search results show/),
        })
      );
      expect(seo.metadatas.metaDescription.edit.description).toMatch(/^At most 160 characters/);
      expect(seo.metadatas.canonicalUrl.edit.description).toMatch(/absolute http\(s\) URL/);
      expect(contentType.layouts.list).toEqual([
        'id',
        'title',
        'originalDate',
        'author',
        'categories',
        'commentsEnabled',
      ]);
    });

    it('names categories, tags and authors by their name, with readable columns', async () => {
      const category = (await configuration('content-types', CATEGORY_UID)).contentType;
      expect(category.settings.mainField).toBe('name');
      expect(category.layouts.list).toEqual(['id', 'name', 'slug', 'parent']);
      expect(category.metadatas.parent.edit.label).toBe('Parent category');
      expect(category.metadatas.parent.edit.mainField).toBe('name');
      // Subcategories are shown, and placed from each one's own parent field.
      expect(category.metadatas.children.edit.editable).toBe(false);

      const tag = (await configuration('content-types', TAG_UID)).contentType;
      expect(tag.settings.mainField).toBe('name');
      expect(tag.layouts.list).toEqual(['id', 'name', 'slug']);

      const author = (await configuration('content-types', AUTHOR_UID)).contentType;
      expect(author.settings.mainField).toBe('name');
      expect(author.metadatas.user.edit).toEqual(
        expect.objectContaining({ label: 'Admin user', visible: true, editable: true })
      );
      expect(author.metadatas.url.edit.label).toBe('Website');
      const rows = (author.layouts.edit as Cell[][]).map((row) => row.map((c) => c.name));
      expect(rows).toEqual([
        ['name', 'slug'],
        ['bio', 'avatar'],
        ['url', 'user'],
      ]);
    });

    it('labels and places the new fields of an install upgraded from 0.1.0, keeping its own', async () => {
      // The post's configuration as 0.1.0 left it, with what an editor changed there, and the
      // fields this version added appended at the end, as Strapi's sync does on upgrade.
      const url = `${CM}/content-types/${POST_UID}/configuration`;
      const { contentType } = await configuration('content-types', POST_UID);
      const metadatas = contentType.metadatas as Record<
        string,
        { edit: Record<string, unknown>; list: Record<string, unknown> }
      >;
      for (const [field, meta] of Object.entries(metadatas)) {
        delete meta.list.mainField;
        delete meta.edit.mainField;
        if (['cover', 'author', 'categories', 'tags', 'seo'].includes(field)) {
          meta.edit.label = field;
          meta.edit.description = '';
          meta.list.label = field;
        }
      }
      metadatas.originalDate.edit.label = 'Written on';
      const edit = [
        [
          { name: 'title', size: 6 },
          { name: 'slug', size: 6 },
        ],
        [{ name: 'excerpt', size: 6 }],
        [{ name: 'body', size: 12 }],
        [
          { name: 'originalDate', size: 4 },
          { name: 'authorName', size: 6 },
        ],
        [{ name: 'lessonsHeading', size: 6 }],
        [{ name: 'lessons', size: 12 }],
        [
          { name: 'commentsEnabled', size: 4 },
          { name: 'comments', size: 6 },
        ],
        [
          { name: 'cover', size: 6 },
          { name: 'author', size: 6 },
        ],
        [
          { name: 'categories', size: 6 },
          { name: 'tags', size: 6 },
        ],
        [{ name: 'seo', size: 12 }],
      ];
      await cm()
        .put(url)
        .set(auth)
        .send({
          settings: contentType.settings,
          metadatas,
          layouts: { ...contentType.layouts, edit },
        })
        .expect(200);
      const store = app.strapi.store({ type: 'plugin', name: 'blog' });
      await store.delete({ key: 'content-manager-layout-fields-applied' });
      await store.set({
        key: 'content-manager-layout-defaults-applied',
        value: [POST_UID, COMMENT_UID, 'blog.lesson'],
      });

      const applied = await app.strapi
        .plugin('blog')
        .service('contentManagerLayout')
        .applyDefaultsOnce();
      expect(applied).toContain(POST_UID);

      const after = (await configuration('content-types', POST_UID)).contentType;
      const rows = (after.layouts.edit as Cell[][]).map((row) => row.map((c) => c.name));
      expect(rows).toEqual([
        ['title', 'slug'],
        ['excerpt', 'cover'],
        ['body'],
        ['originalDate', 'authorName'],
        ['lessonsHeading'],
        ['lessons'],
        ['author', 'categories', 'tags'],
        ['commentsEnabled'],
        ['seo'],
      ]);
      expect(after.metadatas.cover.edit.label).toBe('Cover image');
      expect(after.metadatas.tags.edit.label).toBe('Tags');
      expect(after.metadatas.seo.edit.visible).toBe(true);
      expect(after.metadatas.originalDate.edit.label).toBe('Written on');

      // Once: the next boot changes nothing.
      expect(
        await app.strapi.plugin('blog').service('contentManagerLayout').applyDefaultsOnce()
      ).toEqual([]);
    });
  });

  describe('categories keep one level, on every write path', () => {
    it('refuses a category as its own parent', async () => {
      const top = await cm()
        .post(`${ITEMS}/${CATEGORY_UID}?locale=en`)
        .set(auth)
        .send({ name: 'Self', slug: 'self' })
        .expect(201);
      const { documentId } = top.body.data;
      const res = await cm()
        .put(`${ITEMS}/${CATEGORY_UID}/${documentId}?locale=en`)
        .set(auth)
        .send({ parent: { connect: [{ documentId, locale: 'en' }] } });
      expectFieldError(res, ['parent']);
      expect(await count(CATEGORY_UID, { documentId, parent: { id: { $notNull: true } } })).toBe(0);
    });

    it('refuses a parent that has a parent, and a parent for a category with children', async () => {
      const top = await createCategory(app.strapi, { name: 'Top', locale: 'en' });
      const child = await cm()
        .post(`${ITEMS}/${CATEGORY_UID}?locale=en`)
        .set(auth)
        .send({
          name: 'Child',
          slug: 'child',
          parent: { connect: [{ documentId: top.documentId }] },
        })
        .expect(201);

      const before = await count(CATEGORY_UID);
      const grandchild = await cm()
        .post(`${ITEMS}/${CATEGORY_UID}?locale=en`)
        .set(auth)
        .send({
          name: 'Grandchild',
          slug: 'grandchild',
          parent: { connect: [{ documentId: child.body.data.documentId }] },
        });
      expectFieldError(grandchild, ['parent']);
      expect(await count(CATEGORY_UID)).toBe(before);

      // The top category has a child: it cannot go under another (no cycle, no second level).
      const other = await createCategory(app.strapi, { name: 'Other', locale: 'en' });
      const moved = await cm()
        .put(`${ITEMS}/${CATEGORY_UID}/${top.documentId}?locale=en`)
        .set(auth)
        .send({ parent: { connect: [{ documentId: other.documentId }] } });
      expectFieldError(moved, ['parent']);
      // Nor under its own child (a cycle), through code.
      await expect(
        app.strapi.documents(CATEGORY_UID as never).update({
          documentId: top.documentId,
          locale: 'en',
          data: { parent: child.body.data.documentId },
        } as never)
      ).rejects.toMatchObject({ name: 'ValidationError' });
      expect(
        await count(CATEGORY_UID, {
          documentId: top.documentId,
          parent: { id: { $notNull: true } },
        })
      ).toBe(0);

      // Subcategories are placed from their own side.
      const adopt = await cm()
        .put(`${ITEMS}/${CATEGORY_UID}/${other.documentId}?locale=en`)
        .set(auth)
        .send({ children: { connect: [{ documentId: top.documentId }] } });
      expectFieldError(adopt, ['children']);
    });
  });

  describe('URLs, slugs and locales', () => {
    it('refuses a canonical URL or an author website that is not an absolute http(s) URL', async () => {
      const before = await count(POST_UID);
      for (const canonicalUrl of [
        '/relative/page',
        'javascript:alert(1)',
        'example.com/x',
        ' https://example.com',
      ]) {
        const res = await cm()
          .post(`${ITEMS}/${POST_UID}?locale=en`)
          .set(auth)
          .send({ title: 'Canonical', slug: 'canonical-test', seo: { canonicalUrl } });
        expectFieldError(res, ['seo', 'canonicalUrl']);
      }
      expect(await count(POST_UID)).toBe(before);
      await cm()
        .post(`${ITEMS}/${POST_UID}?locale=en`)
        .set(auth)
        .send({
          title: 'Canonical',
          slug: 'canonical-test',
          seo: { canonicalUrl: 'https://example.com/original', metaTitle: 'Original' },
        })
        .expect(201);

      const author = await cm()
        .post(`${ITEMS}/${AUTHOR_UID}`)
        .set(auth)
        .send({ name: 'Webless', slug: 'webless', url: 'ftp://example.com' });
      expectFieldError(author, ['url']);
      await expect(
        createAuthor(app.strapi, { name: 'Code author', url: 'www.example.com' })
      ).rejects.toMatchObject({ name: 'ValidationError' });
      expect(await count(AUTHOR_UID, { name: { $in: ['Webless', 'Code author'] } })).toBe(0);
    });

    it('refuses a slug taken in that locale, and takes it in another', async () => {
      const before = await count(POST_UID);
      const taken = await cm()
        .post(`${ITEMS}/${POST_UID}?locale=en`)
        .set(auth)
        .send({ title: 'Copy', slug: SEED_SLUG });
      expectFieldError(taken, ['slug']);
      await expect(
        app.strapi
          .documents(POST_UID as never)
          .create({ data: { title: 'Copy', slug: SEED_SLUG } } as never)
      ).rejects.toMatchObject({ name: 'ValidationError' });
      expect(await count(POST_UID)).toBe(before);
      await cm()
        .post(`${ITEMS}/${POST_UID}?locale=fr`)
        .set(auth)
        .send({ title: 'Copie', slug: SEED_SLUG })
        .expect(201);

      // Strapi's own uid check covers categories and tags per locale.
      for (const uid of [CATEGORY_UID, TAG_UID]) {
        await cm()
          .post(`${ITEMS}/${uid}?locale=en`)
          .set(auth)
          .send({ name: 'Same', slug: 'same' })
          .expect(201);
        expectFieldError(
          await cm()
            .post(`${ITEMS}/${uid}?locale=en`)
            .set(auth)
            .send({ name: 'Same 2', slug: 'same' }),
          ['slug']
        );
        await cm()
          .post(`${ITEMS}/${uid}?locale=fr`)
          .set(auth)
          .send({ name: 'Même', slug: 'same' })
          .expect(201);
        expect(await count(uid, { slug: 'same' })).toBe(2);
      }
    });

    it('refuses an unknown locale, in the Content Manager and from code', async () => {
      const res = await cm()
        .post(`${ITEMS}/${TAG_UID}?locale=xx`)
        .set(auth)
        .send({ name: 'X', slug: 'x' });
      expect(res.status).toBe(400);
      for (const uid of [POST_UID, CATEGORY_UID, TAG_UID]) {
        await expect(
          app.strapi.documents(uid as never).create({
            locale: 'xx',
            data: { title: 'Nowhere', name: 'Nowhere', slug: 'nowhere' },
          } as never)
        ).rejects.toMatchObject({
          name: 'ValidationError',
          message: expect.stringContaining('Unknown locale'),
        });
        expect(await count(uid, { locale: 'xx' })).toBe(0);
      }
    });
  });

  describe('authors and admin users', () => {
    it('links an admin user to one author only, and gives an editor’s new posts that author', async () => {
      const admin = await app.strapi.db
        .query('admin::user')
        .findOne({ where: { email: 'admin@example.com' }, select: ['id', 'documentId'] });
      const mine = await cm()
        .post(`${ITEMS}/${AUTHOR_UID}`)
        .set(auth)
        .send({
          name: 'Demo Admin',
          slug: 'demo-admin',
          user: { connect: [{ id: admin.id, documentId: admin.documentId }] },
        })
        .expect(201);
      const linked = await cm()
        .get(`${CM}/relations/${AUTHOR_UID}/${mine.body.data.documentId}/user`)
        .set(auth)
        .expect(200);
      expect(linked.body.results.map((user: { id: number }) => user.id)).toEqual([admin.id]);

      const second = await cm()
        .post(`${ITEMS}/${AUTHOR_UID}`)
        .set(auth)
        .send({
          name: 'Second',
          slug: 'second',
          user: { connect: [{ id: admin.id, documentId: admin.documentId }] },
        });
      expectFieldError(second, ['user']);
      expect(await count(AUTHOR_UID, { slug: 'second' })).toBe(0);

      const post = await cm()
        .post(`${ITEMS}/${POST_UID}?locale=en`)
        .set(auth)
        .send({ title: 'Mine by default', slug: 'mine-by-default' })
        .expect(201);
      const stored = await app.strapi.db.query(POST_UID as never).findOne({
        where: { documentId: post.body.data.documentId },
        populate: { author: { select: ['slug'] } },
      });
      expect(stored.author?.slug).toBe('demo-admin');

      // An author the editor chose stays; code gets no default.
      const other = await createAuthor(app.strapi, { name: 'Chosen' });
      const chosen = await cm()
        .post(`${ITEMS}/${POST_UID}?locale=en`)
        .set(auth)
        .send({
          title: 'Chosen',
          slug: 'chosen-author',
          author: { connect: [{ documentId: other.documentId }] },
        })
        .expect(201);
      const byCode = await app.strapi
        .documents(POST_UID as never)
        .create({ data: { title: 'By code', slug: 'by-code' } } as never);
      const authors = await app.strapi.db.query(POST_UID as never).findMany({
        where: {
          documentId: {
            $in: [chosen.body.data.documentId, (byCode as { documentId: string }).documentId],
          },
        },
        populate: { author: { select: ['slug'] } },
        orderBy: { id: 'asc' },
      });
      expect(
        authors.map((row: { author: { slug: string } | null }) => row.author?.slug ?? null)
      ).toEqual([other.slug, null]);
    });
  });

  describe('Strapi’s default roles', () => {
    it('let an Editor and an Author do with categories, tags and authors what they do with posts', async () => {
      const editor = { Authorization: `Bearer ${await adminInDefaultRole(app, 'strapi-editor')}` };
      for (const locale of ['en', 'fr']) {
        const created = await cm()
          .post(`${ITEMS}/${CATEGORY_UID}?locale=${locale}`)
          .set(editor)
          .send({ name: `Editor ${locale}`, slug: `editor-${locale}` })
          .expect(201);
        expect(created.body.data.name).toBe(`Editor ${locale}`);
        const post = await cm()
          .post(`${ITEMS}/${POST_UID}?locale=${locale}`)
          .set(editor)
          .send({ title: `Editor post ${locale}`, slug: `editor-post-${locale}` })
          .expect(201);
        expect(post.body.data.title).toBe(`Editor post ${locale}`);
      }
      const tag = await cm()
        .post(`${ITEMS}/${TAG_UID}?locale=en`)
        .set(editor)
        .send({ name: 'Ed', slug: 'ed' })
        .expect(201);
      await cm()
        .put(`${ITEMS}/${TAG_UID}/${tag.body.data.documentId}?locale=en`)
        .set(editor)
        .send({ name: 'Edited' })
        .expect(200);
      await cm()
        .post(`${ITEMS}/${AUTHOR_UID}`)
        .set(editor)
        .send({ name: 'Ed Author', slug: 'ed-author' })
        .expect(201);

      // An Author edits what they created, not others' categories.
      const author = { Authorization: `Bearer ${await adminInDefaultRole(app, 'strapi-author')}` };
      const own = await cm()
        .post(`${ITEMS}/${CATEGORY_UID}?locale=en`)
        .set(author)
        .send({ name: 'Authored', slug: 'authored' })
        .expect(201);
      expect(own.body.data.name).toBe('Authored');
      const others = await createCategory(app.strapi, { name: 'Not theirs', locale: 'en' });
      await cm()
        .put(`${ITEMS}/${CATEGORY_UID}/${others.documentId}?locale=en`)
        .set(author)
        .send({ name: 'Taken over' })
        .expect(403);
    });

    it('keep Strapi’s permission model: a role without category permissions cannot create one', async () => {
      const postsOnly = await adminWithPermissions(app, [
        { action: 'plugin::content-manager.explorer.create', subject: POST_UID },
        { action: 'plugin::content-manager.explorer.read', subject: POST_UID },
      ]);
      const headers = { Authorization: `Bearer ${postsOnly}` };
      const before = await count(CATEGORY_UID);
      await cm()
        .post(`${ITEMS}/${CATEGORY_UID}?locale=en`)
        .set(headers)
        .send({ name: 'Nope', slug: 'nope' })
        .expect(403);
      expect(await count(CATEGORY_UID)).toBe(before);
      await cm()
        .post(`${ITEMS}/${POST_UID}?locale=en`)
        .set(headers)
        .send({ title: 'Yes', slug: 'yes-post' })
        .expect(201);
    });
  });
});

/**
 * An install upgraded from 0.1.0: categories, tags and authors did not exist at its first boot,
 * so Strapi gave its Editor and Author roles nothing on them, and posts were not localized.
 */
describe('Strapi’s default roles on an upgraded install', () => {
  let app: TestApp | undefined;
  afterAll(async () => {
    await app?.stop();
  });

  it('get the new types with their post permissions at the first boot of the new version', async () => {
    const first = await startApp({ keepDb: true });
    const { database } = first;
    const permissions = first.strapi.db.query('admin::permission');
    const defaultRoles = { role: { code: { $in: ['strapi-editor', 'strapi-author'] } } };
    await permissions.deleteMany({
      where: { ...defaultRoles, subject: { $in: [CATEGORY_UID, TAG_UID, AUTHOR_UID] } },
    });
    for (const permission of await permissions.findMany({
      where: { ...defaultRoles, subject: POST_UID },
    })) {
      const { locales: _dropped, ...properties } = permission.properties ?? {};
      await permissions.update({ where: { id: permission.id }, data: { properties } });
    }
    await first.strapi
      .store({ type: 'plugin', name: 'blog' })
      .delete({ key: 'default-roles-granted' });
    await first.stop();

    app = await startApp({ database });
    const editor = { Authorization: `Bearer ${await adminInDefaultRole(app, 'strapi-editor')}` };
    const created = await app
      .http()
      .post(`${ITEMS}/${CATEGORY_UID}?locale=fr`)
      .set(editor)
      .send({ name: 'Après mise à jour', slug: 'apres' })
      .expect(201);
    expect(created.body.data.name).toBe('Après mise à jour');
    const post = await app
      .http()
      .post(`${ITEMS}/${POST_UID}?locale=en`)
      .set(editor)
      .send({ title: 'After the upgrade', slug: 'after-the-upgrade' })
      .expect(201);
    expect(post.body.data.title).toBe('After the upgrade');

    const author = { Authorization: `Bearer ${await adminInDefaultRole(app, 'strapi-author')}` };
    await app
      .http()
      .post(`${ITEMS}/${AUTHOR_UID}`)
      .set(author)
      .send({ name: 'Upgraded author', slug: 'upgraded-author' })
      .expect(201);
    const granted = await app.strapi.db.query('admin::permission').findMany({
      where: { role: { code: 'strapi-author' }, subject: TAG_UID },
      select: ['action', 'conditions'],
    });
    expect(granted.map((p: { action: string }) => p.action).sort()).toEqual(
      expect.arrayContaining(['plugin::content-manager.explorer.create'])
    );
    expect(
      granted.every((p: { conditions: string[] }) => p.conditions.includes('admin::is-creator'))
    ).toBe(true);
  });
});
