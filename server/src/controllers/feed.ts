import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';

import { answerXml, publicBase, servedUrl } from '../feeds/xml-response';
import type { Feed } from '../services/feeds';
import { getService } from '../utils/get-service';
import { rejectUnknownQueryKeys } from '../validation/public-query';

/** Feed readers poll; a minute of caching spares the server without hiding a new comment long. */
const CACHE_CONTROL = 'public, max-age=60';

const answer = (ctx: Context, feed: Feed) =>
  answerXml(ctx, feed, {
    type: 'application/atom+xml; charset=utf-8',
    cacheControl: CACHE_CONTROL,
  });

const createFeedController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async posts(ctx: Context) {
    rejectUnknownQueryKeys(ctx.query, []);
    const feeds = getService('feeds', { strapi });
    answer(ctx, await feeds.posts(servedUrl(strapi, ctx), publicBase(strapi, ctx)));
  },

  async comments(ctx: Context) {
    rejectUnknownQueryKeys(ctx.query, []);
    const feed = await getService('feeds', { strapi }).comments(
      ctx.params.slug,
      servedUrl(strapi, ctx)
    );
    if (!feed) throw new errors.NotFoundError('Post not found');
    answer(ctx, feed);
  },
});

export default createFeedController;
