import { COMMENT_UID, MODERATION_EVENT_UID } from '../../contracts/plugin';
import type { ModerationQueueService } from '../../server/src/services/moderation-queue';
import { createComment, createPost } from '../helpers/factories';
import { startSecondInstance, type SecondInstance } from '../helpers/second-instance-process';
import { freshDatabase, removeDatabase, startApp, type TestApp } from '../helpers/strapi';

const COMMENTS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The trash's purge with two Strapi instances on one server database (PostgreSQL, MySQL or
 * MariaDB), both running the plugin's cron: instance A in this process, B in a child process that
 * reports what it purges. Their crons fire on the same minute, so they race for the same due
 * comments; each must be deleted by one of them, once, and logged once.
 */
describe('the trash purge on two instances', () => {
  const database = freshDatabase();
  let a: TestApp;
  let b: SecondInstance | undefined;
  const purgedBy = { a: [] as string[], b: [] as string[] };

  beforeAll(async () => {
    a = await startApp({ database, keepDb: true });
    const purger = (a.strapi.plugin('blog').service('moderationQueue') as ModerationQueueService)
      .trashPurger;
    const tick = purger.tick.bind(purger);
    purger.tick = async (now?: Date) => {
      const result = await tick(now);
      purgedBy.a.push(...result.purged);
      return result;
    };

    b = await startSecondInstance(database, {
      env: { PRINT_PURGES: 'true' },
      onLine: (line) => {
        const [word, id] = line.split(' ');
        if (word === 'PURGED' && id) purgedBy.b.push(id);
      },
    });
  }, 120000);

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await removeDatabase(database);
  });

  it('purges each due comment once, on one instance, and logs it once', async () => {
    const post = await createPost(a.strapi, { title: 'Two instances, one trash' });
    const queue = a.strapi.plugin('blog').service('moderationQueue') as ModerationQueueService;
    const documentIds: string[] = [];
    for (let n = 0; n < COMMENTS; n += 1) {
      documentIds.push((await createComment(a.strapi, { post: post.documentId })).documentId);
    }
    const kept = (await createComment(a.strapi, { post: post.documentId })).documentId;
    await queue.bulk([...documentIds, kept], { action: 'delete' }, { type: 'system' });
    // Due long ago (30 days is the default), except one deleted just now.
    await a.strapi.db.query(COMMENT_UID).updateMany({
      where: { documentId: { $in: documentIds } },
      data: { trashedAt: new Date(Date.now() - 40 * DAY_MS) },
    });

    const left = () =>
      a.strapi.db.query(COMMENT_UID).count({ where: { documentId: { $in: documentIds } } });
    // The next minute's ticks of both crons race for them.
    for (let wait = 0; wait < 200 && (await left()) > 0; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(await left()).toBe(0);
    // B's last lines may still be on their way.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const deleted = (await a.strapi.db.query(MODERATION_EVENT_UID).findMany({
      where: { commentDocumentId: { $in: documentIds }, toStatus: 'deleted' },
      select: ['commentDocumentId', 'fromStatus'],
    })) as Array<{ commentDocumentId: string; fromStatus: string }>;
    expect(deleted.map((row) => row.commentDocumentId).sort()).toEqual([...documentIds].sort());
    expect(new Set(deleted.map((row) => row.fromStatus))).toEqual(new Set(['trash']));
    for (const documentId of documentIds) {
      const byA = purgedBy.a.filter((id) => id === documentId).length;
      const byB = purgedBy.b.filter((id) => id === documentId).length;
      expect([documentId, byA + byB]).toEqual([documentId, 1]);
    }
    // The one deleted just now is not due.
    expect(
      await a.strapi.db.query(COMMENT_UID).count({ where: { documentId: kept, status: 'trash' } })
    ).toBe(1);
  }, 180000);
});
