import { POST_UID } from '../../contracts/plugin';
import { adminToken } from '../helpers/admin';
import { startApp, type TestApp } from '../helpers/strapi';

const CM = `/content-manager/collection-types/${POST_UID}`;
const LIMIT = 5000;

const paragraphs = (bytes: number) => [
  { type: 'paragraph', children: [{ type: 'text', text: 'w'.repeat(bytes) }] },
];

/** A post over limits.postBytes is refused, whatever saves it; under it, saved as usual. */
describe('the size cap of a post', () => {
  let app: TestApp;
  let auth: { Authorization: string };
  let saved: number;
  const documents = () => app.strapi.documents(POST_UID as never);

  beforeAll(async () => {
    app = await startApp();
    auth = { Authorization: `Bearer ${await adminToken(app)}` };
    saved = (app.strapi.config.get('plugin::blog.limits') as { postBytes: number }).postBytes;
    app.strapi.config.set('plugin::blog.limits.postBytes', LIMIT);
  });
  afterAll(async () => {
    app?.strapi.config.set('plugin::blog.limits.postBytes', saved);
    await app?.stop();
  });

  const expectRefused = (res: {
    status: number;
    body: { error?: { name: string; message: string; details: unknown } };
  }) => {
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(/over the limit of 5,000 bytes \(limits\.postBytes\)$/),
      details: { limit: 'postBytes', max: LIMIT },
    });
  };

  it('refuses a create and an update over the limit through the Content Manager', async () => {
    const big = await app
      .http()
      .post(CM)
      .set(auth)
      .send({ title: 'Too big', slug: 'too-big', body: paragraphs(LIMIT) });
    expectRefused(big);
    expect(await app.strapi.db.query(POST_UID as never).count({ where: { slug: 'too-big' } })).toBe(
      0
    );

    const created = await app
      .http()
      .post(CM)
      .set(auth)
      .send({ title: 'Fits', slug: 'fits', body: paragraphs(LIMIT - 500) })
      .expect(201);
    const { documentId } = created.body.data;
    expectRefused(
      await app
        .http()
        .put(`${CM}/${documentId}`)
        .set(auth)
        .send({
          ...created.body.data,
          lessons: [{ text: 'x'.repeat(480) }, { text: 'y'.repeat(480) }],
        })
    );
    await app.http().post(`${CM}/${documentId}/actions/publish`).set(auth).send({}).expect(200);
    await app.http().get('/api/blog/posts/fits').expect(200);
  });

  it('refuses publishing a draft that grew over the limit outside the Document Service', async () => {
    const draft = (await documents().create({
      data: { title: 'Grows', slug: 'grows', body: paragraphs(100) },
    } as never)) as unknown as { documentId: string };
    await app.strapi.db
      .query(POST_UID as never)
      .update({ where: { documentId: draft.documentId }, data: { body: paragraphs(LIMIT) } });
    expectRefused(
      await app.http().post(`${CM}/${draft.documentId}/actions/publish`).set(auth).send({})
    );
    await app.http().get('/api/blog/posts/grows').expect(404);
  });

  it('refuses a save over the limit through the Document Service from code', async () => {
    await expect(
      documents().create({
        data: { title: 'Code', slug: 'code', body: paragraphs(LIMIT) },
      } as never)
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('limits.postBytes'),
    });
    const small = (await documents().create({
      data: { title: 'Code small', slug: 'code-small', body: paragraphs(10) },
    } as never)) as unknown as { documentId: string };
    await expect(
      documents().update({
        documentId: small.documentId,
        data: { excerpt: 'e'.repeat(LIMIT) },
      } as never)
    ).rejects.toThrow(/limits\.postBytes/);
  });
});
