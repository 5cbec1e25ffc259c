import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import type { FindLessons } from '../../../contracts/lessons';
import createLessonsRepository from '../repositories/lessons';
import { lessonsQuerySchema, validate } from '../validation/moderation';

const createLessonsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const lessons = createLessonsRepository({ strapi });

  return {
    async find(ctx: Context) {
      const query = await validate(lessonsQuerySchema, ctx.query);
      const { data, total } = await lessons.search(query);
      const body: FindLessons.Response = {
        data,
        meta: {
          pagination: {
            page: query.page,
            pageSize: query.pageSize,
            pageCount: Math.ceil(total / query.pageSize),
            total,
          },
        },
      };
      ctx.body = body;
    },
  };
};

export default createLessonsController;
