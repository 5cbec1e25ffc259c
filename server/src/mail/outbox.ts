import type { Core } from '@strapi/strapi';

import { sql } from '../db/connection';
import { columnsOf, tableName } from '../db/metadata';
import { MAIL_OUTBOX_UID, type MailMessage, type OutboxKind } from '../models/mail-outbox';

export interface OutboxEntry {
  dedupeKey: string;
  kind: OutboxKind;
  topic: string;
  commentDocumentId?: string | null;
  recipient?: string | null;
  message?: MailMessage | Record<string, unknown> | null;
}

/**
 * Adds rows to the mail outbox, in the current transaction when there is one (the row commits
 * with the change that causes it, or not at all). A row whose `dedupeKey` is there already is
 * left out, in one statement (`ON CONFLICT DO NOTHING`, MySQL's `INSERT IGNORE`, both written by
 * knex): the same mail is never queued twice.
 */
export const addToOutbox = async (
  strapi: Core.Strapi,
  entries: OutboxEntry[],
  now = new Date()
) => {
  if (entries.length === 0) return;
  const knex = await sql(strapi);
  const column = columnsOf(strapi, MAIL_OUTBOX_UID);
  const rows = entries.map((entry) => ({
    [column('dedupeKey')]: entry.dedupeKey,
    [column('kind')]: entry.kind,
    [column('topic')]: entry.topic,
    [column('commentDocumentId')]: entry.commentDocumentId ?? null,
    [column('recipient')]: entry.recipient ?? null,
    [column('message')]: entry.message ? JSON.stringify(entry.message) : null,
    [column('attempts')]: 0,
    [column('dueAt')]: now,
    [column('createdAt')]: now,
  }));
  await knex(tableName(strapi, MAIL_OUTBOX_UID))
    .insert(rows)
    .onConflict(column('dedupeKey'))
    .ignore();
};
