import { errors } from '@strapi/utils';

/**
 * 409 in Strapi's error shape. Strapi has no such class and answers 400 for any unknown
 * ApplicationError, so the plugin's routes answer it with `pluginErrors`
 * (middlewares/error-response.ts).
 */
export class ConflictError extends errors.ApplicationError {
  readonly status = 409;
  constructor(message: string) {
    super(message, {});
    (this as { name: string }).name = 'ConflictError';
  }
}
