import { POST_UID } from '../../contracts/plugin';
import { adminToken } from '../helpers/admin';
import { pngBytes } from '../helpers/media';
import { startApp, type TestApp } from '../helpers/strapi';
import type { FindPost, FindPosts } from '../../contracts/posts';
import type { FindAuthor, FindTags } from '../../contracts/taxonomy';

const CM = '/content-manager/collection-types';
const SEED = 'networking-biggest-mistake';

const FRENCH_LESSONS = [
  'Un réseau pour le plaisir de rencontrer des gens… et se faire de vrais amis.',
  'Un réseau pour partager des histoires, des trucs et astuces.',
  'Un réseau pour apprendre.',
  'Un réseau pour trouver de l’aide, de façon inattendue.',
  'Un réseau pour trouver un emploi… quand quelqu’un vous en offrira un !',
];

/**
 * The "done when", as an editor does it through the Content Manager's own routes: the
 * seed post gets a cover from the Media Library, an author, two tags and a French translation with
 * its own five lessons, both languages are published, and the public API shows all of it in both.
 */
describe('an editor gives the seed post a cover, an author, two tags and a French version', () => {
  let app: TestApp;
  let auth: { Authorization: string };
  let documentId: string;
  let coverId: number;
  let author: { documentId: string; slug: string };
  const tags: Array<{ documentId: string; slug: string; name: string }> = [];

  const cm = () => app.http();

  beforeAll(async () => {
    app = await startApp();
    auth = { Authorization: `Bearer ${await adminToken(app)}` };

    const upload = await cm()
      .post('/upload')
      .set(auth)
      .field(
        'fileInfo',
        JSON.stringify({ alternativeText: 'Two hands shaking', name: 'handshake.png' })
      )
      .attach('files', pngBytes(640, 360), { filename: 'handshake.png', contentType: 'image/png' });
    expect(upload.status).toBe(201);
    coverId = upload.body[0].id;

    const createdAuthor = await cm()
      .post(`${CM}/plugin::blog.author`)
      .set(auth)
      .send({ name: 'The Seed Author', slug: 'the-seed-author', bio: 'Wrote it in 2008.' });
    expect(createdAuthor.status).toBe(201);
    author = createdAuthor.body.data;

    for (const name of ['Networking', 'Friendship']) {
      const tag = await cm()
        .post(`${CM}/plugin::blog.tag?locale=en`)
        .set(auth)
        .send({ name, slug: name.toLowerCase() });
      expect(tag.status).toBe(201);
      tags.push(tag.body.data);
    }
    const frTag = await cm()
      .post(`${CM}/plugin::blog.tag?locale=fr`)
      .set(auth)
      .send({ name: 'Réseautage', slug: 'reseautage' });
    expect(frTag.status).toBe(201);

    const seed = await app.strapi.db
      .query(POST_UID)
      .findOne({ where: { slug: SEED, publishedAt: null }, select: ['documentId'] });
    documentId = seed.documentId;

    const english = await cm()
      .put(`${CM}/${POST_UID}/${documentId}?locale=en`)
      .set(auth)
      .send({
        cover: coverId,
        author: { connect: [{ documentId: author.documentId }] },
        tags: { connect: tags.map((tag) => ({ documentId: tag.documentId, locale: 'en' })) },
      });
    expect(english.status).toBe(200);
    await cm()
      .post(`${CM}/${POST_UID}/${documentId}/actions/publish?locale=en`)
      .set(auth)
      .send({})
      .expect(200);

    const french = await cm()
      .put(`${CM}/${POST_UID}/${documentId}?locale=fr`)
      .set(auth)
      .send({
        title: 'La plus grande erreur du réseautage ?',
        slug: 'la-plus-grande-erreur-du-reseautage',
        lessonsHeading: 'Leçons de vie',
        lessons: FRENCH_LESSONS.map((text) => ({ text })),
        body: [
          {
            type: 'paragraph',
            children: [{ type: 'text', text: 'Quelle est la plus grande erreur ?' }],
          },
        ],
        author: { connect: [{ documentId: author.documentId }] },
        tags: { connect: [{ documentId: frTag.body.data.documentId, locale: 'fr' }] },
      });
    expect(french.status).toBe(200);
    await cm()
      .post(`${CM}/${POST_UID}/${documentId}/actions/publish?locale=fr`)
      .set(auth)
      .send({})
      .expect(200);
  }, 120000);
  afterAll(async () => {
    await app?.stop();
  });

  it('serves the English post with its cover, author, tags, lessons and its French alternate', async () => {
    const { data } = (await app.http().get(`/api/blog/posts/${SEED}`).expect(200))
      .body as FindPost.Response;
    expect(data.title).toBe('Networking biggest mistake?');
    expect(data.originalDate).toBe('2008-02-22');
    expect(data.lessons).toHaveLength(5);
    expect(data.cover).toMatchObject({
      alternativeText: 'Two hands shaking',
      width: 640,
      height: 360,
    });
    expect(data.author).toMatchObject({ name: 'The Seed Author', slug: 'the-seed-author' });
    expect(data.tags.map((tag) => tag.name)).toEqual(['Friendship', 'Networking']);
    expect(data.localizations).toEqual([
      { locale: 'fr', slug: 'la-plus-grande-erreur-du-reseautage' },
    ]);
    expect(data.commentCount).toBe(1);
  });

  it('serves the French post with its own five lessons, the same cover and comments', async () => {
    const { data } = (
      await app
        .http()
        .get('/api/blog/posts/la-plus-grande-erreur-du-reseautage?locale=fr')
        .expect(200)
    ).body as FindPost.Response;
    expect(data).toMatchObject({
      documentId,
      locale: 'fr',
      title: 'La plus grande erreur du réseautage ?',
    });
    expect(data.lessons.map((lesson) => lesson.text)).toEqual(FRENCH_LESSONS);
    expect(data.cover).toMatchObject({ alternativeText: 'Two hands shaking' });
    expect(data.author?.name).toBe('The Seed Author');
    expect(data.tags.map((tag) => tag.name)).toEqual(['Réseautage']);
    expect(data.localizations).toEqual([{ locale: 'en', slug: SEED }]);
    expect(data.commentCount).toBe(1);
    const thread = await app
      .http()
      .get('/api/blog/posts/la-plus-grande-erreur-du-reseautage/comments?locale=fr')
      .expect(200);
    const english = await app.http().get(`/api/blog/posts/${SEED}/comments`).expect(200);
    expect(thread.body.data).toEqual(english.body.data);
    expect(thread.body.data).toHaveLength(1);
  });

  it('lists each language with its own tags and counts, and the author page', async () => {
    const fr = (await app.http().get('/api/blog/posts?locale=fr').expect(200))
      .body as FindPosts.Response;
    expect(fr.data.map((post) => post.slug)).toEqual(['la-plus-grande-erreur-du-reseautage']);
    const enTags = (await app.http().get('/api/blog/tags').expect(200)).body as FindTags.Response;
    expect(enTags.data.map((tag) => [tag.slug, tag.postCount])).toEqual([
      ['friendship', 1],
      ['networking', 1],
    ]);
    const frTags = (await app.http().get('/api/blog/tags?locale=fr').expect(200))
      .body as FindTags.Response;
    expect(frTags.data.map((tag) => [tag.slug, tag.postCount])).toEqual([['reseautage', 1]]);
    const page = (await app.http().get('/api/blog/authors/the-seed-author?locale=fr').expect(200))
      .body as FindAuthor.Response;
    expect(page.data).toMatchObject({
      name: 'The Seed Author',
      bio: 'Wrote it in 2008.',
      postCount: 1,
    });
    const tagged = (
      await app.http().get('/api/blog/posts?filters[tags][slug][$eq]=networking').expect(200)
    ).body as FindPosts.Response;
    expect(tagged.data.map((post) => post.slug)).toEqual([SEED]);
  });
});
