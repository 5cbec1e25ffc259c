import type { Core, UID } from '@strapi/strapi';

import { toIsoDate } from '../../../contracts/dates';
import type { CommentStatus } from '../../../contracts/comments';
import type { ModerationEvent } from '../../../contracts/moderation';
import { MODERATION_EVENT_UID } from '../../../contracts/plugin';
import { currentModerationScope, type Actor } from '../moderation/actor';
import { rowsPerStatement } from '../db/batch-rows';
import { getService } from '../utils/get-service';
import { reasonParts } from '../moderation/reason-parts';

export interface EventInput {
  commentDocumentId: string;
  postDocumentId: string | null;
  fromStatus: CommentStatus | null;
  toStatus: CommentStatus | 'deleted';
  actor: Actor;
  rule: string | null;
  reason: string | null;
  /** An edit's text before it. */
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

/** A log row's fields, as `record` writes them (the importer's batches write the same). */
const eventData = (input: EventInput) => {
  const via = currentModerationScope()?.via ?? null;
  return {
    commentDocumentId: input.commentDocumentId,
    postDocumentId: input.postDocumentId,
    fromStatus: input.fromStatus,
    toStatus: input.toStatus,
    rule: input.rule,
    reason: input.reason,
    ...(via ? { via } : {}),
    previousContent: input.previousContent ?? null,
    ...actorFields(input.actor),
  };
};

/**
 * The moderation log: one row per status change of a comment, the first verdict and the delete
 * included. Rows are only ever added (the Document Service refuses to update or delete them).
 */
const createModerationEventsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const uid = MODERATION_EVENT_UID as UID.ContentType;

  return {
    /**
     * Logs a change, in its transaction, with how it was asked for (`via`, from the moderation
     * scope), and queues the mail it causes (services/mail.ts) in the same transaction.
     */
    async record(input: EventInput) {
      await this.recordMany([input]);
    },

    /**
     * Logs several changes at once (a batch of new comments), as `record` logs each: one INSERT
     * through the query engine, not the Document Service (a log row is never edited, so the
     * Document Service's re-reads bought nothing). `createMany` is the query engine's insert that
     * does not read the rows back; each row gets what the Document Service would give it: a
     * documentId (the model's default), its timestamps, publishedAt. At most `rowsPerStatement`
     * rows a statement (every database's limit of bound values).
     */
    async recordMany(inputs: EventInput[]) {
      if (inputs.length === 0) return;
      const at = new Date();
      const rows = inputs.map((input) => ({
        ...eventData(input),
        createdAt: at,
        updatedAt: at,
        publishedAt: at,
      }));
      const size = rowsPerStatement(Object.keys(rows[0]).length + 1);
      for (let start = 0; start < rows.length; start += size) {
        await strapi.db.query(uid).createMany({ data: rows.slice(start, start + size) });
      }
      const mail = getService('mail', { strapi });
      for (const input of inputs) await mail.statusRecorded(input);
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
          'via',
          'previousContent',
          'createdAt',
        ],
      })) as Array<
        Omit<ModerationEvent, 'createdAt' | 'reasonParts' | 'previousContent'> & {
          createdAt: string | Date;
          previousContent?: string | null;
        }
      >;
      return rows.map((row) => ({
        ...row,
        via: row.via ?? null,
        reasonParts: reasonParts(row.reason),
        previousContent: row.previousContent ?? null,
        createdAt: toIsoDate(row.createdAt),
      }));
    },
  };
};

export type ModerationEventsService = ReturnType<typeof createModerationEventsService>;
export default createModerationEventsService;
