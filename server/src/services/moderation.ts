import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { COMMENT_STATUSES, type CommentStatus } from '../../../contracts/comments';
import {
  currentModerationScope,
  isTrusted,
  runInModerationScope,
  type Actor,
  type ModerationScope,
} from '../moderation/actor';
import { refusalError } from '../moderation/errors';
import { readFormToken } from '../moderation/form-token';
import { relationDocumentId } from '../moderation/relation-ref';
import { admit, checkFields, decide, type Candidate, type Facts } from '../moderation/rules';
import { normalizeEmail, toPlainLine, toPlainText } from '../moderation/text';
import createModerationFactsRepository from '../repositories/moderation-facts';
import { getService } from '../utils/get-service';
import { getPluginConfig } from '../utils/plugin-config';
import { getSecret, keyedHash } from '../utils/secret';

/** The part of a Document Service middleware context this service reads and changes. */
export interface DocumentContext {
  uid: string;
  action: string;
  params: { documentId?: string; data?: Record<string, unknown> } & Record<string, unknown>;
}
type Next = () => Promise<unknown>;

const USER_AGENT_MAX = 255;
const isStatus = (value: unknown): value is CommentStatus =>
  typeof value === 'string' && (COMMENT_STATUSES as readonly string[]).includes(value);

const textField = (data: Record<string, unknown>, key: string): string | null => {
  const value = data[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    throw new errors.ValidationError(`${key} must be a string`, {
      errors: [{ path: [key], message: `${key} must be a string`, name: 'ValidationError' }],
    });
  }
  return value;
};

const describe = (actor: Actor) =>
  actor.type === 'admin'
    ? `admin ${actor.name}`
    : actor.type === 'importer'
      ? 'the importer'
      : 'the rules';

/**
 * The moderation engine: runs as a Document Service middleware on comments, so every path a
 * comment can take (the public route, the Content Manager, the importer, custom code) gets the
 * same rules, and every status change, the first verdict and a delete included, is logged.
 */
const createModerationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const facts = createModerationFactsRepository({ strapi });

  /** Who acts: the scope set by the plugin's routes or importer, else an admin request, else code. */
  const currentActor = (): ModerationScope => {
    const scope = currentModerationScope();
    if (scope) return scope;
    const ctx = strapi.requestContext.get();
    const user = ctx?.state?.user as
      { id: number; firstname?: string; lastname?: string; email?: string } | undefined;
    if (user && ctx?.state?.auth?.strategy?.name === 'admin') {
      const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || '';
      return { actor: { type: 'admin', id: user.id, name } };
    }
    return { actor: { type: 'system' } };
  };

  return {
    /** Runs `fn` as `actor`: the importer and trusted code keep the statuses they set. */
    runAs<T>(actor: Actor, fn: () => Promise<T>, extra: Omit<ModerationScope, 'actor'> = {}) {
      return runInModerationScope({ actor, ...extra }, fn);
    },

    /** The keyed hash an IP address is stored as. */
    hashIp(ip: string) {
      return keyedHash(getSecret(strapi), `ip:${ip}`);
    },

    async onCreate(context: DocumentContext, next: Next) {
      const scope = currentActor();
      const { actor, submission } = scope;
      const data = { ...(context.params.data ?? {}) };
      const now = new Date();

      const postDocumentId = relationDocumentId(data.post, 'post');
      if (!postDocumentId) {
        throw new errors.ValidationError('post is required', {
          errors: [{ path: ['post'], message: 'post is required', name: 'ValidationError' }],
        });
      }
      const parentDocumentId = relationDocumentId(data.parent, 'parent') ?? null;

      const rawEmail = textField(data, 'authorEmail');
      const rawUrl = textField(data, 'authorUrl');
      const ip = submission?.ip ?? null;
      const candidate: Candidate = {
        authorName: toPlainLine(textField(data, 'authorName') ?? ''),
        authorEmail: rawEmail === null || rawEmail.trim() === '' ? null : normalizeEmail(rawEmail),
        authorUrl: rawUrl === null || rawUrl.trim() === '' ? null : rawUrl.trim(),
        content: toPlainText(textField(data, 'content') ?? ''),
        ip,
        userAgent:
          (submission?.userAgent ?? textField(data, 'userAgent'))?.slice(0, USER_AGENT_MAX) ?? null,
      };

      const settings = await getService('settings', { strapi }).get();
      const post = await facts.post(postDocumentId);
      const parentRow = parentDocumentId ? await facts.parent(parentDocumentId) : null;
      const parent: Facts['parent'] = parentDocumentId
        ? !parentRow
          ? { state: 'missing', depth: 0 }
          : !parentRow.postDocumentIds.includes(postDocumentId)
            ? { state: 'other-post', depth: parentRow.depth }
            : parentRow.status !== 'approved' && !isTrusted(actor)
              ? { state: 'not-approved', depth: parentRow.depth }
              : { state: 'ok', depth: parentRow.depth }
        : null;

      let status: CommentStatus;
      let rule: string;
      let reason: string;
      const ipHash = ip ? keyedHash(getSecret(strapi), `ip:${ip}`) : null;

      if (isTrusted(actor)) {
        // Trusted actors keep their status; what must hold for any comment still holds.
        if (post.state === 'missing')
          throw refusalError({
            kind: 'refuse',
            rule: 'post',
            status: 404,
            message: 'Post not found',
          });
        if (parent && parent.state !== 'ok') {
          throw refusalError({
            kind: 'refuse',
            rule: 'parent',
            status: 400,
            message: 'parent must be a comment of the same post',
            errors: [{ path: ['parent'], message: 'Not a comment of this post' }],
          });
        }
        // Imported text may be longer than today's limit; the schema's own limits still apply.
        const fieldErrors = checkFields(
          candidate,
          { maxLength: Math.max(settings.maxLength, 100000) },
          { requireEmail: false }
        );
        if (fieldErrors.length) {
          throw refusalError({
            kind: 'refuse',
            rule: 'fields',
            status: 400,
            message: fieldErrors.map((e) => e.message).join('; '),
            errors: fieldErrors,
          });
        }
        if (data.status !== undefined && !isStatus(data.status)) {
          throw new errors.ValidationError('status must be pending, approved, spam or rejected');
        }
        status = (data.status as CommentStatus | undefined) ?? 'approved';
        rule = 'trusted-actor';
        reason =
          typeof data.moderationReason === 'string' && data.moderationReason
            ? data.moderationReason
            : `trusted-actor: set by ${describe(actor)}`;
      } else {
        const form = submission
          ? readFormToken(
              getSecret(strapi),
              submission.formToken,
              postDocumentId,
              now,
              getPluginConfig(strapi).formTokenTtlSeconds
            )
          : { state: 'missing' as const, ageSeconds: null };
        const known: Facts = {
          now,
          post,
          parent,
          duplicate: false,
          floodRetryAfter: null,
          honeypotFilled: submission?.honeypotFilled ?? false,
          form:
            submission || settings.minSubmitSeconds === 0
              ? form
              : { state: 'valid', ageSeconds: null },
          authorHasApprovedComment: false,
        };
        known.duplicate =
          post.state === 'open' &&
          (await facts.duplicate({
            postDocumentId,
            parentDocumentId,
            authorName: candidate.authorName,
            authorEmail: candidate.authorEmail,
            content: candidate.content,
          }));
        const refusal = admit(candidate, settings, known);
        if (refusal) throw refusalError(refusal);

        const floodKeys = [
          ...(ipHash ? [`ip:${ipHash}`] : []),
          ...(candidate.authorEmail
            ? [`email:${keyedHash(getSecret(strapi), `email:${candidate.authorEmail}`)}`]
            : []),
        ];
        const retryAfter = await getService('flood', { strapi }).pass(
          floodKeys,
          settings.floodIntervalSeconds,
          now
        );
        if (retryAfter !== null) {
          throw refusalError({
            kind: 'refuse',
            rule: 'flood',
            status: 429,
            message: 'You are commenting too quickly; wait a moment',
            retryAfterSeconds: retryAfter,
          });
        }

        if (settings.requireApproval === 'first-time' && candidate.authorEmail) {
          known.authorHasApprovedComment = await facts.hasApprovedComment(candidate.authorEmail);
        }
        const decision = decide(
          candidate,
          settings,
          known,
          getService('settings', { strapi }).matchers(settings)
        );
        status = decision.status;
        rule = decision.rule;
        reason = decision.reason;
      }

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
        ipHash: isTrusted(actor) && typeof data.ipHash === 'string' ? data.ipHash : ipHash,
        userAgent: candidate.userAgent,
        submittedAt:
          isTrusted(actor) && data.submittedAt !== undefined ? data.submittedAt : now.toISOString(),
      };

      return strapi.db.transaction(async ({ onCommit }) => {
        const created = (await next()) as { documentId: string };
        await getService('moderationEvents', { strapi }).record({
          commentDocumentId: created.documentId,
          postDocumentId,
          fromStatus: null,
          toStatus: status,
          actor,
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
      for (const key of ['authorName', 'content'] as const) {
        const value = textField(data, key);
        if (value !== null) data[key] = key === 'content' ? toPlainText(value) : toPlainLine(value);
      }
      if (typeof data.authorEmail === 'string') data.authorEmail = normalizeEmail(data.authorEmail);
      if (!('status' in data) || !documentId) return next();

      if (!isStatus(data.status)) {
        throw new errors.ValidationError('status must be pending, approved, spam or rejected', {
          errors: [{ path: ['status'], message: 'Invalid status', name: 'ValidationError' }],
        });
      }
      const current = await facts.current(documentId);
      if (!current || current.status === data.status) return next();

      const { actor, reason: given } = currentActor();
      const to = data.status;
      const reason = given ?? `${to} by ${describe(actor)}`;
      data.moderationReason = reason;

      return strapi.db.transaction(async ({ onCommit }) => {
        const updated = await next();
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
      const current = await facts.current(documentId);
      if (!current) return next();
      const { actor, reason: given } = currentActor();

      return strapi.db.transaction(async () => {
        await facts.reparentReplies(current.id);
        const deleted = await next();
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
  };
};

export type ModerationService = ReturnType<typeof createModerationService>;
export default createModerationService;
