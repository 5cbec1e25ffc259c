import type { Core } from '@strapi/strapi';

import type { TrashPurger } from './purge';

/** The name of the plugin's purge task in Strapi's cron. */
export const PURGE_CRON_TASK = 'blogTrashPurge';

/** Every minute, at second 0: a due comment leaves the trash within a minute of its time. */
export const PURGE_CRON_RULE = '0 * * * * *';

let inFlight: Promise<unknown> | null = null;

/** Adds the purger's tick to Strapi's cron; a tick still running when the next is due skips it. */
export const startPurgeCron = (strapi: Core.Strapi, purger: TrashPurger) => {
  strapi.cron.add({
    [PURGE_CRON_TASK]: {
      task: async () => {
        if (inFlight) return;
        inFlight = purger
          .tick()
          .catch((error) => strapi.log.warn(`[blog] trash purge: ${error}`))
          .finally(() => {
            inFlight = null;
          });
        await inFlight;
      },
      options: { rule: PURGE_CRON_RULE },
    },
  });
};

/** Removes the task and waits for a tick that is running to end. */
export const stopPurgeCron = async (strapi: Core.Strapi) => {
  strapi.cron?.remove(PURGE_CRON_TASK);
  await inFlight;
};
