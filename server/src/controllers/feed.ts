import { createHash } from 'crypto';

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';

import type { Feed } from '../services/feeds';
import { getService } from '../utils/get-service';
import { rejectUnknownQueryKeys } from '../validation/public-query';

/** Feed readers poll; a minute of caching spares the server without hiding a new comment long. */
const CACHE_CONTROL = 'public, max-age=60';

/**
 * The URL this feed is served at, for its `rel="self"` link: under the app's public URL
 * (`server.url`) when it is an absolute one, else under the request's origin.
 */
const selfUrl = (strapi: Core.Strapi, ctx: Context) => {
  const configured = String(strapi.config.get('server.url') ?? '');
  const base = /^https?:\/\//.test(configured) ? configured.replace(/(?<!\/)\/+$/, '') : ctx.origin;
  return `${base}${ctx.path}`;
};

/**
 * Answers a feed with `ETag` (the body's hash) and `Last-Modified`, or 304 when the reader's
 * `If-None-Match` (or, without it, `If-Modified-Since`) says it has this version.
 */
const answer = (ctx: Context, feed: Feed) => {
  const etag = `"${createHash('sha1').update(feed.xml).digest('base64url')}"`;
  ctx.set('Cache-Control', CACHE_CONTROL);
  ctx.set('ETag', etag);
  ctx.lastModified = feed.lastModified;
  ctx.status = 200;
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  ctx.type = 'application/atom+xml; charset=utf-8';
  ctx.body = feed.xml;
};

const createFeedController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async posts(ctx: Context) {
    rejectUnknownQueryKeys(ctx.query, []);
    answer(ctx, await getService('feeds', { strapi }).posts(selfUrl(strapi, ctx)));
  },

  async comments(ctx: Context) {
    rejectUnknownQueryKeys(ctx.query, []);
    const feed = await getService('feeds', { strapi }).comments(
      ctx.params.slug,
      selfUrl(strapi, ctx)
    );
    if (!feed) throw new errors.NotFoundError('Post not found');
    answer(ctx, feed);
  },
});

export default createFeedController;
