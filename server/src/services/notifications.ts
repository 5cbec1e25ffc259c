import type { Core } from '@strapi/strapi';

import type { CommentStatus } from '../../../contracts/comments';
import { COMMENT_UID } from '../../../contracts/plugin';

/** Event names on Strapi's event hub; webhooks can subscribe to them (Settings → Webhooks). */
export const COMMENT_EVENTS = {
  created: 'blog-comment.create',
  statusChanged: 'blog-comment.status-change',
} as const;

/**
 * What happens after a comment is stored or changes status, once the transaction has committed:
 * an event on the hub (webhooks, other plugins). Mail (the moderators' notice of a held comment
 * included) is queued in the change's transaction and sent by the outbox (services/mail.ts).
 */
const createNotificationsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const emit = (event: string, payload: Record<string, unknown>) => {
    try {
      strapi.eventHub.emit(event, { ...payload, uid: COMMENT_UID });
    } catch (error) {
      strapi.log.error(`[blog] could not emit ${event}: ${error}`);
    }
  };

  return {
    registerWebhookEvents() {
      const store = strapi.get('webhookStore') as {
        addAllowedEvent(key: string, value: string): void;
      };
      store.addAllowedEvent('BLOG_COMMENT_CREATE', COMMENT_EVENTS.created);
      store.addAllowedEvent('BLOG_COMMENT_STATUS_CHANGE', COMMENT_EVENTS.statusChanged);
    },

    async commentCreated(documentId: string, status: CommentStatus, postDocumentId: string) {
      emit(COMMENT_EVENTS.created, { entry: { documentId, status, post: postDocumentId } });
    },

    async statusChanged(documentId: string, from: CommentStatus, to: CommentStatus) {
      emit(COMMENT_EVENTS.statusChanged, { entry: { documentId, from, to } });
    },
  };
};

export type NotificationsService = ReturnType<typeof createNotificationsService>;
export default createNotificationsService;
