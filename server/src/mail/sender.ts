import { randomUUID } from 'crypto';

import type { Core, UID } from '@strapi/strapi';

import { COMMENT_UID } from '../../../contracts/plugin';
import { MAIL_OUTBOX_UID, type MailMessage, type MailOutboxRow } from '../models/mail-outbox';
import { MAIL_SUBSCRIPTION_UID } from '../models/mail-subscription';
import { staleBefore } from '../schedules/state';
import { getPluginConfig } from '../utils/plugin-config';

import { createFanout } from './fanout';
import { addToOutbox } from './outbox';

/** Outbox rows one tick reads; the next tick takes the rest. */
export const OUTBOX_BATCH = 20;

/** A send that has not answered after this long counts as failed (and is tried again). */
export const SEND_TIMEOUT_MS = 30_000;

/** Mails about a comment: sent only while the comment is approved. */
const COMMENT_TOPICS = ['reply', 'new-comment', 'published'];

export interface SendResult {
  sent: number[];
  /** Sends that failed and wait for their next try. */
  retried: number[];
  /** Sends that failed for the last time. */
  failed: number[];
  expanded: number[];
}

const errorText = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, 1000);

/** The wait before try `attempts + 1`: `delaySeconds`, then twice as long each time. */
export const retryDelayMs = (attempts: number, delaySeconds: number) =>
  delaySeconds * 1000 * 2 ** Math.max(0, attempts - 1);

/**
 * Sends the outbox, each row once across the instances on one database, as the publication
 * schedules run (schedules/runner.ts): a bounded read of due rows, then per row one guarded
 * UPDATE that claims it; an instance that changed no row lost the race. An event becomes its
 * mails (in one transaction with its end, so a crash leaves it to run again, and the mails'
 * dedupe keys keep them single); a mail goes to Strapi's email plugin. A mail whose send failed
 * waits (`dueAt`, a doubling backoff) and is tried again, up to `mail.retry.attempts` tries,
 * after which it is logged (`strapi.log.error`) and kept with its `error`.
 *
 * A row that ended keeps the claim of the instance that ran it (`claimedBy`), as a record.
 * If an instance dies between a send and its record, the claim goes stale and the mail is sent
 * again: at least once, never lost.
 */
export const createMailSender = (strapi: Core.Strapi, instanceId = randomUUID()) => {
  const rows = () => strapi.db.query(MAIL_OUTBOX_UID as UID.Schema);
  const fanout = createFanout(strapi);

  const claim = async (id: number, now: Date): Promise<boolean> => {
    const { count } = await rows().updateMany({
      where: {
        id,
        doneAt: null,
        $or: [{ claimedBy: null }, { claimedAt: { $lt: staleBefore(now) } }],
      },
      data: { claimedBy: instanceId, claimedAt: now },
    });
    return count === 1;
  };

  /** Changes the row while the claim is still ours. */
  const settle = async (id: number, data: Record<string, unknown>): Promise<boolean> => {
    const { count } = await rows().updateMany({
      where: { id, claimedBy: instanceId, doneAt: null },
      data,
    });
    return count === 1;
  };

  const expand = async (row: MailOutboxRow, now: Date) => {
    await strapi.db.transaction(async () => {
      const { mails, done, cursor } = await fanout.expand(row, now);
      await addToOutbox(strapi, mails, now);
      await settle(row.id, done ? { doneAt: now } : { cursor, claimedBy: null, claimedAt: null });
    });
  };

  /**
   * Whether the mail is still wanted: a notice about a comment only while it is approved, the
   * moderators' only while it is held, a subscriber's only while the subscription is there.
   */
  const stillWanted = async (row: MailOutboxRow): Promise<boolean> => {
    const wanted = COMMENT_TOPICS.includes(row.topic)
      ? 'approved'
      : row.topic === 'held'
        ? 'pending'
        : null;
    if (wanted) {
      const comment = (await strapi.db.query(COMMENT_UID as UID.Schema).findOne({
        where: { documentId: row.commentDocumentId },
        select: ['status'],
      })) as { status: string } | null;
      if (comment?.status !== wanted) return false;
    }
    const subscriptionId = (row.message as { subscriptionId?: number } | null)?.subscriptionId;
    if (typeof subscriptionId === 'number') {
      const found = await strapi.db
        .query(MAIL_SUBSCRIPTION_UID as UID.Schema)
        .count({ where: { id: subscriptionId } });
      if (found === 0) return false;
    }
    return true;
  };

  const send = async (row: MailOutboxRow) => {
    const message = row.message as MailMessage;
    const from = getPluginConfig(strapi).mail.from;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('the mail server did not answer')),
        SEND_TIMEOUT_MS
      );
    });
    try {
      await Promise.race([
        strapi
          .plugin('email')
          .service('email')
          .send({
            to: row.recipient,
            ...(from ? { from } : {}),
            subject: message.subject,
            text: message.text,
            html: message.html,
            ...(message.headers ? { headers: message.headers } : {}),
          }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  };

  const deliver = async (row: MailOutboxRow, now: Date, result: SendResult) => {
    if (!(await stillWanted(row))) {
      await settle(row.id, { doneAt: now, error: 'not sent: no longer wanted' });
      return;
    }
    const attempts = Number(row.attempts) + 1;
    try {
      await send(row);
    } catch (error) {
      const { attempts: max, delaySeconds } = getPluginConfig(strapi).mail.retry;
      const message = errorText(error);
      if (attempts >= max) {
        if (await settle(row.id, { attempts, doneAt: new Date(), error: message })) {
          result.failed.push(row.id);
          strapi.log.error(
            `[blog] mail ${row.id} (${row.topic}) not sent after ${attempts} tries: ${message}`
          );
        }
        return;
      }
      const dueAt = new Date(now.getTime() + retryDelayMs(attempts, delaySeconds));
      if (
        await settle(row.id, { attempts, dueAt, claimedBy: null, claimedAt: null, error: message })
      ) {
        result.retried.push(row.id);
        strapi.log.warn(
          `[blog] mail ${row.id} (${row.topic}) not sent, tried again later: ${message}`
        );
      }
      return;
    }
    if (await settle(row.id, { attempts, doneAt: new Date(), error: null })) {
      result.sent.push(row.id);
    }
  };

  return {
    instanceId,

    /** Sends what is due at `now` (a test passes a later time instead of waiting). */
    async tick(now = new Date()): Promise<SendResult> {
      const due = (await rows().findMany({
        where: {
          doneAt: null,
          dueAt: { $lte: now },
          $or: [{ claimedBy: null }, { claimedAt: { $lt: staleBefore(now) } }],
        },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        limit: OUTBOX_BATCH,
      })) as MailOutboxRow[];
      const result: SendResult = { sent: [], retried: [], failed: [], expanded: [] };
      for (const row of due) {
        if (!(await claim(row.id, now))) continue;
        try {
          if (row.kind === 'event') {
            await expand(row, now);
            result.expanded.push(row.id);
          } else {
            await deliver(row, now, result);
          }
        } catch (error) {
          // The claim is let go: the row runs again next tick.
          await settle(row.id, { claimedBy: null, claimedAt: null }).catch(() => undefined);
          strapi.log.warn(`[blog] mail outbox row ${row.id}: ${errorText(error)}`);
        }
      }
      return result;
    },
  };
};

export type MailSender = ReturnType<typeof createMailSender>;
