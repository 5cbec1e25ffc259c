import { randomUUID } from 'crypto';

import type { Core, UID } from '@strapi/strapi';

import { COMMENT_UID } from '../../../contracts/plugin';
import createTrashRepository from '../repositories/trash';
import { getService } from '../utils/get-service';

/** Comments one tick purges at most; the next tick takes the rest. */
export const PURGE_BATCH = 50;

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a tick did, for the log and the tests. */
export interface PurgeResult {
  /** The documentIds this instance deleted for good. */
  purged: string[];
}

/**
 * Purges comments that have been in the trash for `trashDays` (Settings → Blog), each exactly
 * once across the instances on one database, in the manner of schedules/runner.ts:
 * 1. a read of due rows: `status = 'trash' AND trashed_at <= now - trashDays`, oldest first, at
 *    most `PURGE_BATCH` (the (status, trashed_at) index);
 * 2. per row, in one transaction: the claim, an `UPDATE … WHERE id = ? AND status = 'trash' AND
 *    trashed_at <= cutoff` that writes this instance's name into the row (the database's row
 *    lock makes a racing instance's UPDATE wait, then find no row: it moves on), then the delete
 *    through the Document Service, so the moderation middleware logs it (`deleted`, by the
 *    rules, with the reason "purged after N days in the trash") and keeps the counts and thread
 *    copies. An instance that dies mid-run rolls back both; the row is due again next tick.
 */
export const createTrashPurger = (strapi: Core.Strapi, instanceId = randomUUID()) => {
  const repository = createTrashRepository({ strapi });
  const comments = () => strapi.db.query(COMMENT_UID);

  const purgeOne = async (documentId: string, id: number, cutoff: Date, reason: string) =>
    strapi.db.transaction(async () => {
      const { count } = await comments().updateMany({
        where: { id, status: 'trash', trashedAt: { $lte: cutoff } },
        data: { moderationReason: `purge claimed by ${instanceId}` },
      });
      if (count !== 1) return false;
      await getService('moderation', { strapi }).runAs(
        { type: 'system' },
        () => strapi.documents(COMMENT_UID as UID.ContentType).delete({ documentId } as never),
        { reason }
      );
      return true;
    });

  return {
    instanceId,

    /** Purges what is due at `now` (a test passes a later time instead of waiting for it). */
    async tick(now = new Date()): Promise<PurgeResult> {
      const { trashDays } = await getService('settings', { strapi }).get();
      const cutoff = new Date(now.getTime() - trashDays * DAY_MS);
      const due = await repository.due(cutoff, PURGE_BATCH);
      const reason = `purged after ${trashDays} days in the trash`;
      const purged: string[] = [];
      for (const row of due) {
        try {
          if (await purgeOne(row.documentId, row.id, cutoff, reason)) purged.push(row.documentId);
        } catch (error) {
          strapi.log.warn(`[blog] comment ${row.documentId} not purged from the trash: ${error}`);
        }
      }
      return { purged };
    },
  };
};

export type TrashPurger = ReturnType<typeof createTrashPurger>;
