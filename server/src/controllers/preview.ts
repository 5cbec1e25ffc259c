import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import { PREVIEW_TOKEN_HEADER } from '../../../contracts/preview';
import { getService } from '../utils/get-service';
import { rejectUnknownQueryKeys } from '../validation/public-query';

const createPreviewController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /api/blog/preview/posts/:documentId`: the version a preview token names. */
  async findPost(ctx: Context) {
    // A draft is nobody's to keep: no cache, no index, and the page's address (with its
    // token) is not sent on as a referrer.
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Robots-Tag', 'noindex');
    ctx.set('Referrer-Policy', 'no-referrer');
    rejectUnknownQueryKeys(ctx.query, ['locale', 'token']);
    const token = ctx.get(PREVIEW_TOKEN_HEADER) || ctx.query.token;
    ctx.body = await getService('preview', { strapi }).findPost(
      ctx.params.documentId,
      ctx.query.locale,
      token
    );
  },
});

export default createPreviewController;
