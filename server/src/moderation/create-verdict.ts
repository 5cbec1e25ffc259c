import type { Core } from '@strapi/strapi';

import type { CommentStatus } from '../../../contracts/comments';
import createModerationFactsRepository from '../repositories/moderation-facts';
import { getService } from '../utils/get-service';
import { getPluginConfig } from '../utils/plugin-config';
import { ipNetworkKey } from '../utils/client-ip';
import { getSecret, keyedHash } from '../utils/secret';

import { describe, isTrusted, type ModerationScope } from './actor';
import { emailKey } from './email-key';
import { refusalError } from './errors';
import { readFormToken } from './form-token';
import { judge, READER, type Writer } from './judge';
import type { Candidate, Facts, LateFacts } from './rules';
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
  settings: ModerationSettings;
  now: Date;
}

/**
 * The verdict on a comment's create: the facts read from the database, the judge (judge.ts)
 * asked until it decides, and its refusal thrown in Strapi's error shape.
 */
const createVerdicts = ({ strapi }: { strapi: Core.Strapi }) => {
  const facts = createModerationFactsRepository({ strapi });
  const hash = (value: string) => keyedHash(getSecret(strapi), value);

  const writerOf = ({ scope, data }: Case): Writer =>
    isTrusted(scope)
      ? {
          trusted: true,
          importer: scope.actor.type === 'importer',
          by: describe(scope.actor),
          status: data.status,
          reason: data.moderationReason,
        }
      : READER;

  /** The form as the rules see it; code has no form (timing applies to the public route only). */
  const formOf = ({ scope, postDocumentId, now }: Case): Facts['form'] =>
    scope.submission
      ? readFormToken(
          getSecret(strapi),
          scope.submission.formToken,
          postDocumentId,
          now,
          getPluginConfig(strapi).formTokenTtlSeconds
        )
      : { state: 'valid', ageSeconds: null };

  /** The facts the judge asks for last, each found out (and written) only when asked. */
  const lateFacts = (
    c: Case,
    form: Facts['form']
  ): { [K in keyof LateFacts]: () => Promise<LateFacts[K]> } => ({
    floodRetryAfter: () => {
      const { candidate } = c;
      const network = candidate.ip ? ipNetworkKey(candidate.ip) : null;
      const keys = [
        ...(network ? [`ip:${hash(`ipnet:${network}`)}`] : []),
        ...(candidate.authorEmail
          ? [`email:${hash(`email:${emailKey(candidate.authorEmail)}`)}`]
          : []),
      ];
      return getService('flood', { strapi }).pass(keys, c.settings.floodIntervalSeconds, c.now);
    },
    // Marked used (atomically, whatever the instance) until the token would have expired.
    formTokenUnused: () => {
      const ttlMs = getPluginConfig(strapi).formTokenTtlSeconds * 1000;
      const until = c.now.getTime() - (form.ageSeconds ?? 0) * 1000 + ttlMs;
      const token = String(c.scope.submission?.formToken);
      return getService('flood', { strapi }).useToken(hash(`form:${token}`), until);
    },
    authorHasApprovedComment: () =>
      facts.hasApprovedComment(c.candidate.authorName, c.candidate.authorEmail ?? ''),
  });

  /** The status a create is stored with, or the refusal thrown. */
  const verdict = async (c: Case): Promise<Judgement> => {
    const { candidate, settings, scope } = c;
    const writer = writerOf(c);
    // A trusted writer's status stands: their form and duplicates are not looked at.
    const form = writer.trusted ? { state: 'missing' as const, ageSeconds: null } : formOf(c);
    const checksDuplicate = !writer.trusted && c.post.state === 'open';
    const duplicateInput = {
      postDocumentId: c.postDocumentId,
      parentDocumentId: c.parentDocumentId,
      authorName: candidate.authorName,
      authorEmail: candidate.authorEmail,
      content: candidate.content,
    };
    // Under first-time approval a reader's comment needs both facts whenever it gets as far as
    // the approval rule: read with the duplicate check, in one statement. The judge still asks
    // for what it needs in its order; a fact known early changes no verdict.
    // The public submission reads it with the post, in the same statement.
    const readWithPost =
      scope.post?.documentId === c.postDocumentId ? scope.post.duplicate : undefined;
    const both =
      checksDuplicate &&
      readWithPost === undefined &&
      settings.requireApproval === 'first-time' &&
      candidate.authorEmail
        ? await facts.duplicateAndApproved(duplicateInput)
        : null;
    const known: Facts & Partial<LateFacts> = {
      now: c.now,
      post: c.post,
      parent: c.parent,
      duplicate: both
        ? both.duplicate
        : checksDuplicate && (readWithPost ?? (await facts.duplicate(duplicateInput))),
      honeypotFilled: scope.submission?.honeypotFilled ?? false,
      form,
      ...(both ? { authorHasApprovedComment: both.authorHasApprovedComment } : {}),
    };
    const lookups = lateFacts(c, form);
    const matchers = getService('settings', { strapi }).matchers(settings);
    for (;;) {
      const answer = judge(candidate, settings, known, matchers, writer);
      if (answer.kind === 'refuse') throw refusalError(answer);
      if (answer.kind === 'accept') return answer;
      if (known[answer.fact] !== undefined)
        throw new Error(`The judge asked twice for ${answer.fact}`);
      await learn(known, answer.fact, lookups);
    }
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
    // Nobody answers a comment in the trash: it and its replies are out of sight.
    if (row.status === 'trash' || (row.status !== 'approved' && !trusted))
      return { parent: { state: 'not-approved', depth: row.depth }, rootDocumentId };
    return { parent: { state: 'ok', depth: row.depth }, rootDocumentId };
  };

  return { verdict, parentFacts };
};

/** Finds out one late fact and adds it to what is known. */
const learn = async <K extends keyof LateFacts>(
  known: Partial<LateFacts>,
  fact: K,
  lookups: { [F in keyof LateFacts]: () => Promise<LateFacts[F]> }
) => {
  known[fact] = await lookups[fact]();
};

export type Verdicts = ReturnType<typeof createVerdicts>;
export default createVerdicts;
