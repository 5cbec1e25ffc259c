import { createComment, createPost } from '../helpers/factories';
import { startApp } from '../helpers/strapi';

/**
 * Strapi stopping right after writes. The document service reads each written entry back after
 * its commit, without awaiting it, for its `entry.*` events; the plugin's `destroy` lets those
 * reads end before the database closes. Without that, each cut-off read was an unhandled
 * rejection ("aborted", or a minute later "Timeout acquiring a connection") in whatever the
 * process did next: on PostgreSQL CI it failed the next test file.
 */
describe('stopping Strapi right after writes', () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  beforeAll(() => process.on('unhandledRejection', onRejection));
  afterAll(() => process.off('unhandledRejection', onRejection));

  it('cuts off no query: nothing fails after the stop', async () => {
    for (let round = 0; round < 3; round++) {
      const app = await startApp();
      const post = await createPost(app.strapi, { title: `Written, then stopped ${round}` });
      await Promise.all(
        Array.from({ length: 10 }, () =>
          createComment(app.strapi, { post: post.documentId, status: 'approved' })
        )
      );
      await app.stop();
    }
    // A rejection from a cut-off read arrives as the pool closes, within a few ticks.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(rejections.map(String)).toEqual([]);
    // Three boots and stops of Strapi: 67 s in CI, more on a busy machine.
  }, 180_000);
});
