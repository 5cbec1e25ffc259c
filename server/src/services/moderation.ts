import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import type { CommentStatus } from '../../../contracts/comments';
import { ADMIN_ACTIONS as ACTIONS } from '../../../contracts/plugin';
import {
  currentModerationScope,
  describe,
  isTrusted,
  mayChange,
  requestAdmin,
  runInModerationScope,
  type Actor,
  type ModerationScope,
} from '../moderation/actor';
import { checkStructure, isStatus, readCandidate, textField } from '../moderation/candidate';
import { CommentsForbiddenError, fieldRefusal } from '../moderation/errors';
import createModerationJudge, { type Case } from '../moderation/judge';
import { refusePrivateQuery, stripPrivateFields } from '../moderation/private-fields';
import { changesRelation, relationDocumentId } from '../moderation/relation-ref';
import { normalizeEmail, toPlainLine, toPlainText } from '../moderation/text';
import createUpdateChecks, {
  CHECKED_FIELDS,
  mergedCandidate,
  OWN_FIELDS,
  refuseRepliesChange,
} from '../moderation/update-checks';
import createModerationFactsRepository from '../repositories/moderation-facts';
import createCommentCountsRepository from '../repositories/comment-counts';
import createThreadIndexRepository from '../repositories/thread-index';
import { getService } from '../utils/get-service';
import { getSecret, keyedHash } from '../utils/secret';

/** The part of a Document Service middleware context this service reads and changes. */
export interface DocumentContext {
  uid: string;
  action: string;
  params: { documentId?: string; data?: Record<string, unknown> } & Record<string, unknown>;
}
type Next = () => Promise<unknown>;

/** The thread copies of a comment (repositories/thread-index.ts). */
const THREAD_COPIES = ['postDocumentId', 'parentDocumentId', 'rootDocumentId'];

/** Fields only a trusted actor sets on a create; anyone else's are dropped. */
const TRUSTED_ONLY_FIELDS = ['ipHash', 'userAgent', 'importKey'];

/** Document Service reads of a comment (as the Content Manager makes them). */
export const READ_ACTIONS = ['findOne', 'findMany', 'findFirst', 'count'];

/**
 * The moderation engine: runs as a Document Service middleware on comments, so every path a
 * comment can take (the public route, the Content Manager, the importer, custom code) gets the
 * same rules, and every status change, the first verdict and a delete included, is logged.
 */
const createModerationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const facts = createModerationFactsRepository({ strapi });
  const threadIndex = createThreadIndexRepository({ strapi });
  const counts = createCommentCountsRepository({ strapi });
  const { judgeTrusted, judgeReader, parentFacts } = createModerationJudge({ strapi });
  const { refuseChanges, checkPlacement } = createUpdateChecks({ strapi });
  /** +1 when a comment becomes approved, -1 when it stops being approved, else 0. */
  const approvedDelta = (from: CommentStatus | null, to: CommentStatus | 'deleted') =>
    (to === 'approved' ? 1 : 0) - (from === 'approved' ? 1 : 0);
  const hash = (value: string) => keyedHash(getSecret(strapi), value);

  /**
   * Who acts: the scope set by the plugin's routes, importer or code (`runAs`); else the admin of
   * the request (the Content Manager), who may moderate only with `comments.moderate`; else code.
   */
  const currentScope = (): ModerationScope => {
    const scope = currentModerationScope();
    if (scope) return scope;
    const admin = requestAdmin(strapi);
    if (admin) return { actor: admin.actor, mayModerate: admin.can(ACTIONS.moderateComments) };
    return { actor: { type: 'system' } };
  };

  /** Whether this request's admin lacks `comments.read` (their reads lose the private fields). */
  const hidesPrivateFields = () => {
    const admin = requestAdmin(strapi);
    return admin !== null && !admin.can(ACTIONS.readComments);
  };

  /** After a comment moved (post or parent): its thread copies, and both posts' counts. */
  const relink = async (
    documentId: string,
    before: { id: number; postDocumentId: string | null }
  ) => {
    await threadIndex.refresh([before.id]);
    const after = await facts.current(documentId);
    await counts.recount([before.postDocumentId, after?.postDocumentId ?? null]);
  };

  return {
    /** Runs `fn` as `actor`: the importer and trusted code keep the statuses they set. */
    runAs<T>(actor: Actor, fn: () => Promise<T>, extra: Omit<ModerationScope, 'actor'> = {}) {
      return runInModerationScope({ actor, ...extra }, fn);
    },

    /** The keyed hash an IP address is stored as. */
    hashIp(ip: string) {
      return hash(`ip:${ip}`);
    },

    async onCreate(context: DocumentContext, next: Next) {
      const scope = currentScope();
      const trusted = isTrusted(scope);
      const data = { ...(context.params.data ?? {}) };
      refuseRepliesChange(data);
      if (!trusted) for (const field of TRUSTED_ONLY_FIELDS) delete data[field];
      const { candidate, postDocumentId, parentDocumentId } = readCandidate(data, scope.submission);
      const { parent, rootDocumentId } = await parentFacts(
        parentDocumentId,
        postDocumentId,
        trusted
      );
      const c: Case = {
        scope,
        data,
        candidate,
        postDocumentId,
        parentDocumentId,
        post: await facts.post(postDocumentId),
        parent,
        ipHash: candidate.ip ? hash(`ip:${candidate.ip}`) : null,
        settings: scope.settings ?? (await getService('settings', { strapi }).get()),
        now: new Date(),
      };
      const { status, rule, reason } = trusted ? judgeTrusted(c) : await judgeReader(c);

      context.params.data = {
        ...data,
        post: postDocumentId,
        parent: parentDocumentId,
        authorName: candidate.authorName,
        authorEmail: candidate.authorEmail,
        authorUrl: candidate.authorUrl,
        content: candidate.content,
        status,
        moderationReason: reason,
        ipHash: trusted && typeof data.ipHash === 'string' ? data.ipHash : c.ipHash,
        userAgent: candidate.userAgent,
        submittedAt:
          trusted && data.submittedAt !== undefined ? data.submittedAt : c.now.toISOString(),
        // The thread copies public reads go by (repositories/thread-index.ts).
        postDocumentId,
        parentDocumentId,
        rootDocumentId: parentDocumentId ? rootDocumentId : null,
      };

      return strapi.db.transaction(async ({ onCommit }) => {
        const created = (await next()) as { documentId: string };
        await counts.adjust(postDocumentId, approvedDelta(null, status));
        await getService('moderationEvents', { strapi }).record({
          commentDocumentId: created.documentId,
          postDocumentId,
          fromStatus: null,
          toStatus: status,
          actor: scope.actor,
          rule,
          reason,
        });
        onCommit(() =>
          getService('notifications', { strapi }).commentCreated(
            created.documentId,
            status,
            postDocumentId
          )
        );
        return created;
      });
    },

    async onUpdate(context: DocumentContext, next: Next) {
      const data = context.params.data ?? {};
      const documentId = context.params.documentId;
      const name = textField(data, 'authorName');
      if (name !== null) data.authorName = toPlainLine(name);
      const content = textField(data, 'content');
      if (content !== null) data.content = toPlainText(content);
      const email = textField(data, 'authorEmail');
      if (email !== null) data.authorEmail = normalizeEmail(email);
      const url = textField(data, 'authorUrl');
      if (url !== null) data.authorUrl = url.trim() === '' ? null : url.trim();
      // The thread copies follow the relations; nobody sets them by hand.
      for (const copy of THREAD_COPIES) delete data[copy];
      refuseRepliesChange(data);
      const postRef = relationDocumentId(data.post, 'post');
      const parentRef = relationDocumentId(data.parent, 'parent');
      const relinked = postRef !== undefined || parentRef !== undefined;
      if (!documentId || (!relinked && !OWN_FIELDS.some((field) => field in data))) return next();

      const scope = currentScope();
      if (!mayChange(scope)) {
        // Saving the form unchanged is fine; changing anything is moderating.
        await refuseChanges(documentId, data, postRef, parentRef);
        return next();
      }
      if ('status' in data && !isStatus(data.status)) {
        throw new errors.ValidationError('status must be pending, approved, spam or rejected', {
          errors: [{ path: ['status'], message: 'Invalid status', name: 'ValidationError' }],
        });
      }
      const current = await facts.current(documentId);
      if (!current) return next();
      if (CHECKED_FIELDS.some((field) => field in data)) {
        checkStructure(mergedCandidate((await facts.stored(documentId, OWN_FIELDS)) ?? {}, data));
      }
      await checkPlacement(scope, documentId, current, postRef, parentRef);

      const changesStatus = 'status' in data && current.status !== data.status;
      if (!changesStatus) {
        if (!relinked) return next();
        return strapi.db.transaction(async () => {
          const updated = await next();
          await relink(documentId, current);
          return updated;
        });
      }

      const { actor, reason: given } = scope;
      const to = data.status as CommentStatus;
      const reason = given ?? `${to} by ${describe(actor)}`;
      data.moderationReason = reason;

      return strapi.db.transaction(async ({ onCommit }) => {
        const updated = await next();
        if (relinked) await relink(documentId, current);
        else await counts.adjust(current.postDocumentId, approvedDelta(current.status, to));
        await getService('moderationEvents', { strapi }).record({
          commentDocumentId: documentId,
          postDocumentId: current.postDocumentId,
          fromStatus: current.status,
          toStatus: to,
          actor,
          rule: actor.type === 'system' ? 'code' : null,
          reason,
        });
        onCommit(() =>
          getService('notifications', { strapi }).statusChanged(documentId, current.status, to)
        );
        return updated;
      });
    },

    async onDelete(context: DocumentContext, next: Next) {
      const documentId = context.params.documentId;
      if (!documentId) return next();
      const scope = currentScope();
      if (!mayChange(scope)) {
        throw new CommentsForbiddenError(
          'Deleting a comment needs the permission to moderate comments'
        );
      }
      const current = await facts.current(documentId);
      if (!current) return next();
      const { actor, reason: given } = scope;

      return strapi.db.transaction(async () => {
        const replies = await facts.reparentReplies(current.id);
        const deleted = await next();
        await threadIndex.refresh(replies);
        await counts.adjust(current.postDocumentId, approvedDelta(current.status, 'deleted'));
        await getService('moderationEvents', { strapi }).record({
          commentDocumentId: documentId,
          postDocumentId: current.postDocumentId,
          fromStatus: current.status,
          toStatus: 'deleted',
          actor,
          rule: null,
          reason: given ?? `deleted by ${describe(actor)}`,
        });
        return deleted;
      });
    },

    /**
     * Every Document Service action on comments: writes through the moderation engine, clones
     * refused (a copy would skip the rules, the counts and the log), and for an admin without
     * `comments.read` reads that name no private field and answers without them.
     */
    async handle(context: DocumentContext, next: Next) {
      const hide = hidesPrivateFields();
      if (hide && READ_ACTIONS.includes(context.action)) refusePrivateQuery(context.params);
      let result: unknown;
      switch (context.action) {
        case 'create':
          result = await this.onCreate(context, next);
          break;
        case 'update':
          result = await this.onUpdate(context, next);
          break;
        case 'delete':
          result = await this.onDelete(context, next);
          break;
        case 'clone':
          throw new CommentsForbiddenError('Comments cannot be duplicated');
        default:
          result = await next();
      }
      return hide ? stripPrivateFields(result) : result;
    },

    /**
     * Post writes and reads, as they touch comments: a post's `comments` relation is not where
     * comments move (each comment's own `post` is, through the checks of
     * moderation/update-checks.ts), and an admin without `comments.read` may not filter posts on
     * their comments' private fields.
     */
    checkPostAction(context: DocumentContext) {
      if (READ_ACTIONS.includes(context.action) && hidesPrivateFields()) {
        refusePrivateQuery(context.params);
      }
      if (
        (context.action === 'create' || context.action === 'update') &&
        changesRelation(context.params.data?.comments)
      ) {
        throw fieldRefusal('comments', 'Comments move to a post through their own post field');
      }
    },
  };
};

export type ModerationService = ReturnType<typeof createModerationService>;
export default createModerationService;
