import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';

import type { FindComments } from '../../../contracts/comments';
import { getService } from '../utils/get-service';

const createCommentController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const postRowIds = await getService('posts', { strapi }).findPublishedRowIds(ctx.params.slug);
    if (!postRowIds) {
      throw new errors.NotFoundError('Post not found');
    }
    const { data, pagination } = await getService('comments', { strapi }).findApprovedThread(
      postRowIds,
      ctx.query
    );
    const body: FindComments.Response = { data, meta: { pagination } };
    ctx.body = body;
  },
});

export default createCommentController;
