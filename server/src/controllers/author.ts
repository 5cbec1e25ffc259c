import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';

import type { FindAuthor, FindAuthors } from '../../../contracts/taxonomy';
import { getService } from '../utils/get-service';

const createAuthorController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { data, pagination } = await getService('taxonomy', { strapi }).authors(ctx.query);
    const body: FindAuthors.Response = { data, meta: { pagination } };
    ctx.body = body;
  },

  async findOne(ctx: Context) {
    const author = await getService('taxonomy', { strapi }).author(ctx.params.slug, ctx.query);
    if (!author) throw new errors.NotFoundError('Author not found');
    const body: FindAuthor.Response = { data: author, meta: {} };
    ctx.body = body;
  },
});

export default createAuthorController;
