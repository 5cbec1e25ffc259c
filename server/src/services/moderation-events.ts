import type { Core, UID } from '@strapi/strapi';

import { toIsoDate } from '../../../contracts/dates';
import type { CommentStatus } from '../../../contracts/comments';
import type { ModerationEvent } from '../../../contracts/moderation';
import { MODERATION_EVENT_UID } from '../../../contracts/plugin';
import type { Actor } from '../moderation/actor';
import { reasonParts } from '../moderation/reason-parts';

export interface EventInput {
  commentDocumentId: string;
  postDocumentId: string | null;
  fromStatus: CommentStatus | null;
  toStatus: CommentStatus | 'deleted';
  actor: Actor;
  rule: string | null;
  reason: string | null;
  /** The text before an edit, kept in the log; absent when the text did not change. */
  previousContent?: string | null;
}

const actorFields = (actor: Actor) => {
  switch (actor.type) {
    case 'admin':
      return { actorType: 'admin', actorId: actor.id, actorName: actor.name };
    case 'importer':
      return { actorType: 'importer', actorId: null, actorName: actor.name ?? 'importer' };
    case 'reader':
      return { actorType: 'reader', actorId: null, actorName: actor.name };
    default:
      return { actorType: 'system', actorId: null, actorName: 'moderation rules' };
  }
};

/**
 * The moderation log: one row per status change of a comment, the first verdict and the delete
 * included. Rows are only ever added (the Document Service refuses to update or delete them).
 */
const createModerationEventsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const uid = MODERATION_EVENT_UID as UID.ContentType;

  return {
    async record(input: EventInput) {
      await strapi.documents(uid).create({
        data: {
          commentDocumentId: input.commentDocumentId,
          postDocumentId: input.postDocumentId,
          fromStatus: input.fromStatus,
          toStatus: input.toStatus,
          rule: input.rule,
          reason: input.reason,
          previousContent: input.previousContent ?? null,
          ...actorFields(input.actor),
        },
      } as never);
    },

    /** A comment's history, oldest first. */
    async forComment(commentDocumentId: string): Promise<ModerationEvent[]> {
      const rows = (await strapi.db.query(uid).findMany({
        where: { commentDocumentId },
        orderBy: { id: 'asc' },
        select: [
          'id',
          'commentDocumentId',
          'fromStatus',
          'toStatus',
          'actorType',
          'actorId',
          'actorName',
          'rule',
          'reason',
          'previousContent',
          'createdAt',
        ],
      })) as Array<
        Omit<ModerationEvent, 'createdAt' | 'reasonParts'> & { createdAt: string | Date }
      >;
      return rows.map((row) => ({
        ...row,
        previousContent: row.previousContent ?? null,
        reasonParts: reasonParts(row.reason),
        createdAt: toIsoDate(row.createdAt),
      }));
    },
  };
};

export type ModerationEventsService = ReturnType<typeof createModerationEventsService>;
export default createModerationEventsService;
