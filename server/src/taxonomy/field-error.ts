import { errors } from '@strapi/utils';

/**
 * A 400 about one field, in the shape Strapi's own validation answers: the Content Manager shows
 * `message` under the field named by `path`.
 */
export const fieldError = (path: string[], message: string) =>
  new errors.ValidationError(message, {
    errors: [{ path, message, name: 'ValidationError' }],
  });
