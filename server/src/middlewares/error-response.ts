import { errors } from '@strapi/utils';
import type { Context, Next } from 'koa';

import type { ErrorResponse } from '../../../contracts/common';
import { EditTokenError } from '../comments/errors';
import { PreviewTokenError } from '../preview/errors';
import { ConflictError } from '../utils/conflict';

/**
 * Answers with Strapi's error body. Strapi's `strapi::errors` middleware renders every error a
 * route throws; this is for what it cannot render: the plugin's middlewares that run ahead of it
 * (registered with `strapi.server.use`) and the 409 below.
 */
export const answerError = (
  ctx: Context,
  status: number,
  name: string,
  message: string,
  details: Record<string, unknown> = {}
) => {
  const body: ErrorResponse = { data: null, error: { status, name, message, details } };
  ctx.status = status;
  ctx.body = body;
};

/**
 * Runs under every plugin route (routes/index.ts), so controllers only throw `@strapi/utils`
 * errors: Strapi renders them, and this adds what it does not do itself. A ConflictError answers
 * 409 (Strapi answers any ApplicationError it does not know with 400); a PreviewTokenError or
 * an EditTokenError 401
 * with its message (Strapi's router would answer a bare "Unauthorized"); a RateLimitError gets
 * the Retry-After header its `details.retryAfterSeconds` names (1 when it names none).
 */
export const pluginErrors = async (ctx: Context, next: Next) => {
  try {
    await next();
  } catch (error) {
    if (error instanceof ConflictError) {
      return answerError(ctx, 409, error.name, error.message);
    }
    if (error instanceof PreviewTokenError || error instanceof EditTokenError) {
      return answerError(
        ctx,
        401,
        error.name,
        error.message,
        error.details as Record<string, unknown>
      );
    }
    if (error instanceof errors.RateLimitError) {
      const retryAfter = Number(
        (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds
      );
      ctx.set('Retry-After', String(Number.isFinite(retryAfter) ? retryAfter : 1));
    }
    throw error;
  }
};
