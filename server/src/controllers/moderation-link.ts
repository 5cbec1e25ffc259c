import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import { answerPage } from '../mail/page-response';
import { getService } from '../utils/get-service';
import { rejectUnknownQueryKeys } from '../validation/public-query';

/** The moderators' one-click links: a GET shows a button, the POST acts. */
const createModerationLinkController = ({ strapi }: { strapi: Core.Strapi }) => {
  const links = () => getService('mail', { strapi }).links;
  return {
    async show(ctx: Context) {
      rejectUnknownQueryKeys(ctx.query, ['token']);
      answerPage(ctx, await links().show(ctx.query.token, new Date()));
    },

    async act(ctx: Context) {
      rejectUnknownQueryKeys(ctx.query, ['token']);
      answerPage(ctx, await links().act(ctx.query.token, new Date()));
    },
  };
};

export default createModerationLinkController;
