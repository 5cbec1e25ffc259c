import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { COMMENT_STATUSES, type CommentStatus } from '../../../contracts/comments';
import { ACTIONS } from '../constants';
import {
  currentModerationScope,
  isTrusted,
  mayChange,
  requestAdmin,
  runInModerationScope,
  type Actor,
  type ModerationScope,
} from '../moderation/actor';
import { readCandidate, textField } from '../moderation/candidate';
import { emailKey } from '../moderation/email-key';
import { CommentsForbiddenError, refusalError } from '../moderation/errors';
import { readFormToken } from '../moderation/form-token';
import { refusePrivateQuery, stripPrivateFields } from '../moderation/private-fields';
import { changesRelation, relationDocumentId } from '../moderation/relation-ref';
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
import { ipNetworkKey } from '../utils/client-ip';
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

/** A comment's own fields an update may change: changing any of them is moderating. */
const OWN_FIELDS = [
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
];
/** The fields the structural checks (rules.ts checkFields) look at. */
const CHECKED_FIELDS = ['authorName', 'authorEmail', 'authorUrl', 'content'];
/** Fields only a trusted actor sets on a create; anyone else's are dropped. */
const TRUSTED_ONLY_FIELDS = ['ipHash', 'userAgent', 'importKey'];

/** Imported text may be longer than today's limit: the structural checks' own bound. */
const STRUCTURAL_MAX_LENGTH = 100000;

/** Document Service reads of a comment (as the Content Manager makes them). */
export const READ_ACTIONS = ['findOne', 'findMany', 'findFirst', 'count'];

const fieldRefusal = (field: string, message: string, detail = message) =>
  refuse({
    rule: field === 'post' ? 'post' : 'parent',
    status: 400,
    message,
    errors: [{ path: [field], message: detail }],
  });

/** Stored and given values compare as the same when both say "nothing" or are equal. */
const sameValue = (field: string, stored: unknown, given: unknown) => {
  const empty = (value: unknown) => value === null || value === undefined || value === '';
  if (empty(stored) || empty(given)) return empty(stored) && empty(given);
  if (field === 'submittedAt') {
    return new Date(stored as string).getTime() === new Date(given as string).getTime();
  }
  return String(stored) === String(given);
};

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

  /** What holds for every comment, whoever writes it: fields, URL scheme. 400 naming the field. */
  const checkStructure = (candidate: Candidate) => {
    // Blogger keeps no email, so none is required here; the reader's rules require one.
    const fieldErrors = checkFields(
      candidate,
      { maxLength: STRUCTURAL_MAX_LENGTH },
      { requireEmail: false }
    );
    if (fieldErrors.length) {
      const message = fieldErrors.map((error) => error.message).join('; ');
      throw refuse({ rule: 'fields', status: 400, message, errors: fieldErrors });
    }
  };

  /** An editor who may moderate, or the importer: their status stands; the structure is checked. */
  const judgeTrusted = ({ scope, data, candidate, post, parent, settings }: Case): Judgement => {
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
    // An import keeps the source's threads whatever their depth; an editor's reply is bounded.
    if (parent && scope.actor.type !== 'importer' && parent.depth + 1 > settings.maxDepth) {
      throw fieldRefusal(
        'parent',
        `Replies nest at most ${settings.maxDepth} levels deep`,
        `Thread depth is limited to ${settings.maxDepth}`
      );
    }
    checkStructure(candidate);
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

  /**
   * A good form token is good for one accepted comment: it is marked used (atomically, whatever
   * the instance) until it would have expired. A token used before reads as invalid.
   */
  const useFormToken = async (
    token: unknown,
    form: Facts['form'],
    now: Date
  ): Promise<Facts['form']> => {
    if (form.state !== 'valid' || form.ageSeconds === null || typeof token !== 'string') {
      return form;
    }
    const ttlMs = getPluginConfig(strapi).formTokenTtlSeconds * 1000;
    const until = now.getTime() - form.ageSeconds * 1000 + ttlMs;
    const first = await getService('flood', { strapi }).useToken(hash(`form:${token}`), until);
    return first ? form : { state: 'invalid', ageSeconds: null };
  };

  /** A reader, an editor who may not moderate, or code that says nothing: every rule, in order. */
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

    const network = candidate.ip ? ipNetworkKey(candidate.ip) : null;
    const floodKeys = [
      ...(network ? [`ip:${hash(`ipnet:${network}`)}`] : []),
      ...(candidate.authorEmail
        ? [`email:${hash(`email:${emailKey(candidate.authorEmail)}`)}`]
        : []),
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

    // Past every refusal: the comment will be stored, so its form token is used now.
    if (submission && settings.minSubmitSeconds > 0) {
      known.form = await useFormToken(submission.formToken, form, now);
    }
    if (settings.requireApproval === 'first-time' && candidate.authorEmail) {
      known.authorHasApprovedComment = await facts.hasApprovedComment(
        candidate.authorName,
        candidate.authorEmail
      );
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

  /** A comment's replies move by their own `parent`, where the placement checks run. */
  const refuseRepliesChange = (data: Record<string, unknown>) => {
    if (changesRelation(data.replies)) {
      throw fieldRefusal('replies', 'Replies move to a comment through their own parent field');
    }
  };

  /** The comment as it will be after an update: stored values, overridden by the given ones. */
  const mergedCandidate = (
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
      throw fieldRefusal(
        'parent',
        'parent must be a comment of the same post',
        'Not a comment of this post'
      );
    }
    const { maxDepth } = scope.settings ?? (await getService('settings', { strapi }).get());
    if (parent.depth + height > maxDepth) {
      throw fieldRefusal(
        'parent',
        `Replies nest at most ${maxDepth} levels deep`,
        `Thread depth is limited to ${maxDepth}`
      );
    }
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
     * comments move (each comment's own `post` is, through the checks above), and an admin
     * without `comments.read` may not filter posts on their comments' private fields.
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
