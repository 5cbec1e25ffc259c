/**
 * The moderation rules, one pure function each: a candidate comment, the settings and facts in,
 * a refusal or a status out. judge.ts applies them in order; nothing here reads the database.
 *
 * Order (after WordPress): 1 post open, 2 parent, 3 fields, 4 duplicate, 5 flood (refusals);
 * then 6 honeypot and form timing, 7 disallowed words (spam), 8 links, 9 moderation words
 * (held), 10 approval policy. The text rules (3's "required", 7, 8, 9) read what a reader sees
 * (reader-view.ts): invisible characters, lookalike letters, accents and case do not hide a word.
 */
import { COMMENT_STATUSES, type CommentStatus } from '../../../contracts/comments';
import { countLinksInView } from './links';
import { hasVisibleCharacters } from './reader-view';
import type { ModerationSettings } from './settings';
import { textLength } from './text';
import { prepareText, prepareTexts, type WordMatcher } from './words';

export interface Candidate {
  authorName: string;
  authorEmail: string | null;
  authorUrl: string | null;
  content: string;
  ip: string | null;
  userAgent: string | null;
}

/** One of the four statuses a comment is stored with. */
export const isStatus = (value: unknown): value is CommentStatus =>
  typeof value === 'string' && (COMMENT_STATUSES as readonly string[]).includes(value);

export type PostState = 'missing' | 'unpublished' | 'open' | 'comments-disabled';

/** What is known before judging, each fact one read and none a write. */
export interface Facts {
  now: Date;
  post: { state: PostState; date: Date | null };
  /** Null for a root comment. `depth` is the parent's level (a root comment is 1). */
  parent: null | { state: 'missing' | 'other-post' | 'not-approved' | 'ok'; depth: number };
  duplicate: boolean;
  honeypotFilled: boolean;
  /** Whether the form token is present and good, and how long ago the form was served. */
  form: { state: 'missing' | 'invalid' | 'expired' | 'valid'; ageSeconds: number | null };
}

/**
 * What the judge asks for only once every rule before it has passed (judge.ts): finding them
 * out writes (the flood check records the attempt, a form token is used up) or costs a query
 * that a comment refused earlier should not.
 */
export interface LateFacts {
  /** Rule 5: seconds until this IP or email may comment again; null when not flooding. */
  floodRetryAfter: number | null;
  /** Rule 6: whether this comment is the first to use its form token (one comment per token). */
  formTokenUnused: boolean;
  /** Rule 10 (`first-time`): whether the author has an approved comment already. */
  authorHasApprovedComment: boolean;
}

export interface Matchers {
  disallowed: WordMatcher;
  moderation: WordMatcher;
}

export type RuleName =
  | 'post'
  | 'parent'
  | 'fields'
  | 'duplicate'
  | 'flood'
  | 'honeypot'
  | 'form-timing'
  | 'disallowed-words'
  | 'max-links'
  | 'moderation-words'
  | 'require-approval'
  | 'trusted-actor'
  | 'reader-edit'
  | 'reported';

export interface FieldError {
  path: string[];
  message: string;
}

export type Refusal = {
  kind: 'refuse';
  rule: RuleName;
  status: 400 | 403 | 404 | 409 | 429;
  message: string;
  errors?: FieldError[];
  retryAfterSeconds?: number;
};

export type Decision = {
  kind: 'accept';
  rule: RuleName;
  status: CommentStatus;
  /** Stored as the comment's `moderationReason`: the rule's name, then why. */
  reason: string;
};

export type Verdict = Refusal | Decision;

export const refusal = (
  rule: RuleName,
  status: Refusal['status'],
  message: string,
  extra: Partial<Refusal> = {}
): Refusal => ({ kind: 'refuse', rule, status, message, ...extra });

export const accept = (rule: RuleName, status: CommentStatus, why: string): Decision => ({
  kind: 'accept',
  rule,
  status,
  reason: `${rule}: ${why}`,
});

// A domain with a dot after its first character: the first such dot is where the match turns.
const EMAIL = /^[^\s@]+@[^\s@][^\s@.]*\.[^\s@]+$/u;

/**
 * Rule 3: required fields, formats and lengths of an already normalized candidate. An imported
 * comment may lack an email (Blogger keeps none): `requireEmail: false` for trusted actors.
 */
export const checkFields = (
  candidate: Candidate,
  settings: Pick<ModerationSettings, 'maxLength'>,
  { requireEmail = true }: { requireEmail?: boolean } = {}
): FieldError[] => {
  const errors: FieldError[] = [];
  const { authorName, authorEmail, authorUrl, content } = candidate;

  // Required means something a reader sees: invisible characters alone are no name.
  const nameLength = textLength(authorName);
  if (nameLength > 245)
    errors.push({ path: ['authorName'], message: 'authorName must be at most 245 characters' });
  else if (!hasVisibleCharacters(authorName))
    errors.push({ path: ['authorName'], message: 'authorName is required' });

  if (!authorEmail) {
    if (requireEmail) errors.push({ path: ['authorEmail'], message: 'authorEmail is required' });
  } else if (authorEmail.length > 100)
    errors.push({ path: ['authorEmail'], message: 'authorEmail must be at most 100 characters' });
  else if (!EMAIL.test(authorEmail))
    errors.push({ path: ['authorEmail'], message: 'authorEmail must be a valid email address' });

  if (authorUrl !== null) {
    if (authorUrl.length > 200) {
      errors.push({ path: ['authorUrl'], message: 'authorUrl must be at most 200 characters' });
    } else if (!isHttpUrl(authorUrl)) {
      errors.push({ path: ['authorUrl'], message: 'authorUrl must be an http(s) address' });
    }
  }

  const contentLength = textLength(content);
  if (contentLength > settings.maxLength)
    errors.push({
      path: ['content'],
      message: `content must be at most ${settings.maxLength} characters`,
    });
  else if (!hasVisibleCharacters(content))
    errors.push({ path: ['content'], message: 'content is required' });

  return errors;
};

/** Rule 2: a reply deeper than the settings allow (a create, or a move with its replies). */
export const tooDeep = (maxDepth: number) =>
  refusal('parent', 400, `Replies nest at most ${maxDepth} levels deep`, {
    errors: [{ path: ['parent'], message: `Thread depth is limited to ${maxDepth}` }],
  });

/** Rule 2 for an editor: the parent is missing or on another post. */
export const parentElsewhere = () =>
  refusal('parent', 400, 'parent must be a comment of the same post', {
    errors: [{ path: ['parent'], message: 'Not a comment of this post' }],
  });

/** Rule 3's refusal: every field error at once; null when there is none. */
export const fieldsRefusal = (errors: FieldError[]): Refusal | null =>
  errors.length
    ? refusal('fields', 400, errors.map((error) => error.message).join('; '), { errors })
    : null;

/** Imported text may be longer than today's limit: the structural checks' own bound. */
const STRUCTURAL_MAX_LENGTH = 100000;

/**
 * What holds for every comment, whoever writes it: fields, URL scheme. No email is required
 * (Blogger keeps none); the reader's rules require one.
 */
export const checkStructure = (candidate: Candidate): Refusal | null =>
  fieldsRefusal(
    checkFields(candidate, { maxLength: STRUCTURAL_MAX_LENGTH }, { requireEmail: false })
  );

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Rule 1: whether the post takes comments now. */
export const checkPost = (
  settings: ModerationSettings,
  post: Facts['post'],
  now: Date
): Refusal | null => {
  if (post.state === 'missing' || post.state === 'unpublished') {
    return refusal('post', 404, 'Post not found');
  }
  if (post.state === 'comments-disabled') {
    return refusal('post', 403, 'Comments are closed on this post');
  }
  if (
    settings.closeAfterDays > 0 &&
    post.date &&
    now.getTime() - post.date.getTime() > settings.closeAfterDays * DAY_MS
  ) {
    return refusal('post', 403, `Comments close ${settings.closeAfterDays} days after a post`);
  }
  return null;
};

/** Rules 6 to 10: the status of a comment that may be stored. */
export const decide = (
  candidate: Candidate,
  settings: ModerationSettings,
  facts: Pick<Facts, 'honeypotFilled' | 'form'> & Pick<LateFacts, 'authorHasApprovedComment'>,
  matchers: Matchers
): Decision => {
  if (facts.honeypotFilled) {
    return accept('honeypot', 'spam', `the hidden field "${settings.honeypotField}" was filled`);
  }
  if (settings.minSubmitSeconds > 0) {
    const { state, ageSeconds } = facts.form;
    if (state === 'missing' || state === 'invalid') {
      return accept('form-timing', 'spam', `form token ${state}`);
    }
    if (state === 'expired') {
      return accept('form-timing', 'pending', 'form token expired');
    }
    if (ageSeconds !== null && ageSeconds < settings.minSubmitSeconds) {
      return accept(
        'form-timing',
        'spam',
        `submitted ${ageSeconds.toFixed(1)} s after the form was served (minimum ${settings.minSubmitSeconds} s)`
      );
    }
  }

  // Folded and split once, for both word lists and the links.
  const content = prepareText(candidate.content);
  const fields = prepareTexts([
    candidate.authorName,
    candidate.authorEmail,
    candidate.authorUrl,
    candidate.ip,
    candidate.userAgent,
  ]);
  fields.push(content);
  const disallowed = matchers.disallowed.find(fields);
  if (disallowed !== null) {
    return accept('disallowed-words', 'spam', `contains "${disallowed}"`);
  }

  if (settings.maxLinks > 0) {
    const links = countLinksInView(content.view);
    if (links >= settings.maxLinks) {
      return accept('max-links', 'pending', `${links} links (holding from ${settings.maxLinks})`);
    }
  }

  const held = matchers.moderation.find(fields);
  if (held !== null) {
    return accept('moderation-words', 'pending', `contains "${held}"`);
  }

  switch (settings.requireApproval) {
    case 'never':
      return accept('require-approval', 'approved', 'approval not required');
    case 'always':
      return accept('require-approval', 'pending', 'every comment is approved by hand');
    default:
      return facts.authorHasApprovedComment
        ? accept('require-approval', 'approved', 'the author has an approved comment')
        : accept('require-approval', 'pending', 'first comment from this author');
  }
};
