import { randomUUID } from 'crypto';

import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { POST_UID } from '../../../contracts/plugin';
import { abilityOfAdmin, contentManagerPermissions } from '../db/publish-permission';
import {
  PUBLICATION_SCHEDULE_UID,
  type PublicationScheduleRow,
} from '../models/publication-schedule';

import { findPostSubject } from './post-subject';
import { staleBefore } from './state';

/** Due rows one tick reads; the next tick takes the rest (15 seconds later). */
export const TICK_BATCH = 25;

/** What a tick did, for the log and the tests. */
export interface TickResult {
  /** Rows this instance claimed and ran (done or failed). */
  ran: number[];
  failed: number[];
}

/** A run that cannot happen, recorded on the row as its `error`. */
class ScheduleFailure extends Error {}

/** The claim was taken over (this instance was too slow): the run is rolled back. */
class LostClaim extends Error {}

const failureMessage = (error: unknown): string => {
  if (error instanceof ScheduleFailure || error instanceof errors.ApplicationError) {
    return error.message || error.name;
  }
  return `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
};

/**
 * Runs due schedules, each exactly once across the instances on one database:
 * 1. a read of due rows (`done_at IS NULL AND at <= now`, the due index), not claimed or with a
 *    stale claim;
 * 2. per row, the claim: one `UPDATE … SET claimed_by = <this instance>, claimed_at = now WHERE
 *    id = ? AND done_at IS NULL AND (claimed_by IS NULL OR claimed_at < stale)`; an instance
 *    that changed no row lost the race and moves on (the database's row lock makes a racing
 *    UPDATE re-read the row, on every dialect);
 * 3. in one transaction, the publish (or unpublish) through the Document Service (the plugin's
 *    document middleware applies as to any publish) and `done_at`, written only while the claim
 *    is still this instance's: an instance that dies mid-run leaves neither, and the row is
 *    claimed again once its claim is stale.
 * A run that is refused (the post is gone, the admin who scheduled it may no longer publish it,
 * a rule of the plugin refuses it) is recorded with its `error`, and not tried again.
 */
export const createScheduleRunner = (strapi: Core.Strapi, instanceId = randomUUID()) => {
  const rows = () => strapi.db.query(PUBLICATION_SCHEDULE_UID as UID.Schema);
  const posts = () => strapi.documents(POST_UID as UID.ContentType);

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

  /** Ends the row, while the claim is still ours: false when it was taken over. */
  const finish = async (id: number, error: string | null): Promise<boolean> => {
    const { count } = await rows().updateMany({
      where: { id, claimedBy: instanceId, doneAt: null },
      data: { doneAt: new Date(), pending: null, error },
    });
    return count === 1;
  };

  /** The admin who scheduled it must still be allowed to publish the post's locale. */
  const checkScheduler = async (row: PublicationScheduleRow) => {
    const subject = await findPostSubject(strapi, row.postDocumentId, row.locale);
    if (!subject) {
      throw new ScheduleFailure(`The post no longer exists in the locale ${row.locale}`);
    }
    if (row.scheduledById === null) return; // the importer
    const ability = await abilityOfAdmin(strapi, row.scheduledById);
    const may =
      ability !== null && contentManagerPermissions(strapi, ability, POST_UID).canPublish(subject);
    if (!may) {
      throw new ScheduleFailure(
        `${row.scheduledBy ?? 'The admin who scheduled it'} may no longer publish this post in the locale ${row.locale}`
      );
    }
  };

  const run = async (row: PublicationScheduleRow) => {
    await strapi.db.transaction(async () => {
      await checkScheduler(row);
      const params = { documentId: row.postDocumentId, locale: row.locale };
      if (row.action === 'publish') {
        const result = (await posts().publish(params as never)) as { entries?: unknown[] };
        if (!result?.entries?.length) {
          throw new ScheduleFailure(`The post no longer exists in the locale ${row.locale}`);
        }
      } else {
        // Unpublishing a post that is not published leaves it as it is: nothing to undo.
        await posts().unpublish(params as never);
      }
      if (!(await finish(row.id, null))) throw new LostClaim();
    });
  };

  return {
    instanceId,

    /** Runs what is due at `now` (a test passes a later time instead of waiting for it). */
    async tick(now = new Date()): Promise<TickResult> {
      const due = (await rows().findMany({
        where: {
          doneAt: null,
          at: { $lte: now },
          $or: [{ claimedBy: null }, { claimedAt: { $lt: staleBefore(now) } }],
        },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        limit: TICK_BATCH,
      })) as PublicationScheduleRow[];
      const result: TickResult = { ran: [], failed: [] };
      for (const row of due) {
        if (!(await claim(row.id, now))) continue;
        try {
          await run(row);
          result.ran.push(row.id);
        } catch (error) {
          if (error instanceof LostClaim) continue;
          const message = failureMessage(error).slice(0, 1000);
          if (await finish(row.id, message)) {
            result.ran.push(row.id);
            result.failed.push(row.id);
            strapi.log.warn(
              `[blog] scheduled ${row.action} of post ${row.postDocumentId} (${row.locale}) failed: ${message}`
            );
          }
        }
      }
      return result;
    },
  };
};

export type ScheduleRunner = ReturnType<typeof createScheduleRunner>;
