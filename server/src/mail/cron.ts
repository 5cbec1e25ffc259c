import type { Core } from '@strapi/strapi';

import type { MailSender } from './sender';

/** The name of the mail task in Strapi's cron. */
export const MAIL_CRON_TASK = 'blogMailOutbox';

/** Every 10 seconds: a mail leaves within seconds of the change that caused it. */
export const MAIL_CRON_RULE = '*/10 * * * * *';

let inFlight: Promise<unknown> | null = null;

/** Adds the sender's tick to Strapi's cron; a tick still running when the next is due skips it. */
export const startMailCron = (strapi: Core.Strapi, sender: MailSender) => {
  strapi.cron.add({
    [MAIL_CRON_TASK]: {
      task: async () => {
        if (inFlight) return;
        inFlight = sender
          .tick()
          .catch((error) => strapi.log.warn(`[blog] mail outbox: ${error}`))
          .finally(() => {
            inFlight = null;
          });
        await inFlight;
      },
      options: { rule: MAIL_CRON_RULE },
    },
  });
};

/** Removes the task and waits for a tick that is running to end. */
export const stopMailCron = async (strapi: Core.Strapi) => {
  strapi.cron?.remove(MAIL_CRON_TASK);
  await inFlight;
};
