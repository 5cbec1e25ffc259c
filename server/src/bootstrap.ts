import type { Core } from '@strapi/strapi';

import { ADMIN_ACTIONS, PLUGIN_ID, type AdminActionName } from '../../contracts/plugin';

import { ensureLinkOrderIndexes } from './db/link-order-indexes';
import createCommentCountsRepository from './repositories/comment-counts';
import createThreadIndexRepository from './repositories/thread-index';
import { startMailCron } from './mail/cron';
import { startScheduleCron } from './schedules/cron';
import { grantDefaultRolesOnce } from './taxonomy/default-roles';
import { startPurgeCron } from './trash/cron';
import { getService } from './utils/get-service';

/** How Settings → Roles → Plugins → Blog shows each admin action. */
const RBAC_LABELS: Record<AdminActionName, { displayName: string; subCategory: string }> = {
  readLessons: { displayName: 'Read lessons', subCategory: 'lessons' },
  readComments: { displayName: 'Read comments', subCategory: 'comments' },
  moderateComments: { displayName: 'Moderate comments', subCategory: 'comments' },
  readSettings: { displayName: 'Read settings', subCategory: 'settings' },
  updateSettings: { displayName: 'Update settings', subCategory: 'settings' },
  importPosts: { displayName: 'Import posts and comments', subCategory: 'import' },
};

/** Strapi names a plugin's action `plugin::<pluginName>.<uid>`: the uid is the rest. */
const RBAC_ACTIONS = (Object.keys(RBAC_LABELS) as AdminActionName[]).map((name) => ({
  uid: ADMIN_ACTIONS[name].slice(`plugin::${PLUGIN_ID}.`.length),
  ...RBAC_LABELS[name],
  section: 'plugins',
  pluginName: PLUGIN_ID,
}));

/** Expired flood marks and used form tokens are removed hourly; they hold nobody back. */
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
let pruneTimer: NodeJS.Timeout | null = null;

/**
 * Thread copies and comment counts for comments that have none (written before this version, or
 * straight to the database): nothing to do, one statement each, on an ordinary boot.
 */
const fillDerivedData = async (strapi: Core.Strapi) => {
  const filled = await createThreadIndexRepository({ strapi }).backfill();
  if (filled) strapi.log.info(`[blog] thread copies filled for ${filled} comments`);
  const counts = createCommentCountsRepository({ strapi });
  if (filled || (await counts.needsRebuild())) {
    await strapi.db.transaction(() => counts.rebuild());
  }
};

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  const publicCache = getService('publicCache', { strapi });
  publicCache.listen();
  // After Strapi's configured middlewares (registered before the plugins' bootstrap), before
  // its router (mounted when the server listens): see cache/middleware.ts.
  strapi.server.use(publicCache.middleware());
  await strapi.service('admin::permission').actionProvider.registerMany(RBAC_ACTIONS);
  await getService('permissions', { strapi }).grantPublicActionsOnce();
  await getService('contentManagerLayout', { strapi }).applyDefaultsOnce();
  await grantDefaultRolesOnce(strapi);
  getService('notifications', { strapi }).registerWebhookEvents();
  await ensureLinkOrderIndexes(strapi);
  await fillDerivedData(strapi);
  await getService('importJobs', { strapi }).removeLeftoverFiles();
  startScheduleCron(strapi, getService('schedules', { strapi }).runner);
  startMailCron(strapi, getService('mail', { strapi }).sender);
  startPurgeCron(strapi, getService('moderationQueue', { strapi }).trashPurger);
  // This boot may have written anything (above, and in other plugins' bootstraps before it):
  // other instances' caches see it.
  await publicCache.invalidateAll();

  pruneTimer = setInterval(() => {
    getService('flood', { strapi })
      .prune(new Date())
      .catch((error) => strapi.log.warn(`[blog] flood marks not pruned: ${error}`));
  }, PRUNE_INTERVAL_MS);
  pruneTimer.unref();
};

export const stopBackgroundWork = () => {
  if (pruneTimer) clearInterval(pruneTimer);
  pruneTimer = null;
};

export default bootstrap;
