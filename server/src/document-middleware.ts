import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { COMMENT_UID, MODERATION_EVENT_UID, POST_UID } from '../../contracts/plugin';
import { checkPostSize } from './posts/size-limit';
import type { DocumentContext } from './services/moderation';
import { checkBlogWrite } from './taxonomy/integrity';
import { getService } from './utils/get-service';

const LOG_WRITES_REFUSED = ['update', 'delete', 'publish', 'unpublish', 'discardDraft'];
/** Post actions that add a post to the published set or take one out of it. */
const POST_FEED_CHANGES = ['publish', 'unpublish', 'delete'];

/**
 * One Document Service middleware for the plugin: comments go through the moderation engine
 * whatever called the Document Service (writes judged and checked, reads trimmed to what the
 * admin's role may see), the moderation log only ever grows, posts, categories, tags and
 * authors keep the model's rules (taxonomy/integrity.ts), and the posts feed learns when a post
 * enters or leaves the published set.
 */
export const createDocumentMiddleware =
  (strapi: Core.Strapi) => async (context: DocumentContext, next: () => Promise<unknown>) => {
    if (context.uid === MODERATION_EVENT_UID && LOG_WRITES_REFUSED.includes(context.action)) {
      throw new errors.ForbiddenError('The moderation log is append-only');
    }
    if (context.uid === POST_UID) {
      getService('moderation', { strapi }).checkPostAction(context);
      await checkPostSize(strapi, context);
    }
    await checkBlogWrite(strapi, context);
    if (context.uid === POST_UID && POST_FEED_CHANGES.includes(context.action)) {
      const result = await next();
      await getService('feeds', { strapi }).markPostsChanged();
      return result;
    }
    if (context.uid !== COMMENT_UID) return next();
    return getService('moderation', { strapi }).handle(context, next);
  };
