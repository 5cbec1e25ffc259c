import type { Core } from '@strapi/strapi';

import { createModerationLinks } from '../mail/moderation-links';
import { addToOutbox } from '../mail/outbox';
import { createMailSender } from '../mail/sender';
import { createSubscriptions } from '../mail/subscriptions';
import { getPluginConfig } from '../utils/plugin-config';

import type { EventInput } from './moderation-events';

/**
 * The plugin's mail (docs/notifications.md): what a change queues, in its transaction (the
 * outbox, mail/outbox.ts); the sender that Strapi's cron runs (mail/sender.ts); readers'
 * subscriptions (mail/subscriptions.ts); moderators' one-click links (mail/moderation-links.ts).
 */
const createMailService = ({ strapi }: { strapi: Core.Strapi }) => {
  const subscriptions = createSubscriptions(strapi);
  const links = createModerationLinks(strapi);

  return {
    sender: createMailSender(strapi),
    subscriptions,
    links,

    /**
     * A status change was logged (moderation-events.ts): an approved comment may concern
     * subscribers, a held one the moderators. One outbox row, the event; who gets mail is read
     * when the sender runs it. An import sends nothing.
     */
    async statusRecorded(input: EventInput) {
      if (input.actor.type === 'importer') return;
      if (input.toStatus === 'approved') {
        await addToOutbox(strapi, [
          {
            dedupeKey: `approved:${input.commentDocumentId}`,
            kind: 'event',
            topic: 'approved',
            commentDocumentId: input.commentDocumentId,
            message: { heldBefore: input.fromStatus === 'pending' },
          },
        ]);
      } else if (
        input.toStatus === 'pending' &&
        input.fromStatus === null &&
        getPluginConfig(strapi).moderatorEmails.length > 0
      ) {
        await addToOutbox(strapi, [
          {
            dedupeKey: `held:${input.commentDocumentId}`,
            kind: 'event',
            topic: 'held',
            commentDocumentId: input.commentDocumentId,
          },
        ]);
      }
    },
  };
};

export type MailService = ReturnType<typeof createMailService>;
export default createMailService;
