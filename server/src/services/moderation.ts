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
import { readCandidate, textField } from '../moderation/candidate';
import { refusalError } from '../moderation/errors';
import { readFormToken } from '../moderation/form-token';
import {
  admit,
  checkFields,
  decide,
  type Candidate,
  type Facts,
  type Refusal,
} from '../moderation/rules';
import type { ModerationSettings } from '../moderation/settings';
import { normalizeEmail, toPlainLine, toPlainText } from '../moderation/text';
import createModerationFactsRepository from '../repositories/moderation-facts';
import createCommentCountsRepository from '../repositories/comment-counts';
import createThreadIndexRepository from '../repositories/thread-index';
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

interface Judgement {
  status: CommentStatus;
  rule: string;
  reason: string;
}

/** What a create is judged on: the normalized comment, where it goes, and who writes it. */
interface Case {
  scope: ModerationScope;
  data: Record<string, unknown>;
  candidate: Candidate;
  postDocumentId: string;
  parentDocumentId: string | null;
  post: Facts['post'];
  parent: Facts['parent'];
  ipHash: string | null;
  settings: ModerationSettings;
  now: Date;
}

/** The thread copies of a comment (repositories/thread-index.ts). */
const THREAD_COPIES = ['postDocumentId', 'parentDocumentId', 'rootDocumentId'];

const isStatus = (value: unknown): value is CommentStatus =>
  typeof value === 'string' && (COMMENT_STATUSES as readonly string[]).includes(value);

const describe = (actor: Actor) =>
  actor.type === 'admin'
    ? `admin ${actor.name}`
    : actor.type === 'importer'
      ? 'the importer'
      : 'the rules';

const refuse = (refusal: Omit<Refusal, 'kind'>) => refusalError({ kind: 'refuse', ...refusal });

/**
 * The moderation engine: runs as a Document Service middleware on comments, so every path a
 * comment can take (the public route, the Content Manager, the importer, custom code) gets the
 * same rules, and every status change, the first verdict and a delete included, is logged.
 */
const createModerationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const facts = createModerationFactsRepository({ strapi });
  const threadIndex = createThreadIndexRepository({ strapi });
  const counts = createCommentCountsRepository({ strapi });
  /** +1 when a comment becomes approved, -1 when it stops being approved, else 0. */
  const approvedDelta = (from: CommentStatus | null, to: CommentStatus | 'deleted') =>
    (to === 'approved' ? 1 : 0) - (from === 'approved' ? 1 : 0);
  const hash = (value: string) => keyedHash(getSecret(strapi), value);

  /** Who acts: the scope set by the plugin's routes or importer, else an admin request, else code. */
  const currentScope = (): ModerationScope => {
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

  /** An editor or the importer: their status stands; what holds for any comment is checked. */
  const judgeTrusted = ({ scope, data, candidate, post, parent }: Case): Judgement => {
    if (post.state === 'missing')
      throw refuse({ rule: 'post', status: 404, message: 'Post not found' });
    if (parent && parent.state !== 'ok') {
      throw refuse({
        rule: 'parent',
        status: 400,
        message: 'parent must be a comment of the same post',
        errors: [{ path: ['parent'], message: 'Not a comment of this post' }],
      });
    }
    // Imported text may be longer than today's limit, and Blogger keeps no email.
    const fieldErrors = checkFields(candidate, { maxLength: 100000 }, { requireEmail: false });
    if (fieldErrors.length) {
      const message = fieldErrors.map((error) => error.message).join('; ');
      throw refuse({ rule: 'fields', status: 400, message, errors: fieldErrors });
    }
    if (data.status !== undefined && !isStatus(data.status)) {
      throw new errors.ValidationError('status must be pending, approved, spam or rejected');
    }
    const given = typeof data.moderationReason === 'string' ? data.moderationReason : '';
    return {
      status: (data.status as CommentStatus | undefined) ?? 'approved',
      rule: 'trusted-actor',
      reason: given || `trusted-actor: set by ${describe(scope.actor)}`,
    };
  };

  /** A reader, or code that says nothing: every rule, in order. */
  const judgeReader = async (c: Case): Promise<Judgement> => {
    const { scope, candidate, settings, now } = c;
    const { submission } = scope;
    const form = submission
      ? readFormToken(
          getSecret(strapi),
          submission.formToken,
          c.postDocumentId,
          now,
          getPluginConfig(strapi).formTokenTtlSeconds
        )
      : // Code has no form: timing applies to the public route only.
        { state: 'valid' as const, ageSeconds: null };
    const known: Facts = {
      now,
      post: c.post,
      parent: c.parent,
      duplicate:
        c.post.state === 'open' &&
        (await facts.duplicate({
          postDocumentId: c.postDocumentId,
          parentDocumentId: c.parentDocumentId,
          authorName: candidate.authorName,
          authorEmail: candidate.authorEmail,
          content: candidate.content,
        })),
      floodRetryAfter: null,
      honeypotFilled: submission?.honeypotFilled ?? false,
      form,
      authorHasApprovedComment: false,
    };
    const refusal = admit(candidate, settings, known);
    if (refusal) throw refusalError(refusal);

    const floodKeys = [
      ...(c.ipHash ? [`ip:${c.ipHash}`] : []),
      ...(candidate.authorEmail ? [`email:${hash(`email:${candidate.authorEmail}`)}`] : []),
    ];
    const retryAfter = await getService('flood', { strapi }).pass(
      floodKeys,
      settings.floodIntervalSeconds,
      now
    );
    if (retryAfter !== null) {
      throw refuse({
        rule: 'flood',
        status: 429,
        message: 'You are commenting too quickly; wait a moment',
        retryAfterSeconds: retryAfter,
      });
    }

    if (settings.requireApproval === 'first-time' && candidate.authorEmail) {
      known.authorHasApprovedComment = await facts.hasApprovedComment(candidate.authorEmail);
    }
    const matchers = getService('settings', { strapi }).matchers(settings);
    return decide(candidate, settings, known, matchers);
  };

  /** The parent as the rules see it. Trusted actors may reply under comments not yet approved. */
  const parentFacts = async (
    parentDocumentId: string | null,
    postDocumentId: string,
    trusted: boolean
  ): Promise<{ parent: Facts['parent']; rootDocumentId: string | null }> => {
    if (!parentDocumentId) return { parent: null, rootDocumentId: null };
    const row = await facts.parent(parentDocumentId);
    if (!row) return { parent: { state: 'missing', depth: 0 }, rootDocumentId: null };
    const rootDocumentId = row.rootDocumentId ?? parentDocumentId;
    if (!row.postDocumentIds.includes(postDocumentId))
      return { parent: { state: 'other-post', depth: row.depth }, rootDocumentId };
    if (row.status !== 'approved' && !trusted)
      return { parent: { state: 'not-approved', depth: row.depth }, rootDocumentId };
    return { parent: { state: 'ok', depth: row.depth }, rootDocumentId };
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
      const trusted = isTrusted(scope.actor);
      const data = { ...(context.params.data ?? {}) };
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
      // The thread copies follow the relations; nobody sets them by hand.
      for (const copy of THREAD_COPIES) delete data[copy];
      const relinked = 'post' in data || 'parent' in data;
      if ((!('status' in data) && !relinked) || !documentId) return next();

      const current = await facts.current(documentId);
      const changesStatus = 'status' in data && current?.status !== data.status;
      if ('status' in data && !isStatus(data.status)) {
        throw new errors.ValidationError('status must be pending, approved, spam or rejected', {
          errors: [{ path: ['status'], message: 'Invalid status', name: 'ValidationError' }],
        });
      }
      if (!current) return next();
      if (!changesStatus) {
        if (!relinked) return next();
        return strapi.db.transaction(async () => {
          const updated = await next();
          await relink(documentId, current);
          return updated;
        });
      }

      const { actor, reason: given } = currentScope();
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
      const current = await facts.current(documentId);
      if (!current) return next();
      const { actor, reason: given } = currentScope();

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
  };
};

export type ModerationService = ReturnType<typeof createModerationService>;
export default createModerationService;
