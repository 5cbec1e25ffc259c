import type { DatabaseModel } from './database-model';

/**
 * A database-only table (no content type, no API, out of the Content Manager): the plugin's
 * mail outbox. A request never sends mail; it adds a row here, inside the transaction of the
 * change that causes it, so a mail exists only for what committed, and Strapi's cron sends it
 * (mail/sender.ts). Two kinds of row:
 * - `event`: something happened to a comment (`approved`, `held`); the sender turns it into the
 *   mails it causes (who is subscribed, who moderates), a bounded batch per tick, `cursor`
 *   remembering where it stopped;
 * - `mail`: one message to one address, rendered (`message`: subject, text, html, headers).
 *
 * `dedupeKey` is unique: the same mail (a reply's notice to one address) or event is added once,
 * whoever adds it and however often. A row is claimed like a publication schedule
 * (`claimedBy`/`claimedAt`, one guarded UPDATE), so it runs once across instances; a failed
 * send waits until `dueAt` (a doubling backoff) and ends, after `mail.retry.attempts`, with
 * `doneAt` and its `error`, kept as the record.
 */
export const MAIL_OUTBOX_UID = 'plugin::blog.mail-outbox';

export type OutboxKind = 'event' | 'mail';

export interface MailMessage {
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export interface MailOutboxRow {
  id: number;
  dedupeKey: string;
  kind: OutboxKind;
  /** An event's name (`approved`, `held`), or a mail's (`confirm`, `reply`, …). */
  topic: string;
  commentDocumentId: string | null;
  /** A mail's address. */
  recipient: string | null;
  /** A mail's content; an event's facts (`{ heldBefore }`). */
  message: MailMessage | Record<string, unknown> | null;
  /** An event's progress: the last subscription it mailed. */
  cursor: number | null;
  attempts: number;
  dueAt: string | number | Date;
  createdAt: string | number | Date;
  claimedBy: string | null;
  claimedAt: string | number | Date | null;
  doneAt: string | number | Date | null;
  error: string | null;
}

export const mailOutboxModel = {
  uid: MAIL_OUTBOX_UID,
  singularName: 'mail-outbox',
  tableName: 'blog_mail_outbox',
  attributes: {
    id: { type: 'increments' },
    dedupeKey: { type: 'string', column: { notNullable: true } },
    kind: { type: 'string', column: { notNullable: true } },
    topic: { type: 'string', column: { notNullable: true } },
    commentDocumentId: { type: 'string' },
    recipient: { type: 'string' },
    message: { type: 'json' },
    cursor: { type: 'integer' },
    attempts: { type: 'integer', column: { notNullable: true, defaultTo: 0 } },
    dueAt: { type: 'datetime', column: { notNullable: true } },
    createdAt: { type: 'datetime', column: { notNullable: true } },
    claimedBy: { type: 'string' },
    claimedAt: { type: 'datetime' },
    doneAt: { type: 'datetime' },
    error: { type: 'text' },
  },
  indexes: [
    // What the sender scans: `done_at IS NULL AND due_at <= now`, soonest first.
    { name: 'blog_mail_outbox_due_idx', columns: ['done_at', 'due_at'] },
    { name: 'blog_mail_outbox_dedupe_uq', columns: ['dedupe_key'], type: 'unique' },
  ],
} satisfies DatabaseModel<MailOutboxRow>;
