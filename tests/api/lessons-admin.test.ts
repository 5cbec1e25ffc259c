import { ADMIN_ACTIONS } from '../../contracts/plugin';
import type { FindLessons } from '../../contracts/lessons';
import { adminToken } from '../helpers/admin';
import { createPost } from '../helpers/factories';
import { adminWithActions } from '../helpers/roles';
import { startApp, type TestApp } from '../helpers/strapi';

describe('GET /blog/lessons (the Lessons view)', () => {
  let app: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    app = await startApp();
    auth = { Authorization: `Bearer ${await adminToken(app)}` };
    await createPost(app.strapi, { title: 'Alpha post', lessons: ['Plant early', 'Water often'] });
    await createPost(
      app.strapi,
      { title: 'Zeta draft', lessons: ['Draft lesson'] },
      { draft: true }
    );
  });
  afterAll(async () => {
    await app?.stop();
  });

  const get = (query = '') => app.http().get(`/blog/lessons${query}`).set(auth);

  it('lists every lesson with its post and position, drafts included', async () => {
    const res = await get().expect(200);
    const body = res.body as FindLessons.Response;
    expect(body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 8 });
    expect(body.data.map((l) => [l.post.title, l.position, l.text])).toEqual([
      ['Alpha post', 1, 'Plant early'],
      ['Alpha post', 2, 'Water often'],
      [
        'Networking biggest mistake?',
        1,
        'A network for the fun a meeting new people... and make true friends.',
      ],
      ['Networking biggest mistake?', 2, 'A network to share stories, tips and tricks.'],
      ['Networking biggest mistake?', 3, 'A network to learn.'],
      ['Networking biggest mistake?', 4, 'A network to find help, unexpectedly, surprisingly.'],
      [
        'Networking biggest mistake?',
        5,
        'A network to find a job ...when someone will offer you one!',
      ],
      ['Zeta draft', 1, 'Draft lesson'],
    ]);
    expect(body.data[2].post.slug).toBe('networking-biggest-mistake');
  });

  it('searches text and titles, keeping each lesson’s position in its post', async () => {
    const res = await get('?q=LEARN').expect(200);
    expect(
      res.body.data.map((l: { text: string; position: number }) => [l.text, l.position])
    ).toEqual([['A network to learn.', 3]]);
    const byTitle = await get('?q=alpha').expect(200);
    expect(byTitle.body.meta.pagination.total).toBe(2);
    const literal = await get('?q=100%25').expect(200);
    expect(literal.body.data).toEqual([]);
  });

  it('pages on the server', async () => {
    const res = await get('?page=2&pageSize=3').expect(200);
    expect(res.body.meta.pagination).toEqual({ page: 2, pageSize: 3, pageCount: 3, total: 8 });
    expect(res.body.data.map((l: { text: string }) => l.text)).toEqual([
      'A network to share stories, tips and tricks.',
      'A network to learn.',
      'A network to find help, unexpectedly, surprisingly.',
    ]);
  });

  it('refuses bad queries and callers without the lessons.read action', async () => {
    await get('?pageSize=1000').expect(400);
    await get('?sort=text').expect(400);
    await app.http().get('/blog/lessons').expect(401);
    const token = await adminWithActions(app, [ADMIN_ACTIONS.readComments]);
    await app.http().get('/blog/lessons').set('Authorization', `Bearer ${token}`).expect(403);
    const reader = await adminWithActions(app, [ADMIN_ACTIONS.readLessons]);
    await app.http().get('/blog/lessons').set('Authorization', `Bearer ${reader}`).expect(200);
  });
});
