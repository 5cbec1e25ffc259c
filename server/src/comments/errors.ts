import { errors } from '@strapi/utils';

import { CommentsForbiddenError } from '../moderation/errors';

/**
 * 401 with its message: no edit token, or one the plugin did not sign. Strapi's router answers
 * any UnauthorizedError raised under a route with a bare "Unauthorized"; `pluginErrors` (under
 * every plugin route) answers this one itself.
 */
export class EditTokenError extends errors.UnauthorizedError {}

/** 403 with its message: a token for another comment, or the edit window has closed. */
export class EditForbiddenError extends CommentsForbiddenError {}
