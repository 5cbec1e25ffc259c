import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { COMMENT_UID, MODERATION_EVENT_UID } from './constants';
import type { DocumentContext } from './services/moderation';
import { getService } from './utils/get-service';

const LOG_WRITES_REFUSED = ['update', 'delete', 'publish', 'unpublish', 'discardDraft'];

/**
 * One Document Service middleware for the plugin: comments go through the moderation engine
 * whatever called the Document Service, and the moderation log only ever grows.
 */
export const createDocumentMiddleware =
  (strapi: Core.Strapi) => async (context: DocumentContext, next: () => Promise<unknown>) => {
    if (context.uid === MODERATION_EVENT_UID && LOG_WRITES_REFUSED.includes(context.action)) {
      throw new errors.ForbiddenError('The moderation log is append-only');
    }
    if (context.uid !== COMMENT_UID) return next();

    const moderation = getService('moderation', { strapi });
    switch (context.action) {
      case 'create':
        return moderation.onCreate(context, next);
      case 'update':
        return moderation.onUpdate(context, next);
      case 'delete':
        return moderation.onDelete(context, next);
      default:
        return next();
    }
  };
