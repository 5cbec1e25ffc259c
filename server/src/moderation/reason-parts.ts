/**
 * A stored moderation reason read back into its parts (`ReasonParts`), for the admin to say in
 * the editor's language. The stored text does not change: it is written by rules.ts (`accept`:
 * "rule: why"), judge.ts (a trusted writer: "trusted-actor: set by …") and the moderation
 * middleware (an editor's change: "approved by admin Ann Editor"); tests/unit/reason-parts.test.ts
 * runs those writers and reads back what they wrote, so a reworded reason fails there.
 *
 * Reading is by prefixes and suffixes (`startsWith`, `endsWith`, `indexOf`): linear in the text,
 * no pattern that backtracks on the words a reader wrote. Text it does not recognise stays text
 * (`rule-other`, `note`): a reason an editor typed is shown as they typed it.
 */
import { COMMENT_STATUSES } from '../../../contracts/comments';
import type { ReasonParts } from '../../../contracts/moderation';

import type { RuleName } from './rules';

/** Every rule that can start a stored reason ("rule: why"). */
const RULES: Record<RuleName, true> = {
  post: true,
  parent: true,
  fields: true,
  duplicate: true,
  flood: true,
  honeypot: true,
  'form-timing': true,
  'disallowed-words': true,
  'max-links': true,
  'moderation-words': true,
  'require-approval': true,
  'trusted-actor': true,
  'reader-edit': true,
  reported: true,
};

const isRule = (value: string): value is RuleName => Object.hasOwn(RULES, value);

const APPROVAL: Record<string, ReasonParts['code']> = {
  'approval not required': 'approval-not-required',
  'every comment is approved by hand': 'approval-always',
  'the author has an approved comment': 'approval-known-author',
  'first comment from this author': 'approval-first-comment',
};

const FORM_TOKEN: Record<string, ReasonParts['code']> = {
  'form token missing': 'form-token-missing',
  'form token invalid': 'form-token-invalid',
  'form token expired': 'form-token-expired',
};

/** What judge.ts writes when an author's edit keeps the status. */
const EDITED = 'the author changed the text';

/** The text between `before` and `after` when `text` is exactly before + it + after. */
const between = (text: string, before: string, after: string): string | null =>
  text.length >= before.length + after.length && text.startsWith(before) && text.endsWith(after)
    ? text.slice(before.length, text.length - after.length)
    : null;

/** A number as the rules write it ("3", "1.5"); null for anything else. */
const number = (text: string | null): number | null => {
  if (text === null || text === '' || text.length > 20) return null;
  for (const char of text) if (char !== '.' && (char < '0' || char > '9')) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
};

/** Who a reason names ("admin Ann Editor", "the importer", "the rules"), as params. */
const actorParams = (who: string): Record<string, string> | null => {
  if (who === 'the importer') return { actor: 'importer' };
  if (who === 'the author' || who === 'readers') return { actor: 'reader' };
  if (who === 'the rules') return { actor: 'rules' };
  const name = who.startsWith('admin ') ? who.slice('admin '.length).trim() : '';
  return name ? { actor: 'admin', name } : null;
};

/** The words after "rule: ", for the rules whose words name values. */
const ruleParts = (rule: RuleName, why: string): ReasonParts | null => {
  const parts = (code: ReasonParts['code'], params: ReasonParts['params'] = {}): ReasonParts => ({
    rule,
    code,
    params,
  });
  switch (rule) {
    case 'honeypot': {
      const field = between(why, 'the hidden field "', '" was filled');
      return field === null ? null : parts('honeypot', { field });
    }
    case 'form-timing': {
      if (Object.hasOwn(FORM_TOKEN, why)) return parts(FORM_TOKEN[why]);
      const timing = between(why, 'submitted ', ' s)');
      const cut = timing?.indexOf(' s after the form was served (minimum ') ?? -1;
      if (timing === null || cut === -1) return null;
      const seconds = number(timing.slice(0, cut));
      const minimum = number(timing.slice(cut + ' s after the form was served (minimum '.length));
      return seconds === null || minimum === null
        ? null
        : parts('form-too-fast', { seconds, minimum });
    }
    case 'disallowed-words':
    case 'moderation-words': {
      const word = between(why, 'contains "', '"');
      if (word === null) return null;
      return parts(rule === 'disallowed-words' ? 'disallowed-word' : 'moderation-word', { word });
    }
    case 'max-links': {
      const counted = between(why, '', ')');
      const cut = counted?.indexOf(' links (holding from ') ?? -1;
      if (counted === null || cut === -1) return null;
      const links = number(counted.slice(0, cut));
      const limit = number(counted.slice(cut + ' links (holding from '.length));
      return links === null || limit === null ? null : parts('too-many-links', { links, limit });
    }
    case 'require-approval':
      return Object.hasOwn(APPROVAL, why) ? parts(APPROVAL[why]) : null;
    case 'reader-edit':
      return why === EDITED ? parts('edited') : null;
    case 'reported': {
      const counted = between(why, '', ')');
      const cut = counted?.indexOf(' reports (holding from ') ?? -1;
      if (counted === null || cut === -1) return null;
      const reports = number(counted.slice(0, cut));
      const limit = number(counted.slice(cut + ' reports (holding from '.length));
      return reports === null || limit === null ? null : parts('reported', { reports, limit });
    }
    case 'trusted-actor': {
      const who = why.startsWith('set by ') ? actorParams(why.slice('set by '.length)) : null;
      return who === null ? null : parts('set-on-create', who);
    }
    default:
      return null;
  }
};

const STATUS_WORDS = [...COMMENT_STATUSES, 'deleted', 'restored', 'edited'];

/**
 * "approved by admin Ann Editor": an editor's (or code's, or the importer's) status change; also
 * "trash by …" (a delete to the trash), "restored by …" and "edited by …" (moderation.ts).
 */
const statusChange = (text: string): ReasonParts | null => {
  for (const status of STATUS_WORDS) {
    if (!text.startsWith(`${status} by `)) continue;
    const who = actorParams(text.slice(`${status} by `.length));
    return who === null ? null : { rule: null, code: 'status-changed', params: { status, ...who } };
  }
  return null;
};

/** The parts of a stored reason; null when there is none. */
export const reasonParts = (stored: string | null | undefined): ReasonParts | null => {
  if (!stored) return null;
  const text = stored.trim();
  if (!text) return null;
  const colon = text.indexOf(': ');
  const rule = colon === -1 ? '' : text.slice(0, colon);
  if (isRule(rule)) {
    const why = text.slice(colon + 2);
    return ruleParts(rule, why) ?? { rule, code: 'rule-other', params: { text: why } };
  }
  return statusChange(text) ?? { rule: null, code: 'note', params: { text } };
};
