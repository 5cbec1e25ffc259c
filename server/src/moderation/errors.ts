import { errors } from '@strapi/utils';

import type { Refusal } from './rules';

/** 409: the same comment again. Strapi has no such class; the submission route answers 409. */
export class DuplicateCommentError extends errors.ApplicationError {
  readonly status = 409;
  constructor(message: string) {
    super(message, {});
    (this as { name: string }).name = 'ConflictError';
  }
}

/**
 * 403 with its message. Strapi's router turns any other ForbiddenError raised under a route into
 * a bare "Forbidden"; a PolicyError keeps its message, so this one is a PolicyError named as the
 * ForbiddenError it is.
 */
export class CommentsForbiddenError extends errors.PolicyError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, details);
    (this as { name: string }).name = 'ForbiddenError';
  }
}

/** The error a refusal is thrown as, in Strapi's error shape. */
export const refusalError = (refusal: Refusal): Error => {
  switch (refusal.status) {
    case 400:
      return new errors.ValidationError(refusal.message, {
        rule: refusal.rule,
        errors: (refusal.errors ?? []).map((error) => ({ ...error, name: 'ValidationError' })),
      });
    case 403:
      return new CommentsForbiddenError(refusal.message, { rule: refusal.rule });
    case 404:
      return new errors.NotFoundError(refusal.message, { rule: refusal.rule });
    case 409:
      return new DuplicateCommentError(refusal.message);
    case 429:
      return new errors.RateLimitError(refusal.message, {
        rule: refusal.rule,
        retryAfterSeconds: refusal.retryAfterSeconds,
      });
  }
};
