import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import type { CommentStatus } from '../../../contracts/comments';
import createModerationFactsRepository from '../repositories/moderation-facts';
import { getService } from '../utils/get-service';
import { getPluginConfig } from '../utils/plugin-config';
import { ipNetworkKey } from '../utils/client-ip';
import { getSecret, keyedHash } from '../utils/secret';

import { describe, type ModerationScope } from './actor';
import { checkStructure, isStatus } from './candidate';
import { emailKey } from './email-key';
import { fieldRefusal, refuse, refusalError } from './errors';
import { readFormToken } from './form-token';
import { admit, decide, type Candidate, type Facts } from './rules';
import type { ModerationSettings } from './settings';

export interface Judgement {
  status: CommentStatus;
  rule: string;
  reason: string;
}

/** What a create is judged on: the normalized comment, where it goes, and who writes it. */
export interface Case {
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

/** The judging of a comment's create: the status it is stored with, or the refusal thrown. */
const createModerationJudge = ({ strapi }: { strapi: Core.Strapi }) => {
  const facts = createModerationFactsRepository({ strapi });
  const hash = (value: string) => keyedHash(getSecret(strapi), value);

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

  return { judgeTrusted, judgeReader, parentFacts };
};

export type ModerationJudge = ReturnType<typeof createModerationJudge>;
export default createModerationJudge;
