import { NOTIFY_KINDS } from '../../../contracts/comments';

import type { DatabaseModel } from './database-model';

/**
 * A database-only table (no content type, no API, out of the Content Manager): what a reader
 * asked to be told about, one row per address, post and kind (`replies`, `newComments`,
 * `published`). `email` is where the mail goes and is never answered by any route; `emailKey`
 * (a keyed hash of the lower-cased address) is what the signed links carry and what rows are
 * found by. `confirmedAt` is null until the reader follows the confirmation mail's link (double
 * opt-in): nothing is sent to an unconfirmed row. Unsubscribing deletes the row.
 */
export const MAIL_SUBSCRIPTION_UID = 'plugin::blog.mail-subscription';

export const SUBSCRIPTION_KINDS = NOTIFY_KINDS;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

export interface MailSubscriptionRow {
  id: number;
  emailKey: string;
  email: string;
  postDocumentId: string;
  kind: SubscriptionKind;
  /** The author's name when they subscribed, for the greeting. */
  name: string | null;
  createdAt: string | number | Date;
  confirmedAt: string | number | Date | null;
}

export const mailSubscriptionModel = {
  uid: MAIL_SUBSCRIPTION_UID,
  singularName: 'mail-subscription',
  tableName: 'blog_mail_subscriptions',
  attributes: {
    id: { type: 'increments' },
    emailKey: { type: 'string', column: { notNullable: true } },
    email: { type: 'string', column: { notNullable: true } },
    postDocumentId: { type: 'string', column: { notNullable: true } },
    kind: { type: 'string', column: { notNullable: true } },
    name: { type: 'string' },
    createdAt: { type: 'datetime', column: { notNullable: true } },
    confirmedAt: { type: 'datetime' },
  },
  indexes: [
    // One row per address, post and kind; also an address's rows (unsubscribe everything).
    {
      name: 'blog_mail_subscriptions_uq',
      columns: ['email_key', 'post_document_id', 'kind'],
      type: 'unique',
    },
    // A post's subscribers of one kind (new comments), in id order for the sender's batches.
    { name: 'blog_mail_subscriptions_post_idx', columns: ['post_document_id', 'kind', 'id'] },
  ],
} satisfies DatabaseModel<MailSubscriptionRow>;
