import type { Core } from '@strapi/strapi';

import { stopBackgroundWork } from './bootstrap';
import { stopMailCron } from './mail/cron';
import { stopScheduleCron } from './schedules/cron';
import { stopPurgeCron } from './trash/cron';
import { getService } from './utils/get-service';
import { QUIET_TIMEOUT_MS, waitForQuietDatabase } from './utils/quiet-database';

/**
 * Strapi stops: background work ends (a scheduled publish that runs finishes first), running
 * imports save themselves as interrupted, and the work Strapi left running after its last
 * commits ends before the database closes.
 */
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  stopBackgroundWork();
  await getService('importJobs', { strapi }).stopAll();
  await stopScheduleCron(strapi);
  await stopMailCron(strapi);
  await stopPurgeCron(strapi);
  await getService('publicCache', { strapi }).settle();
  if (!(await waitForQuietDatabase(strapi))) {
    strapi.log.warn(
      `[blog] the database was still busy ${QUIET_TIMEOUT_MS / 1000} s after Strapi began to stop`
    );
  }
};

export default destroy;
