import type { AddressInfo } from 'net';

import { POST_UID } from '../../contracts/plugin';
import { signPreviewToken } from '../../server/src/preview/token';
import { getSecret } from '../../server/src/utils/secret';
import { adminToken } from '../helpers/admin';
import { startSite } from '../helpers/example-site';
import { createPost, ensureLocale, paragraph, translatePost } from '../helpers/factories';
import { adminInDefaultRole, adminWithActions } from '../helpers/roles';
import { startApp, type TestApp } from '../helpers/strapi';

/** The example site's address in the playground's `preview.url` (playground/config/plugins.ts). */
const SITE = process.env.SITE_URL || 'http://localhost:3000';

/**
 * Strapi's preview of posts, as the playground configures it (`preview.url` pointing at the
 * example site): "Open preview" on a post's edit view gives an address with a token, and the
 * site reads the draft with it from `GET /api/blog/preview/posts/:documentId`, and only with it.
 */
describe('the preview of posts', () => {
  let app: TestApp;
  let admin: string;
  /** Published, with a newer draft; also in French, as a draft only. */
  let post: { documentId: string; slug: string };
  /** Never published. */
  let draftOnly: { documentId: string; slug: string };

  beforeAll(async () => {
    app = await startApp();
    const { strapi } = app;
    await ensureLocale(strapi, 'fr', 'French (fr)');
    admin = await adminToken(app);
    post = await createPost(strapi, { title: 'The published title', body: ['Published words.'] });
    await strapi.documents(POST_UID).update({
      documentId: post.documentId,
      locale: 'en',
      data: { title: 'The draft title', body: [paragraph('Words not yet published.')] },
    } as never);
    await translatePost(
      strapi,
      post.documentId,
      'fr',
      { title: 'Le brouillon', slug: `le-brouillon-${Date.now()}` },
      { draft: true }
    );
    draftOnly = await createPost(strapi, { title: 'A secret draft' }, { draft: true });
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** What the Content Manager asks when it shows a post's edit view and its preview. */
  const openPreview = (
    bearer: string,
    query: { documentId: string; locale?: string; status?: string }
  ) =>
    app
      .http()
      .get(`/content-manager/preview/url/${POST_UID}`)
      .query(query)
      .set('Authorization', `Bearer ${bearer}`);

  /** The token and the rest of the site address "Open preview" answers. */
  const previewLink = async (query: { documentId: string; locale: string; status: string }) => {
    const res = await openPreview(admin, query);
    expect(res.status).toBe(200);
    const url = new URL(res.body.data.url);
    return { url, token: url.searchParams.get('preview')! };
  };

  const readPreview = (documentId: string, query: Record<string, string> = {}) =>
    app.http().get(`/api/blog/preview/posts/${documentId}`).query(query);

  it('opens the site’s preview page for drafts and published versions, in every locale', async () => {
    const draft = await previewLink({ ...post, locale: 'en', status: 'draft' });
    expect(`${draft.url.origin}${draft.url.pathname}`).toBe(`${SITE}/en/posts/${post.slug}`);
    expect(draft.url.searchParams.get('document')).toBe(post.documentId);

    const published = await previewLink({ ...post, locale: 'en', status: 'published' });
    const french = await previewLink({ ...post, locale: 'fr', status: 'draft' });
    expect(french.url.pathname).toMatch(/^\/fr\/posts\/le-brouillon-/);

    const read = async (token: string, locale: string) =>
      (await readPreview(post.documentId, { locale, token })).body.data;
    expect((await read(draft.token, 'en')).title).toBe('The draft title');
    expect((await read(published.token, 'en')).title).toBe('The published title');
    expect((await read(french.token, 'fr')).title).toBe('Le brouillon');

    // The draft tab of a published post that was changed says `modified`: still its draft.
    const modified = await previewLink({ ...post, locale: 'en', status: 'modified' });
    expect((await read(modified.token, 'en')).title).toBe('The draft title');
  });

  it('has no preview for a version that does not exist', async () => {
    const res = await openPreview(admin, { ...draftOnly, locale: 'en', status: 'published' });
    expect(res.status).toBe(204);
  });

  it('serves the draft, as a public post and nothing more, never to be cached', async () => {
    const { token } = await previewLink({ ...draftOnly, locale: 'en', status: 'draft' });
    const res = await readPreview(draftOnly.documentId, { token });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-robots-tag']).toBe('noindex');
    expect(res.body.data).toMatchObject({
      documentId: draftOnly.documentId,
      title: 'A secret draft',
      locale: 'en',
      publishedAt: null,
    });
    expect(res.body.meta.preview.status).toBe('draft');

    // The same fields as the public route answers for a published post: no private one.
    const published = await app.http().get(`/api/blog/posts/${post.slug}`);
    expect(Object.keys(res.body.data).sort()).toEqual(Object.keys(published.body.data).sort());
    for (const field of ['createdBy', 'updatedBy', 'importKey', 'id']) {
      expect(res.body.data).not.toHaveProperty(field);
    }

    // The token in the header a site may send instead.
    const header = await readPreview(draftOnly.documentId).set('X-Blog-Preview', token);
    expect(header.status).toBe(200);
    expect(header.body.data.title).toBe('A secret draft');
  });

  it('leaves the public routes as they were: the draft is not there', async () => {
    const published = await app.http().get(`/api/blog/posts/${post.slug}`);
    expect(published.body.data.title).toBe('The published title');
    expect((await app.http().get(`/api/blog/posts/${draftOnly.slug}`)).status).toBe(404);
    const list = await app.http().get('/api/blog/posts').query({ 'pagination[pageSize]': 100 });
    const titles = list.body.data.map((item: { title: string }) => item.title);
    expect(titles).toContain('The published title');
    expect(titles).not.toContain('The draft title');
    expect(titles).not.toContain('A secret draft');
  });

  it('refuses every bad token with a 401 or 403 in Strapi’s error shape, showing nothing', async () => {
    const { token } = await previewLink({ ...draftOnly, locale: 'en', status: 'draft' });
    const { token: otherPost } = await previewLink({ ...post, locale: 'en', status: 'draft' });
    const { token: french } = await previewLink({ ...post, locale: 'fr', status: 'draft' });
    const secret = getSecret(app.strapi);
    const expired = signPreviewToken(secret, {
      documentId: draftOnly.documentId,
      locale: 'en',
      status: 'draft',
      expiresAt: Math.floor(Date.now() / 1000) - 1,
    });
    const forged = signPreviewToken('not-the-secret-of-this-app', {
      documentId: draftOnly.documentId,
      locale: 'en',
      status: 'draft',
      expiresAt: Math.floor(Date.now() / 1000) + 600,
    });
    const cut = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');

    const NOT_VALID = 'The preview token is not valid';
    const cases: Array<[string, string, Record<string, string>, number, string]> = [
      ['no token', draftOnly.documentId, {}, 401, 'A preview token is required'],
      ['a malformed token', draftOnly.documentId, { token: 'let-me-in' }, 401, NOT_VALID],
      ['a changed token', draftOnly.documentId, { token: cut }, 401, NOT_VALID],
      ['another app’s token', draftOnly.documentId, { token: forged }, 401, NOT_VALID],
      [
        'an expired token',
        draftOnly.documentId,
        { token: expired },
        401,
        'The preview token has expired',
      ],
      [
        'another post’s token',
        draftOnly.documentId,
        { token: otherPost },
        403,
        'This preview token is for another post',
      ],
      [
        'another locale’s token',
        post.documentId,
        { token: french, locale: 'fr-x' },
        403,
        'This preview token is for another language',
      ],
      [
        'a token for French, asked in English',
        post.documentId,
        { token: french, locale: 'en' },
        403,
        'This preview token is for another language',
      ],
      ['a long token', draftOnly.documentId, { token: 'a'.repeat(5000) }, 401, NOT_VALID],
    ];
    for (const [name, documentId, query, status, message] of cases) {
      const res = await readPreview(documentId, query);
      expect([name, res.status, res.body.error?.message]).toEqual([name, status, message]);
      expect(res.body.data).toBeNull();
      expect(res.body.error.status).toBe(status);
      expect(res.body.error.name).toBe(status === 401 ? 'UnauthorizedError' : 'ForbiddenError');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(JSON.stringify(res.body)).not.toMatch(/secret draft|draft title|brouillon/i);
    }
    const unknown = await readPreview(draftOnly.documentId, { token, page: '2' });
    expect(unknown.status).toBe(400);
  });

  it('gives a link only to an admin who may read the post', async () => {
    // No Content Manager read on posts at all.
    const reader = await adminWithActions(app, ['plugin::blog.comments.read']);
    expect((await openPreview(reader, { ...draftOnly, locale: 'en' })).status).toBe(204);

    // Strapi's default Author role reads only the posts they created.
    const author = await adminInDefaultRole(app, 'strapi-author');
    expect((await openPreview(author, { ...draftOnly, locale: 'en' })).status).toBe(204);
    const me = await app.http().get('/admin/users/me').set('Authorization', `Bearer ${author}`);
    const own = await createPost(app.strapi, { title: 'The author’s draft' }, { draft: true });
    await app.strapi.db
      .query(POST_UID)
      .updateMany({ where: { documentId: own.documentId }, data: { createdBy: me.body.data.id } });
    const res = await openPreview(author, { ...own, locale: 'en', status: 'draft' });
    expect(res.status).toBe(200);
    expect(res.body.data.url).toContain(own.documentId);

    // A role that reads posts in French only.
    const frenchReader = await adminWithActions(app, [
      {
        action: 'plugin::content-manager.explorer.read',
        subject: POST_UID,
        properties: { locales: ['fr'] },
      },
    ]);
    expect(
      (await openPreview(frenchReader, { ...post, locale: 'en', status: 'draft' })).status
    ).toBe(204);
    expect(
      (await openPreview(frenchReader, { ...post, locale: 'fr', status: 'draft' })).status
    ).toBe(200);

    // Not an admin at all.
    expect((await app.http().get(`/content-manager/preview/url/${POST_UID}`)).status).toBe(401);
  });

  it('lets the admin frame the site', async () => {
    const res = await app.http().get('/api/blog/posts');
    const csp = res.headers['content-security-policy'] as string;
    const frameSrc = csp.split(';').find((directive) => directive.trim().startsWith('frame-src'));
    expect(frameSrc).toContain(SITE);
  });

  it('shows the draft in the example site under a Preview banner; a bad token shows nothing', async () => {
    const server = app.strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const site = await startSite(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      const { url, token } = await previewLink({ ...post, locale: 'en', status: 'draft' });
      const address = `${url.pathname}${url.search}`;
      const page = await site.page(address);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.html).toContain('<strong>Preview</strong> · draft, not published');
      expect(page.html).toContain('The draft title');
      expect(page.html).toContain('Words not yet published.');
      expect(page.html).toContain('<meta name="robots" content="noindex">');
      expect(page.html).not.toContain('id="comment-form"');

      const refused = await site.page(address.replace(token, `${token.slice(0, -2)}xx`));
      expect(refused.status).toBe(401);
      expect(refused.html).toContain('The preview token is not valid');
      expect(refused.html).not.toContain('The draft title');

      // The same address without the token: the published post, as any reader sees it.
      const plain = await site.page(url.pathname);
      expect(plain.html).toContain('The published title');
      expect(plain.html).not.toContain('The draft title');
    } finally {
      site.stop();
    }
  });
});
