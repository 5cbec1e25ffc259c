import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import type { CancelSchedule, CreateSchedule, FindSchedules } from '../../../contracts/schedules';
import type { ScheduleActor } from '../services/schedules';
import { getService } from '../utils/get-service';
import {
  scheduleIdOf,
  validateCreateSchedule,
  validateFindSchedules,
} from '../validation/schedules';

/** The admin of the request, as Strapi's admin authentication leaves it on `ctx.state`. */
const actorOf = (ctx: Context): ScheduleActor => ({
  user: ctx.state.user as ScheduleActor['user'],
  userAbility: ctx.state.userAbility,
});

const createSchedulesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { post, locale } = validateFindSchedules(ctx.query);
    const body: FindSchedules.Response = {
      data: await getService('schedules', { strapi }).list(post, locale, actorOf(ctx)),
    };
    ctx.body = body;
  },

  async create(ctx: Context) {
    const input = validateCreateSchedule(ctx.request.body, new Date());
    const body: CreateSchedule.Response = {
      data: await getService('schedules', { strapi }).create(input, actorOf(ctx)),
    };
    ctx.status = 201;
    ctx.body = body;
  },

  async cancel(ctx: Context) {
    const id = scheduleIdOf(ctx.params.id);
    await getService('schedules', { strapi }).cancel(id, actorOf(ctx));
    const body: CancelSchedule.Response = { data: { id } };
    ctx.body = body;
  },
});

export default createSchedulesController;
