import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import type { FindCategories } from '../../../contracts/taxonomy';
import { getService } from '../utils/get-service';

const createCategoryController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { data, pagination } = await getService('taxonomy', { strapi }).categories(ctx.query);
    const body: FindCategories.Response = { data, meta: { pagination } };
    ctx.body = body;
  },
});

export default createCategoryController;
