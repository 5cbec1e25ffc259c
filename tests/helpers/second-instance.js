'use strict';
/**
 * A second Strapi process on the same database, for the multi-instance tests: boots the
 * compiled playground, listens on an ephemeral port, prints `READY <port>`, and runs until
 * it is sent SIGTERM.
 */
const path = require('path');

const { createStrapi } = require('@strapi/strapi');

const playground = path.resolve(__dirname, '..', '..', 'playground');

(async () => {
  const strapi = createStrapi({
    appDir: playground,
    distDir: path.join(playground, 'dist'),
    autoReload: false,
    serveAdminPanel: false,
  });
  await strapi.load();
  await strapi.server.mount();
  if (process.env.PRINT_PUBLISHES === 'true') {
    // For the scheduling test: which instance ran a schedule, and what it published.
    const runner = strapi.plugin('blog').service('schedules').runner;
    process.stdout.write(`INSTANCE ${runner.instanceId}\n`);
    strapi.eventHub.on('entry.publish', async ({ uid, entry }) => {
      process.stdout.write(`PUBLISHED ${uid} ${entry && entry.documentId}\n`);
    });
  }
  if (process.env.PRINT_PURGES === 'true') {
    // For the trash test: which comments this instance's purge deleted for good.
    const purger = strapi.plugin('blog').service('moderationQueue').trashPurger;
    const tick = purger.tick.bind(purger);
    purger.tick = async (now) => {
      const result = await tick(now);
      for (const documentId of result.purged) process.stdout.write(`PURGED ${documentId}\n`);
      return result;
    };
  }
  const server = strapi.server.httpServer;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`READY ${server.address().port}\n`);
  const stop = async () => {
    await strapi.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
})().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
