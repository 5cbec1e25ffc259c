import { errors } from '@strapi/utils';

import { ConflictError } from '../utils/conflict';

import type { Refusal } from './rules';

/** 409: the same comment again; every plugin route answers it with `pluginErrors`. */
export class DuplicateCommentError extends ConflictError {}

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

/** Whether an error is rule 5's refusal (the flood limit), which a submission still records. */
export const isFloodRefusal = (error: unknown): boolean =>
  error instanceof errors.RateLimitError &&
  (error.details as { rule?: unknown } | undefined)?.rule === 'flood';

/** A refusal as its error; `kind` is always `refuse`. */
export const refuse = (refusal: Omit<Refusal, 'kind'>) =>
  refusalError({ kind: 'refuse', ...refusal });

/** 400 naming `field`; its rule is `post` for the `post` field, else `parent`. */
export const fieldRefusal = (field: string, message: string, detail = message) =>
  refuse({
    rule: field === 'post' ? 'post' : 'parent',
    status: 400,
    message,
    errors: [{ path: [field], message: detail }],
  });
