import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import type { Settings } from '../../../contracts/moderation';
import { getService } from '../utils/get-service';

const createSettingsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const body: Settings.Response = { data: await getService('settings', { strapi }).get() };
    ctx.body = body;
  },

  async update(ctx: Context) {
    const data = await getService('settings', { strapi }).update(ctx.request.body);
    const body: Settings.Response = { data };
    ctx.body = body;
  },
});

export default createSettingsController;
