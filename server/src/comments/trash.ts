import type { Core } from '@strapi/strapi';

import type { CommentStatus, SettableStatus } from '../../../contracts/comments';
import type { Actor } from '../moderation/actor';
import createCommentCountsRepository from '../repositories/comment-counts';
import createTrashRepository from '../repositories/trash';
import { getService } from '../utils/get-service';

/**
 * The trash, as the moderation middleware applies it to a status change (services/moderation.ts):
 *
 * - A comment moved to `trash` (a delete from the Moderation view, or any write that sets the
 *   status) takes its replies with it, to any depth: they stay under it (their parent and thread
 *   copies do not change) and each is set to `trash` too, remembering its own status
 *   (`trashedFrom`), when (`trashedAt`) and with which comment (`trashRoot`). So no reply of a
 *   trashed comment is ever public or counted, and nothing is lost: each change is logged.
 * - A comment taken out of the trash gets the status it is given (a restore gives `trashedFrom`),
 *   and the replies that went with it get their own statuses back, exactly. A reply that was in
 *   the trash before (deleted on its own) stays there. A comment whose parent is in the trash
 *   cannot leave it: its parent comes out first.
 * - Trashed comments are purged (deleted for good) after `trashDays` (trash/purge.ts).
 *
 * Cost: one statement per status among the replies, one log row per reply.
 */
const createTrash = ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = createTrashRepository({ strapi });
  const counts = createCommentCountsRepository({ strapi });

  /** The fields a comment moving to the trash is written with. */
  const trashFields = (from: CommentStatus, at: Date) => ({
    trashedFrom: from,
    trashedAt: at,
    trashRoot: null,
  });

  /** The fields a comment leaving the trash is written with. */
  const clearedFields = () => ({ trashedFrom: null, trashedAt: null, trashRoot: null });

  const byStatus = <T, K extends string>(rows: T[], key: (row: T) => K) => {
    const groups = new Map<K, T[]>();
    for (const row of rows) {
      const group = groups.get(key(row)) ?? [];
      group.push(row);
      groups.set(key(row), group);
    }
    return groups;
  };

  return {
    trashFields,
    clearedFields,

    /** Takes the replies of a comment just trashed to the trash with it; logs each. */
    async trashReplies(input: {
      documentId: string;
      postDocumentId: string | null;
      actor: Actor;
      reason: string;
      at: Date;
    }) {
      const replies = await repository.replyTree(input.documentId);
      const events = getService('moderationEvents', { strapi });
      for (const [status, rows] of byStatus(replies, (row) => row.status)) {
        await repository.moveToTrash(
          rows.map((row) => row.id),
          status,
          input.documentId,
          input.at
        );
      }
      for (const reply of replies) {
        await events.record({
          commentDocumentId: reply.documentId,
          postDocumentId: input.postDocumentId,
          fromStatus: reply.status,
          toStatus: 'trash',
          actor: input.actor,
          rule: null,
          reason: input.reason,
        });
      }
      // Replies are never roots: the roots count stays.
      const approved = replies.filter((row) => row.status === 'approved').length;
      await counts.adjust(input.postDocumentId, { approved: -approved, approvedRoots: 0 });
      return replies.length;
    },

    /** Gives the replies that went to the trash with a comment their statuses back; logs each. */
    async restoreReplies(input: {
      documentId: string;
      postDocumentId: string | null;
      actor: Actor;
      reason: string;
    }) {
      const rows = await repository.trashedWith(input.documentId);
      const events = getService('moderationEvents', { strapi });
      const restored = rows.map((row) => ({ ...row, to: row.trashedFrom ?? 'pending' }));
      for (const [to, group] of byStatus(restored, (row) => row.to)) {
        await repository.takeOutOfTrash(
          group.map((row) => row.id),
          to
        );
      }
      for (const row of restored) {
        await events.record({
          commentDocumentId: row.documentId,
          postDocumentId: input.postDocumentId,
          fromStatus: 'trash',
          toStatus: row.to,
          actor: input.actor,
          rule: null,
          reason: input.reason,
        });
      }
      const approved = restored.filter((row) => row.to === 'approved').length;
      await counts.adjust(input.postDocumentId, { approved, approvedRoots: 0 });
      return rows.length;
    },

    /** Whether the comment a reply answers is in the trash. */
    async parentInTrash(parentDocumentId: string | null) {
      if (!parentDocumentId) return false;
      return (await repository.statusOf(parentDocumentId)) === 'trash';
    },
  };
};

/** The status a comment in the trash is restored to. */
export const restoredStatus = (trashedFrom: string | null | undefined): SettableStatus =>
  trashedFrom === 'approved' ||
  trashedFrom === 'spam' ||
  trashedFrom === 'rejected' ||
  trashedFrom === 'pending'
    ? trashedFrom
    : 'pending';

export type Trash = ReturnType<typeof createTrash>;
export default createTrash;
