import type { Core, UID } from '@strapi/strapi';

import type { ImportFormat, ImportTally } from '../../../contracts/imports';
import { COMMENT_UID } from '../../../contracts/plugin';
import { getService } from '../utils/get-service';

import { normalizeEmail, toPlainLine, toPlainText } from '../moderation/text';

import { createCommentBatch, type NewComment } from './comment-batch';
import { plainText } from './html-to-blocks';
import { keyOf, legacyKeyOf, refusalOf } from './import-keys';
import type { SourceComment } from './source';
import { sameComment, type IncomingComment, type StoredComment } from './unchanged';

/**
 * The comments of an import: found again by their import keys (import-keys.ts), the new ones
 * judged and written in one batch per post (comment-batch.ts: the moderation engine's verdict,
 * fields, log rows and counts, as the importer keeping their source status), the changed ones
 * updated through the Document Service, parents before replies; a dry run counts them.
 */

/** Import keys looked up per query. */
const KEY_BATCH = 500;

/**
 * Parents before their replies. A reply whose parent is not among these comments keeps its
 * parent's id (the parent may be in the database already; if not, the reply becomes a root).
 */
const parentsFirst = (comments: SourceComment[]): SourceComment[] => {
  const ids = new Set(comments.map((c) => c.sourceId));
  const done = new Set<string>();
  const ordered: SourceComment[] = [];
  let pending = comments;
  while (pending.length) {
    const ready = pending.filter(
      (c) => !c.parentSourceId || !ids.has(c.parentSourceId) || done.has(c.parentSourceId)
    );
    // A cycle in the export: the rest come in as roots.
    const next = ready.length ? ready : pending.map((c) => ({ ...c, parentSourceId: null }));
    for (const c of next) {
      ordered.push(c);
      done.add(c.sourceId);
    }
    pending = pending.filter((c) => !done.has(c.sourceId));
  }
  return ordered;
};

/** A comment already in the database: its documentId, and what it holds when just read. */
export interface KnownComment {
  documentId: string;
  /** Null for a comment this run wrote. */
  stored: StoredComment | null;
}

/** The fields compared with what a run would write (unchanged.ts). */
const COMPARED = [
  'documentId',
  'importKey',
  'postDocumentId',
  'parentDocumentId',
  'authorName',
  'authorEmail',
  'authorUrl',
  'content',
  'status',
  'submittedAt',
];

/** What the importer writes for a comment. */
const commentData = (
  format: ImportFormat,
  scope: string | null,
  postDocumentId: string,
  parent: string | null,
  comment: SourceComment
): IncomingComment => ({
  post: postDocumentId,
  parent,
  authorName: comment.authorName.slice(0, 245),
  authorEmail: comment.authorEmail,
  authorUrl: comment.authorUrl && comment.authorUrl.length <= 200 ? comment.authorUrl : null,
  content: plainText(comment.html) || '(empty)',
  status: comment.status,
  submittedAt: comment.date,
  importKey: keyOf(format, scope, 'comment', comment.sourceId),
});

/**
 * The fields as the moderation engine stores them (plain text, a normalized email …), to be
 * compared with a stored comment: the importer's HTML-free text may still hold what looks like
 * a tag (`<blockquote>` written as text), which the engine strips.
 */
const asStored = (data: IncomingComment): IncomingComment => {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const email = text(data.authorEmail);
  const url = text(data.authorUrl);
  return {
    ...data,
    authorName: toPlainLine(text(data.authorName) ?? ''),
    authorEmail: email ? normalizeEmail(email) : null,
    authorUrl: url ? url.trim() : null,
    content: toPlainText(text(data.content) ?? ''),
  };
};

export const createCommentWriter = ({ strapi }: { strapi: Core.Strapi }) => {
  const documents = () => strapi.documents(COMMENT_UID as UID.ContentType);
  const batch = createCommentBatch({ strapi });

  /**
   * The comments already imported, by source id, with the fields a run compares: one query per
   * 500 keys. With a scope, unscoped (0.1.0) comments of the same post are adopted too.
   */
  const knownComments = async (
    format: ImportFormat,
    scope: string | null,
    sourceIds: string[],
    postDocumentId: string | null
  ) => {
    const known = new Map<string, KnownComment>();
    const lookUp = async (keyFor: (id: string) => string, ids: string[], onPost: boolean) => {
      for (let i = 0; i < ids.length; i += KEY_BATCH) {
        const keys = new Map(ids.slice(i, i + KEY_BATCH).map((id) => [keyFor(id), id]));
        const rows = (await strapi.db.query(COMMENT_UID as UID.ContentType).findMany({
          where: {
            importKey: { $in: [...keys.keys()] },
            ...(onPost && { post: { documentId: postDocumentId } }),
          },
          select: COMPARED,
        })) as Array<StoredComment & { documentId: string; importKey: string }>;
        for (const row of rows) {
          known.set(keys.get(row.importKey)!, { documentId: row.documentId, stored: row });
        }
      }
    };
    await lookUp((id) => keyOf(format, scope, 'comment', id), sourceIds, false);
    if (scope && postDocumentId) {
      const missing = sourceIds.filter((id) => !known.has(id));
      await lookUp((id) => legacyKeyOf(format, 'comment', id), missing, true);
    }
    return known;
  };

  /**
   * Writes a post's comments, parents first. `known` maps source ids to the comments already in
   * the database, and learns each comment written here, so a reply finds its parent without a
   * query. A comment that already holds what would be written is counted unchanged, not written.
   * New comments are judged and written together (comment-batch.ts) before the updates, which go
   * one by one through the Document Service (an update may move a comment under a new one).
   */
  const writeComments = async (
    format: ImportFormat,
    scope: string | null,
    postDocumentId: string,
    comments: SourceComment[],
    known: Map<string, KnownComment>,
    counts: ImportTally,
    locale?: string
  ) => {
    const moderation = getService('moderation', { strapi });
    const settings = await getService('settings', { strapi }).get();
    const fresh: NewComment[] = [];
    const updates: Array<{
      comment: SourceComment;
      existing: KnownComment;
      parent: string | null;
      /** Its parent is new: its documentId is known once the batch is written. */
      parentIsNew: boolean;
    }> = [];
    /** Source ids of the new comments, whose documentIds are known once the batch is judged. */
    const newIds = new Set<string>();
    const ordered = parentsFirst(comments);
    for (const comment of ordered) if (!known.has(comment.sourceId)) newIds.add(comment.sourceId);
    for (const comment of ordered) {
      const existing = known.get(comment.sourceId);
      const parentIsNew = !!comment.parentSourceId && newIds.has(comment.parentSourceId);
      let parent = comment.parentSourceId ? known.get(comment.parentSourceId) : undefined;
      if (comment.parentSourceId && !parent && !parentIsNew) {
        parent = (await knownComments(format, scope, [comment.parentSourceId], postDocumentId)).get(
          comment.parentSourceId
        );
      }
      if (existing) {
        updates.push({ comment, existing, parent: parent?.documentId ?? null, parentIsNew });
        continue;
      }
      fresh.push({
        sourceId: comment.sourceId,
        // A new parent's documentId is set once the batch has judged it (below).
        data: {
          ...commentData(format, scope, postDocumentId, parent?.documentId ?? null, comment),
        },
        parentSourceId: parentIsNew ? comment.parentSourceId : null,
      });
    }
    if (fresh.length) {
      const { written, refused } = await batch.write(
        postDocumentId,
        fresh,
        settings,
        locale ?? (await getService('posts', { strapi }).locales.defaultLocale())
      );
      for (const [sourceId, documentId] of written)
        known.set(sourceId, { documentId, stored: null });
      counts.created += written.size;
      for (const { sourceId, error } of refused) {
        const reason = refusalOf(error);
        if (reason === null) throw error;
        counts.skipped.push({ sourceId, reason });
      }
    }
    for (const { comment, existing, parentIsNew, ...found } of updates) {
      const parent = parentIsNew
        ? (known.get(comment.parentSourceId!)?.documentId ?? null)
        : found.parent;
      const data = commentData(format, scope, postDocumentId, parent, comment);
      if (existing.stored && sameComment(existing.stored, asStored(data))) {
        counts.unchanged = (counts.unchanged ?? 0) + 1;
        continue;
      }
      try {
        await moderation.runAs(
          { type: 'importer' },
          () => documents().update({ documentId: existing.documentId, data } as never),
          { settings }
        );
        counts.updated += 1;
      } catch (error) {
        // A refusal (bad email, HTML too deep …) comes before any write: the post's
        // transaction goes on.
        const reason = refusalOf(error);
        if (reason === null) throw error;
        counts.skipped.push({ sourceId: comment.sourceId, reason });
      }
    }
  };

  /**
   * What a dry run reports for comments: those already imported are unchanged when they hold
   * what would be written (their parent as known before the run), updated otherwise.
   */
  const tallyComments = async (
    format: ImportFormat,
    scope: string | null,
    comments: SourceComment[],
    counts: ImportTally,
    postDocumentId: string | null
  ) => {
    const known = await knownComments(
      format,
      scope,
      comments.map((c) => c.sourceId),
      postDocumentId
    );
    for (const comment of comments) {
      const existing = known.get(comment.sourceId);
      if (!existing) {
        counts.created += 1;
        continue;
      }
      if (!existing.stored || !postDocumentId) {
        counts.updated += 1;
        continue;
      }
      const parent = comment.parentSourceId
        ? (known.get(comment.parentSourceId) ??
          (await knownComments(format, scope, [comment.parentSourceId], postDocumentId)).get(
            comment.parentSourceId
          ))
        : undefined;
      const data = commentData(format, scope, postDocumentId, parent?.documentId ?? null, comment);
      if (sameComment(existing.stored, asStored(data))) {
        counts.unchanged = (counts.unchanged ?? 0) + 1;
      } else counts.updated += 1;
    }
  };

  return { knownComments, writeComments, tallyComments };
};

export type CommentWriter = ReturnType<typeof createCommentWriter>;
