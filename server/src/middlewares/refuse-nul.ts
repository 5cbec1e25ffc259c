import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

import { answerError } from './error-response';
import { createAreaOf } from './plugin-paths';

const ENCODED_NUL = /%00/;

/**
 * Refuses an address holding an encoded NUL (`%00`) on the plugin's routes with a 400, before
 * any route reads it: PostgreSQL refuses NUL in any text, so a slug, an id or a filter value with
 * one would otherwise fail its query (a 500 there, where SQLite answered 404).
 */
export const createRefuseNul = (strapi: Core.Strapi) => {
  const areaOf = createAreaOf(strapi);
  return async (ctx: Context, next: Next) => {
    if (!ENCODED_NUL.test(ctx.originalUrl) || !areaOf(ctx.path)) return next();
    answerError(ctx, 400, 'ValidationError', 'The address holds a NUL character (%00)');
  };
};
