import { POST_UID } from '../../contracts/plugin';
import {
  PENDING,
  PUBLICATION_SCHEDULE_UID,
  type PublicationScheduleRow,
} from '../../server/src/models/publication-schedule';
import type { SchedulesService } from '../../server/src/services/schedules';
import { createPost } from '../helpers/factories';
import { startSecondInstance, type SecondInstance } from '../helpers/second-instance-process';
import { freshDatabase, removeDatabase, startApp, type TestApp } from '../helpers/strapi';

const POSTS = 12;

/**
 * Scheduled publishing with two Strapi instances on one server database (PostgreSQL, MySQL or
 * MariaDB), both running the plugin's cron: instance A in this process, B in a child process
 * that reports what it publishes. Their crons fire on the same quarter minute, so they race for
 * the same due rows; each schedule must run on one of them, once.
 */
describe('scheduled publishing on two instances', () => {
  const database = freshDatabase();
  let a: TestApp;
  let b: SecondInstance | undefined;
  let bInstance = '';
  const publishedBy = { a: [] as string[], b: [] as string[] };

  beforeAll(async () => {
    a = await startApp({ database, keepDb: true });
    a.strapi.eventHub.on(
      'entry.publish',
      async (event: { uid?: string; entry?: { documentId?: string } }) => {
        if (event.uid === POST_UID && event.entry?.documentId)
          publishedBy.a.push(event.entry.documentId);
      }
    );

    b = await startSecondInstance(database, {
      env: { PRINT_PUBLISHES: 'true' },
      onLine: (line) => {
        const [word, ...rest] = line.split(' ');
        if (word === 'INSTANCE') bInstance = rest[0];
        if (word === 'PUBLISHED' && rest[0] === POST_UID) publishedBy.b.push(rest[1]);
      },
    });
  }, 120000);

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await removeDatabase(database);
  });

  it('publishes each scheduled post once, and records the one instance that did', async () => {
    const aInstance = (a.strapi.plugin('blog').service('schedules') as SchedulesService).runner
      .instanceId;
    expect(bInstance).not.toBe('');
    expect(bInstance).not.toBe(aInstance);

    const posts = [];
    for (let n = 0; n < POSTS; n += 1) {
      posts.push(await createPost(a.strapi, { title: `Two instances ${n}` }, { draft: true }));
    }
    const rows = () => a.strapi.db.query(PUBLICATION_SCHEDULE_UID as never);
    // Due now: the next quarter minute's ticks of both crons race for them.
    const now = new Date();
    for (const post of posts) {
      await rows().create({
        data: {
          postDocumentId: post.documentId,
          locale: 'en',
          action: 'publish',
          at: now,
          pending: PENDING,
          scheduledById: null,
          scheduledBy: 'Import',
          createdAt: now,
        },
      });
    }
    const documentIds = posts.map((post) => post.documentId);
    let done: PublicationScheduleRow[] = [];
    for (let wait = 0; wait < 120; wait += 1) {
      done = (await rows().findMany({
        where: { postDocumentId: { $in: documentIds }, doneAt: { $notNull: true } },
      })) as PublicationScheduleRow[];
      if (done.length === POSTS) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(done).toHaveLength(POSTS);
    // B's last lines may still be on their way.
    await new Promise((resolve) => setTimeout(resolve, 500));

    for (const row of done) {
      expect(row.error).toBeNull();
      expect([aInstance, bInstance]).toContain(row.claimedBy);
      const byA = publishedBy.a.filter((id) => id === row.postDocumentId).length;
      const byB = publishedBy.b.filter((id) => id === row.postDocumentId).length;
      // Published once, by the instance the row names.
      expect([byA, byB]).toEqual(row.claimedBy === aInstance ? [1, 0] : [0, 1]);
    }
    for (const post of posts) {
      await a.http().get(`/api/blog/posts/${post.slug}`).expect(200);
    }
  }, 120000);
});
