/**
 * The judge of a new comment: the rules of rules.ts in their order, for whoever writes. A pure
 * function: the facts and settings in, a verdict out. The facts that cost a write or a query
 * (`LateFacts`) are not given up front: the judge answers `ask` for the first one it needs once
 * every rule before it has passed, and is called again with the answer (create-verdict.ts does
 * this against the database; a test gives every fact at once). So a refused comment never
 * records a flood attempt nor uses up its form token.
 */
import type { CommentStatus } from '../../../contracts/comments';

import {
  accept,
  checkFields,
  checkPost,
  checkStructure,
  decide,
  fieldsRefusal,
  isStatus,
  parentElsewhere,
  refusal,
  tooDeep,
  type Candidate,
  type Facts,
  type LateFacts,
  type Matchers,
  type Refusal,
  type Verdict,
} from './rules';
import type { ModerationSettings } from './settings';

/**
 * Who writes. A reader, an editor who may not moderate, and code that says nothing are judged
 * by every rule. An editor who may moderate and the importer keep the status they give (else
 * approved), on a comment with sound fields in a place that exists.
 */
export type Writer =
  | { trusted: false }
  | {
      trusted: true;
      /** The importer keeps the source's threads whatever their depth. */
      importer: boolean;
      /** Who they are, as the stored reason names them ("admin Ann Editor"). */
      by: string;
      /** The status and reason the data asks for. */
      status?: unknown;
      reason?: unknown;
    };

export const READER: Writer = { trusted: false };

/** The judge needs this fact to go on. */
export interface Ask {
  kind: 'ask';
  fact: keyof LateFacts;
}

const ask = (fact: keyof LateFacts): Ask => ({ kind: 'ask', fact });

/** Rules 1 to 4 for a reader: whether the comment may be stored at all. */
const admitReader = (
  candidate: Candidate,
  settings: ModerationSettings,
  facts: Facts
): Refusal | null => {
  const closed = checkPost(settings, facts.post, facts.now);
  if (closed) return closed;
  const { parent } = facts;
  if (parent && parent.state !== 'ok') {
    return refusal('parent', 400, 'parent must be an approved comment of the same post', {
      errors: [{ path: ['parent'], message: 'Not an approved comment of this post' }],
    });
  }
  if (parent && parent.depth + 1 > settings.maxDepth) return tooDeep(settings.maxDepth);
  const wrong = fieldsRefusal(checkFields(candidate, settings));
  if (wrong) return wrong;
  if (facts.duplicate) return refusal('duplicate', 409, 'This comment has already been submitted');
  return null;
};

/** A trusted writer's comment: where it goes and its fields are checked; their status stands. */
const judgeTrusted = (
  candidate: Candidate,
  settings: ModerationSettings,
  facts: Facts,
  writer: Extract<Writer, { trusted: true }>
): Verdict => {
  const { post, parent } = facts;
  if (post.state === 'missing') return refusal('post', 404, 'Post not found');
  if (parent && parent.state !== 'ok') {
    return parentElsewhere();
  }
  if (parent && !writer.importer && parent.depth + 1 > settings.maxDepth) {
    return tooDeep(settings.maxDepth);
  }
  const unsound = checkStructure(candidate);
  if (unsound) return unsound;
  const { status = 'approved' } = writer;
  // A comment goes to the trash by a delete, never on its creation.
  if (!isStatus(status) || status === 'trash') {
    return refusal('fields', 400, 'status must be pending, approved, spam or rejected', {
      errors: [{ path: ['status'], message: 'Invalid status' }],
    });
  }
  const given = typeof writer.reason === 'string' ? writer.reason : '';
  return {
    kind: 'accept',
    rule: 'trusted-actor',
    status,
    reason: given || `trusted-actor: set by ${writer.by}`,
  };
};

/** What a new comment gets: a refusal, a status with its rule and reason, or a question. */
export const judge = (
  candidate: Candidate,
  settings: ModerationSettings,
  facts: Facts & Partial<LateFacts>,
  matchers: Matchers,
  writer: Writer = READER
): Verdict | Ask => {
  if (writer.trusted) return judgeTrusted(candidate, settings, facts, writer);

  const refused = admitReader(candidate, settings, facts);
  if (refused) return refused;

  // 5. Asking records this attempt, so it comes only now.
  if (settings.floodIntervalSeconds > 0) {
    if (facts.floodRetryAfter === undefined) return ask('floodRetryAfter');
    if (facts.floodRetryAfter !== null) {
      return refusal('flood', 429, 'You are commenting too quickly; wait a moment', {
        retryAfterSeconds: facts.floodRetryAfter,
      });
    }
  }

  // Past every refusal: the comment will be stored, so a good form token is used up now.
  let { form } = facts;
  if (settings.minSubmitSeconds > 0 && form.state === 'valid' && form.ageSeconds !== null) {
    if (facts.formTokenUnused === undefined) return ask('formTokenUnused');
    if (!facts.formTokenUnused) form = { state: 'invalid', ageSeconds: null };
  }

  let authorHasApprovedComment = false;
  if (settings.requireApproval === 'first-time' && candidate.authorEmail) {
    if (facts.authorHasApprovedComment === undefined) return ask('authorHasApprovedComment');
    authorHasApprovedComment = facts.authorHasApprovedComment;
  }

  return decide(
    candidate,
    settings,
    { honeypotFilled: facts.honeypotFilled, form, authorHasApprovedComment },
    matchers
  );
};

/** How far from shown a status is: an edit may move a comment away from shown, never toward it. */
const DISTANCE: Record<CommentStatus, number> = {
  approved: 0,
  pending: 1,
  spam: 2,
  rejected: 3,
  trash: 4,
};

/**
 * The verdict on an author's edit of a comment (the edit window): the new text by rules 3 and 6
 * to 10, with the author's stored fields. The form was checked on submission, so only what the
 * text can change is judged again. A status worse than the current one (an approved comment
 * that now holds a moderation word goes back to pending) replaces it; a better one does not, so
 * an edit never clears a hold or a spam mark.
 */
export const judgeEdit = (
  candidate: Candidate,
  settings: ModerationSettings,
  facts: { status: CommentStatus; authorHasApprovedComment: boolean },
  matchers: Matchers
): Verdict => {
  const wrong = fieldsRefusal(checkFields(candidate, settings));
  if (wrong) return wrong;
  const decision = decide(
    candidate,
    settings,
    {
      honeypotFilled: false,
      form: { state: 'valid', ageSeconds: null },
      authorHasApprovedComment: facts.authorHasApprovedComment,
    },
    matchers
  );
  if (DISTANCE[decision.status] > DISTANCE[facts.status]) return decision;
  return accept('reader-edit', facts.status, 'the author changed the text');
};
