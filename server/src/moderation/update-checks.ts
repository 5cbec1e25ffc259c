import type { Core } from '@strapi/strapi';

import createModerationFactsRepository from '../repositories/moderation-facts';
import createThreadIndexRepository from '../repositories/thread-index';
import { getService } from '../utils/get-service';

import type { ModerationScope } from './actor';
import { CommentsForbiddenError, fieldRefusal, refusalError } from './errors';
import { changesRelation } from './relation-ref';
import { parentElsewhere, tooDeep, type Candidate } from './rules';

/** A comment's own fields an update may change: changing any of them is moderating. */
export const OWN_FIELDS = [
  'authorName',
  'authorEmail',
  'authorUrl',
  'content',
  'status',
  'moderationReason',
  'ipHash',
  'userAgent',
  'submittedAt',
  'importKey',
  'staff',
];
/** The fields the structural checks (rules.ts checkFields) look at. */
export const CHECKED_FIELDS = ['authorName', 'authorEmail', 'authorUrl', 'content'];

/** Stored and given values compare as the same when both say "nothing" or are equal. */
const sameValue = (field: string, stored: unknown, given: unknown) => {
  const empty = (value: unknown) => value === null || value === undefined || value === '';
  if (empty(stored) || empty(given)) return empty(stored) && empty(given);
  if (field === 'submittedAt') {
    return new Date(stored as string).getTime() === new Date(given as string).getTime();
  }
  return String(stored) === String(given);
};

/** A comment's replies move by their own `parent`, where the placement checks run. */
export const refuseRepliesChange = (data: Record<string, unknown>) => {
  if (changesRelation(data.replies)) {
    throw fieldRefusal('replies', 'Replies move to a comment through their own parent field');
  }
};

/** The comment as it will be after an update: stored values, overridden by the given ones. */
export const mergedCandidate = (
  stored: Record<string, unknown>,
  data: Record<string, unknown>
): Candidate => {
  const value = (field: string) => {
    const given = field in data ? data[field] : stored[field];
    return typeof given === 'string' && given !== '' ? given : null;
  };
  return {
    authorName: value('authorName') ?? '',
    authorEmail: value('authorEmail'),
    authorUrl: value('authorUrl'),
    content: value('content') ?? '',
    ip: null,
    userAgent: null,
  };
};

/** The checks of an update that read the database: who may change what, where a comment goes. */
const createUpdateChecks = ({ strapi }: { strapi: Core.Strapi }) => {
  const facts = createModerationFactsRepository({ strapi });
  const threadIndex = createThreadIndexRepository({ strapi });

  /** For an editor who may not moderate: 403 naming what the update would change. */
  const refuseChanges = async (
    documentId: string,
    data: Record<string, unknown>,
    postRef: string | null | undefined,
    parentRef: string | null | undefined
  ) => {
    const current = await facts.current(documentId);
    const stored = await facts.stored(documentId, OWN_FIELDS);
    if (!current || !stored) return;
    const changed = OWN_FIELDS.filter(
      (field) => field in data && !sameValue(field, stored[field], data[field])
    );
    if (postRef !== undefined && postRef !== current.postDocumentId) changed.push('post');
    if (parentRef !== undefined && parentRef !== current.parentDocumentId) changed.push('parent');
    if (changed.length) {
      throw new CommentsForbiddenError(
        `Changing a comment (${changed.join(', ')}) needs the permission to moderate comments`,
        { fields: changed }
      );
    }
  };

  /**
   * A comment stays on the post it was sent to when the write comes with an HTTP request (the
   * Content Manager's edit view, any route an app adds): moving it to another post or
   * detaching it is a 400 on `post`, before anything is written (an editor who may not moderate
   * meets `refuseChanges`' 403 first). The importer (a source that moved a comment) and code
   * outside a request may still move one, through `checkPlacement`.
   */
  const refusePostMove = async (
    scope: ModerationScope,
    documentId: string,
    postRef: string | null | undefined
  ) => {
    if (postRef === undefined || scope.actor.type === 'importer') return;
    if (!strapi.requestContext.get()) return;
    const current = await facts.current(documentId);
    if (!current || postRef === current.postDocumentId) return;
    throw fieldRefusal(
      'post',
      'A comment stays on the post it was sent to',
      'A comment stays on its post'
    );
  };

  /**
   * Where a comment may go, for every actor: a post that exists, a parent that exists on that
   * post (the post after the update), not itself nor a reply under it, and the thread no deeper
   * than `maxDepth` after the move (its own replies included). Only a real move is checked.
   */
  const checkPlacement = async (
    scope: ModerationScope,
    documentId: string,
    current: { id: number; postDocumentId: string | null; parentDocumentId: string | null },
    postRef: string | null | undefined,
    parentRef: string | null | undefined
  ) => {
    const postMoves = postRef !== undefined && postRef !== current.postDocumentId;
    const parentMoves = parentRef !== undefined && parentRef !== current.parentDocumentId;
    if (!postMoves && !parentMoves) return;
    const postDocumentId = postRef === undefined ? current.postDocumentId : postRef;
    const parentDocumentId = parentRef === undefined ? current.parentDocumentId : parentRef;
    if (!postDocumentId) throw fieldRefusal('post', 'post is required');
    if (postMoves && (await facts.post(postDocumentId)).state === 'missing') {
      throw fieldRefusal('post', 'post must be an existing post', 'No such post');
    }
    const height = await threadIndex.height(current.id);
    if (postMoves && height > 1) {
      throw fieldRefusal(
        'post',
        'A comment with replies stays on its post',
        'Move or delete its replies first'
      );
    }
    if (parentDocumentId === null) return;
    if (parentDocumentId === documentId) {
      throw fieldRefusal('parent', 'A comment cannot be its own parent', 'Not its own parent');
    }
    const parent = await facts.parent(parentDocumentId, current.id);
    if (!parent) {
      throw fieldRefusal('parent', 'parent must be an existing comment', 'No such comment');
    }
    if (parent.underMoving) {
      throw fieldRefusal(
        'parent',
        'parent is a reply under this comment: the thread would be a cycle',
        'A reply under this comment'
      );
    }
    if (!parent.postDocumentIds.includes(postDocumentId)) {
      throw refusalError(parentElsewhere());
    }
    if (parent.status === 'trash') {
      throw fieldRefusal('parent', 'parent is in the trash', 'A comment in the trash');
    }
    const { maxDepth } = scope.settings ?? (await getService('settings', { strapi }).get());
    if (parent.depth + height > maxDepth) {
      throw refusalError(tooDeep(maxDepth));
    }
  };

  return { refuseChanges, refusePostMove, checkPlacement };
};

export type UpdateChecks = ReturnType<typeof createUpdateChecks>;
export default createUpdateChecks;
