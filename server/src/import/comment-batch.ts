import type { Core } from '@strapi/strapi';

import { COMMENT_UID, MODERATION_EVENT_UID, POST_UID } from '../../../contracts/plugin';
import type { CommentStatus } from '../../../contracts/comments';
import { threadCopies } from '../comments/derived-data';
import { createData } from '../comments/write-data';
import { insertDocuments, linkRows } from '../db/batch-rows';
import { documentIdFactory } from '../db/metadata';
import { runInModerationScope, type ModerationScope } from '../moderation/actor';
import { readCandidate } from '../moderation/candidate';
import createVerdicts from '../moderation/create-verdict';
import type { Facts } from '../moderation/rules';
import type { ModerationSettings } from '../moderation/settings';
import createCommentCountsRepository from '../repositories/comment-counts';
import createModerationFactsRepository from '../repositories/moderation-facts';
import { eventData } from '../services/moderation-events';
import { getService } from '../utils/get-service';

/**
 * New comments of one post written together, inside the post's transaction, with what the
 * moderation middleware does for each comment created through the Document Service
 * (services/moderation.ts `onCreate`): the same data read (`readCandidate`), the same verdict
 * (create-verdict.ts, the pure judge of moderation/judge.ts, as the importer), the same Strapi
 * validation, the same stored fields and thread copies, one moderation log row each, the post's
 * approved count moved, `blog-comment.create` emitted after commit. What costs a statement per
 * comment through the Document Service costs one per batch here (db/batch-rows.ts): the
 * comments, their links to the post and to their parents, their log rows, the count.
 */

/** A new comment: its source id, and its data as the importer gives it to the Document Service. */
export interface NewComment {
  sourceId: string;
  data: Record<string, unknown>;
  /** The source id of its parent when that parent is new too (written in this batch). */
  parentSourceId: string | null;
}

/** A comment accepted into the batch: what is stored, and what is logged. */
interface Accepted {
  sourceId: string;
  documentId: string;
  row: Record<string, unknown>;
  parentDocumentId: string | null;
  status: CommentStatus;
  rule: string;
  reason: string;
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
  const { verdict, parentFacts } = createVerdicts({ strapi });
  const counts = createCommentCountsRepository({ strapi });
  const contentType = () => strapi.contentType(COMMENT_UID as never);

  /** Strapi's validation of a create, the relations aside (they are checked by the judge). */
  const validate = async (row: Record<string, unknown>) => {
    const validator = strapi.entityValidator as unknown as {
      validateEntityCreation: (
        model: unknown,
        data: Record<string, unknown>,
        options: { isDraft: boolean }
      ) => Promise<Record<string, unknown>>;
    };
    return validator.validateEntityCreation(contentType(), row, { isDraft: false });
  };

  /**
   * Judges and writes `comments` (parents before replies) on the post `postDocumentId`. Answers
   * the documentId of each comment written, by source id, and the refusals (source id and error:
   * the caller names them as a comment written alone would be named).
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
    const scope: ModerationScope = { actor: IMPORTER, settings };
    const newDocumentId = documentIdFactory(strapi, COMMENT_UID);
    const post = await facts.post(postDocumentId);
    const places = new Map<string, Place>();
    const accepted: Accepted[] = [];
    const now = new Date();

    await runInModerationScope(scope, async () => {
      for (const comment of comments) {
        try {
          const inBatch = comment.parentSourceId ? places.get(comment.parentSourceId) : undefined;
          // A reply to a comment this batch refused comes in as a root, as when written alone.
          const data = createData(
            inBatch ? { ...comment.data, parent: inBatch.documentId } : comment.data,
            true
          );
          const { candidate, parentDocumentId } = readCandidate(data, undefined);
          let parent: Facts['parent'];
          let rootDocumentId: string | null;
          if (inBatch) {
            parent = { state: 'ok', depth: inBatch.depth };
            rootDocumentId = inBatch.rootDocumentId ?? inBatch.documentId;
          } else {
            ({ parent, rootDocumentId } = await parentFacts(
              parentDocumentId,
              postDocumentId,
              true
            ));
          }
          const judged = await verdict({
            scope,
            data,
            candidate,
            postDocumentId,
            parentDocumentId,
            post,
            parent,
            settings,
            now,
          });
          const fields: Record<string, unknown> = {
            ...data,
            authorName: candidate.authorName,
            authorEmail: candidate.authorEmail,
            authorUrl: candidate.authorUrl,
            content: candidate.content,
            status: judged.status,
            moderationReason: judged.reason,
            ipHash: typeof data.ipHash === 'string' ? data.ipHash : null,
            userAgent: candidate.userAgent,
            submittedAt: data.submittedAt !== undefined ? data.submittedAt : now.toISOString(),
            ...threadCopies(postDocumentId, parentDocumentId, rootDocumentId),
          };
          delete fields.post;
          delete fields.parent;
          const valid = await validate(fields);
          const documentId = newDocumentId();
          accepted.push({
            sourceId: comment.sourceId,
            documentId,
            row: { ...valid, documentId, createdAt: now, updatedAt: now, publishedAt: now },
            parentDocumentId,
            status: judged.status,
            rule: judged.rule,
            reason: judged.reason,
          });
          places.set(comment.sourceId, {
            documentId,
            rootDocumentId: parentDocumentId ? rootDocumentId : null,
            depth: (parent?.depth ?? 0) + 1,
          });
          written.set(comment.sourceId, documentId);
        } catch (error) {
          refused.push({ sourceId: comment.sourceId, error });
        }
      }
      if (accepted.length === 0) return;

      await strapi.db.transaction(async ({ onCommit }) => {
        const ids = await insertDocuments(
          strapi,
          COMMENT_UID,
          accepted.map((c) => c.row as Record<string, unknown> & { documentId: string })
        );
        const postRows = (await strapi.db.query(POST_UID as never).findMany({
          select: ['id'],
          where: { documentId: postDocumentId, locale },
          orderBy: { id: 'asc' },
        })) as Array<{ id: number }>;
        const idOf = (documentId: string) => ids.get(documentId)!;
        await linkRows(
          strapi,
          COMMENT_UID,
          'post',
          accepted.flatMap((c) => postRows.map((p): [number, number] => [idOf(c.documentId), p.id]))
        );
        const parentIds = await parentRowIds(accepted, ids);
        await linkRows(
          strapi,
          COMMENT_UID,
          'parent',
          accepted
            .filter((c) => c.parentDocumentId)
            .map((c): [number, number] => [idOf(c.documentId), parentIds.get(c.parentDocumentId!)!])
        );
        const newEventId = documentIdFactory(strapi, MODERATION_EVENT_UID);
        const inputs = accepted.map((c) => ({
          commentDocumentId: c.documentId,
          postDocumentId,
          fromStatus: null,
          toStatus: c.status,
          actor: IMPORTER,
          rule: c.rule,
          reason: c.reason,
        }));
        await insertDocuments(
          strapi,
          MODERATION_EVENT_UID,
          inputs.map((input) => ({
            ...eventData(input),
            documentId: newEventId(),
            createdAt: now,
            updatedAt: now,
            publishedAt: now,
          })),
          { withIds: false }
        );
        const mail = getService('mail', { strapi });
        for (const input of inputs) await mail.statusRecorded(input);
        await counts.adjust(postDocumentId, accepted.filter((c) => c.status === 'approved').length);
        // The link rows above are raw SQL: the public cache hears of them here, in the
        // transaction, like every raw write of the plugin (docs/caching.md).
        await getService('publicCache', { strapi }).invalidate(['comments']);
        onCommit(() => {
          const notifications = getService('notifications', { strapi });
          for (const c of accepted)
            notifications.commentCreated(c.documentId, c.status, postDocumentId);
        });
      });
    });
    return { written, refused };
  };

  /** The row id of each parent: those of the batch from `ids`, the others read in one query. */
  const parentRowIds = async (accepted: Accepted[], ids: Map<string, number>) => {
    const parents = new Map<string, number>();
    const elsewhere: string[] = [];
    for (const { parentDocumentId } of accepted) {
      if (!parentDocumentId) continue;
      const id = ids.get(parentDocumentId);
      if (id !== undefined) parents.set(parentDocumentId, id);
      else elsewhere.push(parentDocumentId);
    }
    if (elsewhere.length) {
      const rows = (await strapi.db.query(COMMENT_UID as never).findMany({
        select: ['id', 'documentId'],
        where: { documentId: { $in: [...new Set(elsewhere)] } },
      })) as Array<{ id: number; documentId: string }>;
      for (const row of rows) parents.set(row.documentId, row.id);
    }
    return parents;
  };

  return { write };
};

export type CommentBatch = ReturnType<typeof createCommentBatch>;
