import type { Core } from '@strapi/strapi';

import type { CommentStatus } from '../../../contracts/comments';
import { COMMENT_UID } from '../../../contracts/plugin';
import { getPluginConfig } from '../utils/plugin-config';

/** Event names on Strapi's event hub; webhooks can subscribe to them (Settings → Webhooks). */
export const COMMENT_EVENTS = {
  created: 'blog-comment.create',
  statusChanged: 'blog-comment.status-change',
} as const;

/**
 * What happens after a comment is stored or changes status, once the transaction has committed:
 * an event on the hub (webhooks, other plugins) and, when the email plugin is set up and
 * `moderatorEmails` names someone, a notice that a comment waits for moderation.
 */
const createNotificationsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const emit = (event: string, payload: Record<string, unknown>) => {
    try {
      strapi.eventHub.emit(event, { ...payload, uid: COMMENT_UID });
    } catch (error) {
      strapi.log.error(`[blog] could not emit ${event}: ${error}`);
    }
  };

  const notifyModerators = async (documentId: string, postDocumentId: string) => {
    const recipients = getPluginConfig(strapi).moderatorEmails;
    const email = strapi.plugin('email');
    if (!recipients.length || !email) return;
    const admin = strapi.config.get('admin.url', '/admin');
    try {
      await email.service('email').send({
        to: recipients.join(','),
        subject: 'A comment is waiting for moderation',
        text: `A new comment (${documentId}) on post ${postDocumentId} is held for moderation.\nReview it in the admin panel: ${admin}`,
      });
    } catch (error) {
      strapi.log.warn(`[blog] moderation notice not sent: ${error}`);
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
      if (status === 'pending') await notifyModerators(documentId, postDocumentId);
    },

    async statusChanged(documentId: string, from: CommentStatus, to: CommentStatus) {
      emit(COMMENT_EVENTS.statusChanged, { entry: { documentId, from, to } });
    },
  };
};

export type NotificationsService = ReturnType<typeof createNotificationsService>;
export default createNotificationsService;
