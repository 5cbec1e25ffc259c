import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import type { FindReports } from '../../../contracts/moderation';
import { getService } from '../utils/get-service';
import { reportsQuerySchema, validate } from '../validation/moderation';

/** The admin's Reported view (`GET /blog/reports`). */
const createReportsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { page, pageSize } = await validate(reportsQuerySchema, ctx.query);
    const body: FindReports.Response = await getService('reports', { strapi }).list(page, pageSize);
    ctx.body = body;
  },
});

export default createReportsController;
