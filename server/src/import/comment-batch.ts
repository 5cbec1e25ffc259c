import type { Core } from '@strapi/strapi';

import { COMMENT_UID, POST_UID } from '../../../contracts/plugin';
import { documentIdFactory } from '../db/metadata';
import { runInModerationScope, type ModerationScope } from '../moderation/actor';
import type { ModerationSettings } from '../moderation/settings';
import createModerationFactsRepository from '../repositories/moderation-facts';
import type { PreparedCreate } from '../services/moderation';
import { getService } from '../utils/get-service';

/**
 * New comments of one post written together, inside the post's transaction, by the moderation
 * service's own create steps (services/moderation.ts): each comment prepared (`prepareCreate`:
 * the data read, the verdict as the importer, the stored fields and thread copies) and checked
 * (`validateCreate`: Strapi's entity validator) one by one, then all of them written by
 * `insertPrepared`, the public submission's writer (db/comment-insert.ts), with what follows
 * every create (`afterCreate`: one log row each, the post's approved count, the public cache,
 * `blog-comment.create` and Strapi's `entry.create` after commit). What costs statements per
 * comment through the Document Service costs a few per batch here.
 */

/** A new comment: its source id, and its data as the importer gives it to the Document Service. */
export interface NewComment {
  sourceId: string;
  data: Record<string, unknown>;
  /** The source id of its parent when that parent is new too (written in this batch). */
  parentSourceId: string | null;
}

/** Where a comment of the batch sits: its thread's root and its level (a root is 1). */
interface Place {
  documentId: string;
  rootDocumentId: string | null;
  depth: number;
}

const IMPORTER: ModerationScope['actor'] = { type: 'importer' };

export const createCommentBatch = ({ strapi }: { strapi: Core.Strapi }) => {
  const facts = createModerationFactsRepository({ strapi });

  /**
   * Judges and writes `comments` (parents before replies) on the post `postDocumentId`, linked
   * to its rows in `locale`. Answers the documentId of each comment written, by source id, and
   * the refusals (source id and error: the caller names them as a comment written alone would
   * be named).
   */
  const write = async (
    postDocumentId: string,
    comments: NewComment[],
    settings: ModerationSettings,
    locale: string
  ): Promise<{
    written: Map<string, string>;
    refused: Array<{ sourceId: string; error: unknown }>;
  }> => {
    const written = new Map<string, string>();
    const refused: Array<{ sourceId: string; error: unknown }> = [];
    if (comments.length === 0) return { written, refused };
    const moderation = getService('moderation', { strapi });
    const post = await facts.post(postDocumentId);
    const scope: ModerationScope = {
      actor: IMPORTER,
      settings,
      ...(post ? { post: { documentId: postDocumentId, facts: post } } : {}),
    };
    const newDocumentId = documentIdFactory(strapi, COMMENT_UID);
    const places = new Map<string, Place>();
    const accepted: Array<{
      prepared: PreparedCreate;
      data: Record<string, unknown>;
      documentId: string;
    }> = [];

    await runInModerationScope(scope, async () => {
      for (const comment of comments) {
        try {
          const inBatch = comment.parentSourceId ? places.get(comment.parentSourceId) : undefined;
          // A reply to a comment this batch refused comes in as a root, as when written alone.
          const prepared = await moderation.prepareCreate(
            inBatch ? { ...comment.data, parent: inBatch.documentId } : comment.data,
            inBatch && {
              parent: { state: 'ok', depth: inBatch.depth },
              rootDocumentId: inBatch.rootDocumentId ?? inBatch.documentId,
            }
          );
          const data = await moderation.validateCreate(prepared);
          const documentId = newDocumentId();
          accepted.push({ prepared, data, documentId });
          places.set(comment.sourceId, {
            documentId,
            rootDocumentId: (prepared.data.rootDocumentId as string | null) ?? null,
            depth: prepared.depth,
          });
          written.set(comment.sourceId, documentId);
        } catch (error) {
          refused.push({ sourceId: comment.sourceId, error });
        }
      }
      if (accepted.length === 0) return;
      const postRows = (await strapi.db.query(POST_UID as never).findMany({
        select: ['id'],
        where: { documentId: postDocumentId, locale },
        orderBy: { id: 'asc' },
      })) as Array<{ id: number }>;
      await moderation.insertPrepared(
        accepted,
        postRows.map((row) => row.id)
      );
    });
    return { written, refused };
  };

  return { write };
};

export type CommentBatch = ReturnType<typeof createCommentBatch>;
