import { COMMENT_UID, POST_UID } from '../../contracts/plugin';
import type { FindComments } from '../../contracts/comments';
import type { FindPost, FindPosts } from '../../contracts/posts';
import { seedDemoPost } from '../../playground/src/seed/demo-post';
import { readSeedText } from '../helpers/seed-text';
import { startApp, type TestApp } from '../helpers/strapi';

const SLUG = 'networking-biggest-mistake';

describe('the seed post, "Networking biggest mistake?"', () => {
  let app: TestApp;
  const seed = readSeedText();

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('is served by slug with its title, date and every body paragraph verbatim', async () => {
    const res = await app.http().get(`/api/blog/posts/${SLUG}`).expect(200);
    const { data } = res.body as FindPost.Response;

    expect(seed.title).toBe('Networking biggest mistake?');
    expect(data.title).toBe(seed.title);
    expect(data.slug).toBe(SLUG);
    expect(data.originalDate).toBe('2008-02-22');
    expect(seed.paragraphs).toHaveLength(3);
    expect(data.body).toEqual(
      seed.paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }))
    );
  });

  it('has the lessons heading and the five lessons in order, without their numbering', async () => {
    const res = await app.http().get(`/api/blog/posts/${SLUG}`).expect(200);
    const { data } = res.body as FindPost.Response;

    expect(data.lessonsHeading).toBe('Chicken Soup for your Soul Lessons in Life');
    expect(data.lessons).toEqual([
      { position: 1, text: 'A network for the fun a meeting new people... and make true friends.' },
      { position: 2, text: 'A network to share stories, tips and tricks.' },
      { position: 3, text: 'A network to learn.' },
      { position: 4, text: 'A network to find help, unexpectedly, surprisingly.' },
      { position: 5, text: 'A network to find a job ...when someone will offer you one!' },
    ]);
    expect(data.lessons.map((lesson) => lesson.text)).toEqual(seed.lessons);
  });

  it('counts its one approved comment and lists it', async () => {
    const list = await app.http().get('/api/blog/posts').expect(200);
    const posts = (list.body as FindPosts.Response).data;
    expect(posts.map((post) => post.slug)).toEqual([SLUG]);
    expect(posts[0].commentCount).toBe(1);
    expect(posts[0].lessons).toHaveLength(5);
  });

  it('serves the comment by followmyfitness with its paragraphs verbatim', async () => {
    const res = await app.http().get(`/api/blog/posts/${SLUG}/comments`).expect(200);
    const body = res.body as FindComments.Response;

    expect(body.data).toHaveLength(1);
    const [comment] = body.data;
    expect(comment.authorName).toBe('followmyfitness');
    expect(comment.authorName).toBe(seed.commentAuthor);
    expect(comment.content).toBe(seed.commentParagraphs.join('\n\n'));
    expect(comment.content.split('\n\n')).toHaveLength(3);
    expect(comment.parent).toBeNull();
    expect(comment.replies).toEqual([]);
    expect(Object.keys(comment).sort()).toEqual(
      [
        'authorName',
        'authorUrl',
        'content',
        'documentId',
        'editedAt',
        'parent',
        'replies',
        'staff',
        'submittedAt',
      ].sort()
    );
    expect(comment.staff).toBe(false);
  });

  it('is seeded once: seeding again writes nothing', async () => {
    const again = await seedDemoPost(app.strapi);
    expect(again).toEqual({ created: false });
    const count = await app.strapi.db.query(POST_UID).count({ where: { slug: SLUG } });
    // One draft row and one published row: a single document.
    expect(count).toBe(2);
    const comments = await app.strapi.db.query(COMMENT_UID).count({});
    expect(comments).toBe(1);
  });
});
