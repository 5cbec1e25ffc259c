import type { Core } from '@strapi/strapi';

import type { ScheduleRunner } from './runner';

/** The name of the plugin's task in Strapi's cron. */
export const CRON_TASK = 'blogPublicationSchedules';

/**
 * Every 15 seconds, so a schedule runs within a minute of its time (Strapi's cron runs a task
 * the plugin adds whatever the app's `server.cron.enabled`, which governs the app's own
 * `cron.tasks` only).
 */
export const CRON_RULE = '*/15 * * * * *';

let inFlight: Promise<unknown> | null = null;

/** Adds the runner's tick to Strapi's cron; a tick still running when the next is due skips it. */
export const startScheduleCron = (strapi: Core.Strapi, runner: ScheduleRunner) => {
  strapi.cron.add({
    [CRON_TASK]: {
      task: async () => {
        if (inFlight) return;
        inFlight = runner
          .tick()
          .catch((error) => strapi.log.warn(`[blog] scheduled publishing: ${error}`))
          .finally(() => {
            inFlight = null;
          });
        await inFlight;
      },
      options: { rule: CRON_RULE },
    },
  });
};

/** Removes the task and waits for a tick that is running to end. */
export const stopScheduleCron = async (strapi: Core.Strapi) => {
  strapi.cron?.remove(CRON_TASK);
  await inFlight;
};
