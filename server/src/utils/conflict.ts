import { errors } from '@strapi/utils';
import type { Context } from 'koa';

import type { ErrorResponse } from '../../../contracts/common';

/**
 * 409 in Strapi's error shape. Strapi has no such class and answers 400 for any unknown
 * ApplicationError, so a route that may conflict answers it with `answerConflict`.
 */
export class ConflictError extends errors.ApplicationError {
  readonly status = 409;
  constructor(message: string) {
    super(message, {});
    (this as { name: string }).name = 'ConflictError';
  }
}

/** Answers a ConflictError as 409; `false` for any other error (the caller rethrows it). */
export const answerConflict = (ctx: Context, error: unknown): boolean => {
  if (!(error instanceof ConflictError)) return false;
  const body: ErrorResponse = {
    data: null,
    error: { status: 409, name: error.name, message: error.message, details: {} },
  };
  ctx.status = 409;
  ctx.body = body;
  return true;
};
