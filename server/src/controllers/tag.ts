import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import type { FindTags } from '../../../contracts/taxonomy';
import { getService } from '../utils/get-service';

const createTagController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { data, pagination } = await getService('taxonomy', { strapi }).tags(ctx.query);
    const body: FindTags.Response = { data, meta: { pagination } };
    ctx.body = body;
  },
});

export default createTagController;
