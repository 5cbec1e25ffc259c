import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';

import type { FindPost, FindPosts } from '../../../contracts/posts';
import { getService } from '../utils/get-service';
import { rejectUnknownQueryKeys } from '../validation/public-query';

const createPostController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const posts = getService('posts', { strapi });
    const { data, pagination } = await posts.findPublished(ctx.query, ctx.state.auth);
    const body: FindPosts.Response = { data, meta: { pagination } };
    ctx.body = body;
  },

  async findOne(ctx: Context) {
    rejectUnknownQueryKeys(ctx.query, ['locale']);
    const post = await getService('posts', { strapi }).findPublishedBySlug(
      ctx.params.slug,
      ctx.query.locale
    );
    if (!post) {
      throw new errors.NotFoundError('Post not found');
    }
    const body: FindPost.Response = { data: post, meta: {} };
    ctx.body = body;
  },
});

export default createPostController;
