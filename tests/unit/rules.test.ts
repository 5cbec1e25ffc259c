import { judge, type Writer } from '../../server/src/moderation/judge';
import type { Candidate, Facts, LateFacts } from '../../server/src/moderation/rules';
import {
  DEFAULT_MODERATION_SETTINGS,
  type ModerationSettings,
} from '../../server/src/moderation/settings';
import { compileWordList } from '../../server/src/moderation/words';

const NOW = new Date('2026-11-26T12:00:00Z');

const candidate = (overrides: Partial<Candidate> = {}): Candidate => ({
  authorName: 'Ann Reader',
  authorEmail: 'ann@example.com',
  authorUrl: null,
  content: 'A thoughtful remark.',
  ip: '198.51.100.1',
  userAgent: 'Mozilla/5.0',
  ...overrides,
});

type AllFacts = Facts & Partial<LateFacts>;

/** Every fact known, the late ones included: the judge decides without asking. */
const facts = (overrides: Partial<AllFacts> = {}): AllFacts => ({
  now: NOW,
  post: { state: 'open', date: new Date('2026-11-01T00:00:00Z') },
  parent: null,
  duplicate: false,
  floodRetryAfter: null,
  honeypotFilled: false,
  form: { state: 'missing', ageSeconds: null },
  formTokenUnused: true,
  authorHasApprovedComment: false,
  ...overrides,
});

const run = (
  c: Partial<Candidate> = {},
  f: Partial<AllFacts> = {},
  s: Partial<ModerationSettings> = {},
  writer?: Writer
) => {
  const settings = { ...DEFAULT_MODERATION_SETTINGS, ...s };
  return judge(
    candidate(c),
    settings,
    facts(f),
    {
      disallowed: compileWordList(settings.disallowedWords),
      moderation: compileWordList(settings.moderationWords),
    },
    writer
  );
};

type Row = [string, Partial<Candidate>, Partial<AllFacts>, Partial<ModerationSettings>, object];

const table: Row[] = [
  // 1. the post
  [
    'a missing post',
    {},
    { post: { state: 'missing', date: null } },
    {},
    { kind: 'refuse', status: 404, rule: 'post' },
  ],
  [
    'a draft post',
    {},
    { post: { state: 'unpublished', date: null } },
    {},
    { kind: 'refuse', status: 404 },
  ],
  [
    'comments off',
    {},
    { post: { state: 'comments-disabled', date: null } },
    {},
    { kind: 'refuse', status: 403 },
  ],
  [
    'a post older than closeAfterDays',
    {},
    {},
    { closeAfterDays: 10 },
    { kind: 'refuse', status: 403, rule: 'post' },
  ],
  [
    'a post younger than closeAfterDays',
    {},
    {},
    { closeAfterDays: 30, requireApproval: 'never' },
    { kind: 'accept', status: 'approved' },
  ],
  [
    'closeAfterDays 0 never closes',
    {},
    { post: { state: 'open', date: new Date('2001-01-01') } },
    { requireApproval: 'never' },
    { kind: 'accept' },
  ],
  // 2. the parent
  [
    'a missing parent',
    {},
    { parent: { state: 'missing', depth: 0 } },
    {},
    { kind: 'refuse', status: 400, rule: 'parent' },
  ],
  [
    'a parent of another post',
    {},
    { parent: { state: 'other-post', depth: 1 } },
    {},
    { kind: 'refuse', status: 400 },
  ],
  [
    'a parent not approved',
    {},
    { parent: { state: 'not-approved', depth: 1 } },
    {},
    { kind: 'refuse', status: 400 },
  ],
  [
    'a reply at maxDepth',
    {},
    { parent: { state: 'ok', depth: 4 } },
    { maxDepth: 5, requireApproval: 'never' },
    { kind: 'accept' },
  ],
  [
    'a reply past maxDepth',
    {},
    { parent: { state: 'ok', depth: 5 } },
    { maxDepth: 5 },
    { kind: 'refuse', status: 400, rule: 'parent' },
  ],
  // 3. fields
  ['an empty name', { authorName: '' }, {}, {}, { kind: 'refuse', status: 400, rule: 'fields' }],
  [
    'a 245-character name',
    { authorName: 'n'.repeat(245) },
    {},
    { requireApproval: 'never' },
    { kind: 'accept' },
  ],
  [
    'a 246-character name',
    { authorName: 'n'.repeat(246) },
    {},
    {},
    { kind: 'refuse', status: 400 },
  ],
  ['no email', { authorEmail: null }, {}, {}, { kind: 'refuse', status: 400 }],
  ['a bad email', { authorEmail: 'ann@' }, {}, {}, { kind: 'refuse', status: 400 }],
  [
    'a 101-character email',
    { authorEmail: `${'a'.repeat(89)}@example.com` },
    {},
    {},
    { kind: 'refuse', status: 400 },
  ],
  ['an ftp URL', { authorUrl: 'ftp://example.com' }, {}, {}, { kind: 'refuse', status: 400 }],
  [
    'an https URL',
    { authorUrl: 'https://example.com/me' },
    {},
    { requireApproval: 'never' },
    { kind: 'accept' },
  ],
  [
    'content at maxLength',
    { content: 'x'.repeat(50) },
    {},
    { maxLength: 50, requireApproval: 'never' },
    { kind: 'accept' },
  ],
  [
    'content over maxLength',
    { content: 'x'.repeat(51) },
    {},
    { maxLength: 50 },
    { kind: 'refuse', status: 400 },
  ],
  [
    'emoji count once toward maxLength',
    { content: '👋'.repeat(5) },
    {},
    { maxLength: 5, requireApproval: 'never' },
    { kind: 'accept' },
  ],
  // 4. duplicate
  ['a duplicate', {}, { duplicate: true }, {}, { kind: 'refuse', status: 409, rule: 'duplicate' }],
  // 5. flood
  [
    'a flood',
    {},
    { floodRetryAfter: 9 },
    {},
    { kind: 'refuse', status: 429, retryAfterSeconds: 9 },
  ],
  [
    'flood with the interval off',
    {},
    { floodRetryAfter: 9 },
    { floodIntervalSeconds: 0, requireApproval: 'never' },
    { kind: 'accept' },
  ],
  // 6. honeypot and timing
  [
    'a filled honeypot',
    {},
    { honeypotFilled: true },
    {},
    { kind: 'accept', status: 'spam', rule: 'honeypot' },
  ],
  [
    'no token while timing is on',
    {},
    {},
    { minSubmitSeconds: 3 },
    { status: 'spam', rule: 'form-timing' },
  ],
  [
    'a forged token',
    {},
    { form: { state: 'invalid', ageSeconds: null } },
    { minSubmitSeconds: 3 },
    { status: 'spam' },
  ],
  [
    'an expired token',
    {},
    { form: { state: 'expired', ageSeconds: 99999 } },
    { minSubmitSeconds: 3 },
    { status: 'pending', rule: 'form-timing' },
  ],
  [
    'too fast',
    {},
    { form: { state: 'valid', ageSeconds: 1.2 } },
    { minSubmitSeconds: 3 },
    { status: 'spam', rule: 'form-timing' },
  ],
  [
    'patient enough',
    {},
    { form: { state: 'valid', ageSeconds: 3 } },
    { minSubmitSeconds: 3, requireApproval: 'never' },
    { status: 'approved' },
  ],
  [
    'a token another comment used',
    {},
    { form: { state: 'valid', ageSeconds: 30 }, formTokenUnused: false },
    { minSubmitSeconds: 3, requireApproval: 'never' },
    { status: 'spam', rule: 'form-timing', reason: 'form-timing: form token invalid' },
  ],
  [
    'no token while timing is off',
    {},
    {},
    { minSubmitSeconds: 0, requireApproval: 'never' },
    { status: 'approved' },
  ],
  // 7. disallowed words
  [
    'a disallowed word in content',
    { content: 'Cheap PILLS here' },
    {},
    { disallowedWords: ['pills'] },
    { status: 'spam', rule: 'disallowed-words' },
  ],
  [
    'a disallowed word inside another word',
    { content: 'spillsway' },
    {},
    { disallowedWords: ['pills'], requireApproval: 'never' },
    { status: 'approved' },
  ],
  [
    'a disallowed phrase',
    { content: 'try free money now' },
    {},
    { disallowedWords: ['free money'] },
    { status: 'spam' },
  ],
  [
    'a disallowed domain in the URL',
    { authorUrl: 'https://spam.example/x' },
    {},
    { disallowedWords: ['spam.example'] },
    { status: 'spam' },
  ],
  [
    'a disallowed IP',
    { ip: '203.0.113.5' },
    {},
    { disallowedWords: ['203.0.113.5'] },
    { status: 'spam' },
  ],
  [
    'a similar IP is not the IP',
    { ip: '203.0.113.50' },
    {},
    { disallowedWords: ['203.0.113.5'], requireApproval: 'never' },
    { status: 'approved' },
  ],
  [
    'a disallowed word in the user agent',
    { userAgent: 'SpamBot/1.0' },
    {},
    { disallowedWords: ['spambot'] },
    { status: 'spam' },
  ],
  [
    'Unicode case folding',
    { authorName: 'ÉTÉ' },
    {},
    { disallowedWords: ['été'] },
    { status: 'spam' },
  ],
  [
    'a non-Latin whole word',
    { content: 'это спам точно' },
    {},
    { disallowedWords: ['спам'] },
    { status: 'spam' },
  ],
  [
    'a non-Latin word inside another',
    { content: 'спамер' },
    {},
    { disallowedWords: ['спам'], requireApproval: 'never' },
    { status: 'approved' },
  ],
  // 8. links
  [
    'two links',
    { content: 'http://a.example https://b.example' },
    {},
    {},
    { status: 'pending', rule: 'max-links' },
  ],
  [
    'one link',
    { content: 'see https://a.example' },
    {},
    { requireApproval: 'never' },
    { status: 'approved' },
  ],
  [
    'links with maxLinks off',
    { content: 'http://a.example http://b.example http://c.example' },
    {},
    { maxLinks: 0, requireApproval: 'never' },
    { status: 'approved' },
  ],
  [
    'spam beats links',
    { content: 'http://a.example http://b.example pills' },
    {},
    { disallowedWords: ['pills'] },
    { status: 'spam' },
  ],
  // 9. moderation words
  [
    'a moderation word',
    { content: 'I want a refund' },
    {},
    { moderationWords: ['refund'], requireApproval: 'never' },
    { status: 'pending', rule: 'moderation-words' },
  ],
  // 10. approval policy
  [
    'first-time, new author',
    {},
    {},
    { requireApproval: 'first-time' },
    { status: 'pending', rule: 'require-approval' },
  ],
  [
    'first-time, known author',
    {},
    { authorHasApprovedComment: true },
    { requireApproval: 'first-time' },
    { status: 'approved' },
  ],
  [
    'always',
    {},
    { authorHasApprovedComment: true },
    { requireApproval: 'always' },
    { status: 'pending' },
  ],
  ['never', {}, {}, { requireApproval: 'never' }, { status: 'approved' }],
];

describe('the moderation rules', () => {
  it.each(table)('%s', (_label, c, f, s, expected) => {
    expect(run(c, f, s)).toEqual(expect.objectContaining(expected));
  });

  it('names the rule that fired in the reason', () => {
    const verdict = run({ content: 'pills' }, {}, { disallowedWords: ['pills'] });
    expect(verdict).toEqual(
      expect.objectContaining({ reason: 'disallowed-words: contains "pills"' })
    );
  });

  it('applies rules in order: the first refusal wins', () => {
    expect(
      run({ authorName: '' }, { post: { state: 'missing', date: null }, duplicate: true })
    ).toEqual(expect.objectContaining({ rule: 'post' }));
    expect(run({ authorName: '' }, { duplicate: true })).toEqual(
      expect.objectContaining({ rule: 'fields' })
    );
  });

  it('gives field-level errors for every bad field at once', () => {
    const verdict = run({ authorName: '', authorEmail: 'x', content: '' });
    expect(verdict).toEqual(
      expect.objectContaining({
        errors: [
          { path: ['authorName'], message: 'authorName is required' },
          { path: ['authorEmail'], message: 'authorEmail must be a valid email address' },
          { path: ['content'], message: 'content is required' },
        ],
      })
    );
  });
});

describe('the judge asks for the facts that cost a write only once every rule before passed', () => {
  const unknown = {
    floodRetryAfter: undefined,
    formTokenUnused: undefined,
    authorHasApprovedComment: undefined,
  };

  it('asks for the flood check after rules 1 to 4, never for a comment they refuse', () => {
    expect(run({}, unknown)).toEqual({ kind: 'ask', fact: 'floodRetryAfter' });
    expect(run({ authorName: '' }, unknown)).toMatchObject({ kind: 'refuse', rule: 'fields' });
    expect(run({}, { ...unknown, duplicate: true })).toMatchObject({ rule: 'duplicate' });
    expect(run({}, { ...unknown, post: { state: 'missing', date: null } })).toMatchObject({
      rule: 'post',
    });
  });

  it('does not ask for the flood check when the interval is off', () => {
    expect(run({}, unknown, { floodIntervalSeconds: 0, requireApproval: 'never' })).toMatchObject({
      kind: 'accept',
      status: 'approved',
    });
  });

  it('uses the form token up only for a comment the flood check let through', () => {
    const timed = { minSubmitSeconds: 3, requireApproval: 'never' as const };
    const form = { state: 'valid' as const, ageSeconds: 10 };
    expect(run({}, { ...unknown, form, floodRetryAfter: 5 }, timed)).toMatchObject({
      kind: 'refuse',
      status: 429,
    });
    expect(run({}, { ...unknown, form, floodRetryAfter: null }, timed)).toEqual({
      kind: 'ask',
      fact: 'formTokenUnused',
    });
    // No token, or a forged one: nothing to use up.
    expect(run({}, { ...unknown, floodRetryAfter: null }, timed)).toMatchObject({
      status: 'spam',
      rule: 'form-timing',
    });
  });

  it("asks for the author's approved comments under first-time approval only", () => {
    const known = { ...unknown, floodRetryAfter: null };
    expect(run({}, known, { requireApproval: 'first-time' })).toEqual({
      kind: 'ask',
      fact: 'authorHasApprovedComment',
    });
    expect(run({}, known, { requireApproval: 'always' })).toMatchObject({ status: 'pending' });
  });
});

describe('a trusted writer (an editor who may moderate, the importer)', () => {
  const editor: Writer = { trusted: true, importer: false, by: 'admin Ann Editor' };
  const importer: Writer = { trusted: true, importer: true, by: 'the importer' };

  it('keeps the status given, or approved, without the reader rules', () => {
    const shut = {
      post: { state: 'comments-disabled' as const, date: null },
      duplicate: true,
      floodRetryAfter: 9,
      honeypotFilled: true,
    };
    expect(run({ content: 'pills' }, shut, { disallowedWords: ['pills'] }, editor)).toEqual({
      kind: 'accept',
      rule: 'trusted-actor',
      status: 'approved',
      reason: 'trusted-actor: set by admin Ann Editor',
    });
    expect(run({}, {}, {}, { ...editor, status: 'spam', reason: 'known spammer' })).toEqual({
      kind: 'accept',
      rule: 'trusted-actor',
      status: 'spam',
      reason: 'known spammer',
    });
  });

  it('refuses a missing post, a parent elsewhere, bad fields and an unknown status', () => {
    expect(run({}, { post: { state: 'missing', date: null } }, {}, editor)).toMatchObject({
      status: 404,
      rule: 'post',
    });
    expect(run({}, { parent: { state: 'other-post', depth: 1 } }, {}, editor)).toMatchObject({
      status: 400,
      message: 'parent must be a comment of the same post',
    });
    expect(run({ authorUrl: 'ftp://x.example' }, {}, {}, editor)).toMatchObject({
      status: 400,
      rule: 'fields',
    });
    expect(run({}, {}, {}, { ...editor, status: 'published' })).toMatchObject({
      status: 400,
      message: 'status must be pending, approved, spam or rejected',
    });
  });

  it('needs no email (Blogger keeps none) and takes longer text than readers may send', () => {
    expect(
      run({ authorEmail: null, content: 'x'.repeat(5000) }, {}, { maxLength: 100 }, importer)
    ).toMatchObject({ kind: 'accept', status: 'approved' });
  });

  it("bounds an editor's reply depth but keeps an import's threads whatever their depth", () => {
    const deep = { parent: { state: 'ok' as const, depth: 5 } };
    expect(run({}, deep, { maxDepth: 5 }, editor)).toMatchObject({ status: 400, rule: 'parent' });
    expect(run({}, deep, { maxDepth: 5 }, importer)).toMatchObject({ kind: 'accept' });
  });
});
