import { errors } from '@strapi/utils';

/**
 * 401 with its message. Strapi's router answers any UnauthorizedError raised under a route with
 * a bare "Unauthorized"; `pluginErrors` (under every plugin route) answers this one itself.
 */
export class PreviewTokenError extends errors.UnauthorizedError {}

/**
 * 403 with its message: a PolicyError keeps it where Strapi's router turns any other
 * ForbiddenError into a bare "Forbidden"; named as the ForbiddenError it is.
 */
export class PreviewForbiddenError extends errors.PolicyError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, details);
    (this as { name: string }).name = 'ForbiddenError';
  }
}
