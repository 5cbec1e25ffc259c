import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import { answerPage } from '../mail/page-response';
import { getService } from '../utils/get-service';
import { rejectUnknownQueryKeys } from '../validation/public-query';

/** The readers' links: confirm a subscription, unsubscribe (a page, then a POST). */
const createSubscriptionController = ({ strapi }: { strapi: Core.Strapi }) => {
  const subscriptions = () => getService('mail', { strapi }).subscriptions;
  return {
    async confirm(ctx: Context) {
      rejectUnknownQueryKeys(ctx.query, ['token']);
      answerPage(ctx, await subscriptions().confirm(ctx.query.token, new Date()));
    },

    async unsubscribePage(ctx: Context) {
      rejectUnknownQueryKeys(ctx.query, ['token']);
      answerPage(ctx, await subscriptions().unsubscribe(ctx.query.token, false, new Date()));
    },

    /** The page's button, and RFC 8058's one-click POST (`List-Unsubscribe=One-Click`). */
    async unsubscribe(ctx: Context) {
      rejectUnknownQueryKeys(ctx.query, ['token']);
      answerPage(ctx, await subscriptions().unsubscribe(ctx.query.token, true, new Date()));
    },
  };
};

export default createSubscriptionController;
