import type { Core, UID } from '@strapi/strapi';
import { sanitize } from '@strapi/utils';

import { COMMENT_UID } from '../../../contracts/plugin';
import type { InsertedComment } from '../db/comment-insert';

/**
 * Strapi's `entry.create` event for a comment written without the Document Service
 * (db/comment-insert.ts), as the Document Service sends it: `{ model, uid, entry }` with the entry
 * sanitized for output (no private field). The entry is the row as written, not read back: its
 * relations name their documents (`post`, `parent`), a new comment has no replies.
 */
export const emitCreated = async (
  strapi: Core.Strapi,
  comment: InsertedComment,
  relations: { postDocumentId: string; parentDocumentId: string | null }
) => {
  const model = strapi.getModel(COMMENT_UID as UID.ContentType);
  // Every attribute as a read-back has it (null when not written), then the written values.
  const unset = Object.fromEntries(Object.keys(model.attributes).map((name) => [name, null]));
  const scalars = Object.fromEntries(
    Object.entries(comment.values).map(([name, value]) => [
      name,
      value instanceof Date ? value.toISOString() : value,
    ])
  );
  const entry = await sanitize.sanitizers.defaultSanitizeOutput(
    { schema: model, getModel: (uid: string) => strapi.getModel(uid as UID.Schema) },
    {
      ...unset,
      id: comment.id,
      documentId: comment.documentId,
      ...scalars,
      locale: null,
      post: { documentId: relations.postDocumentId },
      parent: relations.parentDocumentId ? { documentId: relations.parentDocumentId } : null,
      replies: [],
    }
  );
  await strapi.eventHub.emit('entry.create', { model: model.modelName, uid: model.uid, entry });
};
