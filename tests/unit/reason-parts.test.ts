import { describe as describeActor } from '../../server/src/moderation/actor';
import { judge, type Writer } from '../../server/src/moderation/judge';
import { reasonParts } from '../../server/src/moderation/reason-parts';
import type { Candidate, Facts, LateFacts } from '../../server/src/moderation/rules';
import {
  DEFAULT_MODERATION_SETTINGS,
  type ModerationSettings,
} from '../../server/src/moderation/settings';
import { compileWordList } from '../../server/src/moderation/words';
import { oneLine } from '../../server/src/moderation/excerpt';

const candidate = (overrides: Partial<Candidate> = {}): Candidate => ({
  authorName: 'Ann Reader',
  authorEmail: 'ann@example.com',
  authorUrl: null,
  content: 'A thoughtful remark.',
  ip: '198.51.100.1',
  userAgent: 'Mozilla/5.0',
  ...overrides,
});

/** The reason the rules store for a comment (judge.ts and rules.ts, as a submission runs them). */
const storedReason = (
  c: Partial<Candidate> = {},
  f: Partial<Facts & LateFacts> = {},
  s: Partial<ModerationSettings> = {},
  writer?: Writer
): string => {
  const settings = { ...DEFAULT_MODERATION_SETTINGS, floodIntervalSeconds: 0, ...s };
  const verdict = judge(
    candidate(c),
    settings,
    {
      now: new Date('2026-11-26T12:00:00Z'),
      post: { state: 'open', date: new Date('2026-11-20T00:00:00Z') },
      parent: null,
      duplicate: false,
      honeypotFilled: false,
      form: { state: 'valid', ageSeconds: 60 },
      floodRetryAfter: null,
      formTokenUnused: true,
      authorHasApprovedComment: false,
      ...f,
    },
    {
      disallowed: compileWordList(settings.disallowedWords),
      moderation: compileWordList(settings.moderationWords),
    },
    writer
  );
  if (verdict.kind !== 'accept') throw new Error(`not accepted: ${JSON.stringify(verdict)}`);
  return verdict.reason;
};

describe('a stored moderation reason read back into its parts', () => {
  it.each<[string, string, object]>([
    [
      'the honeypot',
      storedReason({}, { honeypotFilled: true }, { honeypotField: 'website' }),
      { rule: 'honeypot', code: 'honeypot', params: { field: 'website' } },
    ],
    [
      'a missing form token',
      storedReason({}, { form: { state: 'missing', ageSeconds: null } }, { minSubmitSeconds: 3 }),
      { rule: 'form-timing', code: 'form-token-missing', params: {} },
    ],
    [
      'a forged form token',
      storedReason({}, { form: { state: 'invalid', ageSeconds: null } }, { minSubmitSeconds: 3 }),
      { rule: 'form-timing', code: 'form-token-invalid', params: {} },
    ],
    [
      'an expired form token',
      storedReason({}, { form: { state: 'expired', ageSeconds: null } }, { minSubmitSeconds: 3 }),
      { rule: 'form-timing', code: 'form-token-expired', params: {} },
    ],
    [
      'a form sent too fast',
      storedReason({}, { form: { state: 'valid', ageSeconds: 1.25 } }, { minSubmitSeconds: 3 }),
      { rule: 'form-timing', code: 'form-too-fast', params: { seconds: 1.3, minimum: 3 } },
    ],
    [
      'a disallowed word',
      storedReason({ content: 'Best casino online' }, {}, { disallowedWords: ['casino'] }),
      { rule: 'disallowed-words', code: 'disallowed-word', params: { word: 'casino' } },
    ],
    [
      'a moderation phrase with a quote in it',
      storedReason(
        { content: 'Ask for a "refund" now' },
        {},
        { moderationWords: ['a "refund"'], requireApproval: 'never' }
      ),
      { rule: 'moderation-words', code: 'moderation-word', params: { word: 'a "refund"' } },
    ],
    [
      'too many links',
      storedReason(
        { content: 'See https://a.example and https://b.example and https://c.example' },
        {},
        { maxLinks: 2 }
      ),
      { rule: 'max-links', code: 'too-many-links', params: { links: 3, limit: 2 } },
    ],
    [
      'no approval needed',
      storedReason({}, {}, { requireApproval: 'never' }),
      { rule: 'require-approval', code: 'approval-not-required', params: {} },
    ],
    [
      'every comment held',
      storedReason({}, {}, { requireApproval: 'always' }),
      { rule: 'require-approval', code: 'approval-always', params: {} },
    ],
    [
      'a returning author',
      storedReason({}, { authorHasApprovedComment: true }, { requireApproval: 'first-time' }),
      { rule: 'require-approval', code: 'approval-known-author', params: {} },
    ],
    [
      'a first comment',
      storedReason({}, {}, { requireApproval: 'first-time' }),
      { rule: 'require-approval', code: 'approval-first-comment', params: {} },
    ],
    [
      'an imported comment',
      storedReason(
        {},
        {},
        {},
        { trusted: true, importer: true, by: describeActor({ type: 'importer' }) }
      ),
      { rule: 'trusted-actor', code: 'set-on-create', params: { actor: 'importer' } },
    ],
    [
      'a comment an editor wrote',
      storedReason(
        {},
        {},
        {},
        {
          trusted: true,
          importer: false,
          by: describeActor({ type: 'admin', id: 1, name: 'Ann Editor' }),
        }
      ),
      {
        rule: 'trusted-actor',
        code: 'set-on-create',
        params: { actor: 'admin', name: 'Ann Editor' },
      },
    ],
  ])('%s', (_name, stored, parts) => {
    expect(reasonParts(stored)).toEqual(parts);
  });

  it('reads an editor’s status change, as the moderation middleware writes it', () => {
    // server/src/services/moderation.ts: `${to} by ${describe(actor)}`.
    const admin = describeActor({ type: 'admin', id: 3, name: 'Zoë d’Arc: chief' });
    expect(reasonParts(`approved by ${admin}`)).toEqual({
      rule: null,
      code: 'status-changed',
      params: { status: 'approved', actor: 'admin', name: 'Zoë d’Arc: chief' },
    });
    expect(reasonParts(`spam by ${describeActor({ type: 'system' })}`)).toEqual({
      rule: null,
      code: 'status-changed',
      params: { status: 'spam', actor: 'rules' },
    });
    expect(reasonParts(`deleted by ${describeActor({ type: 'importer' })}`)?.params).toEqual({
      status: 'deleted',
      actor: 'importer',
    });
    // The trash and the edits: "trash by …", "restored by …", "edited by …".
    for (const status of ['trash', 'restored', 'edited']) {
      expect(reasonParts(`${status} by ${admin}`)?.params).toEqual({
        status,
        actor: 'admin',
        name: 'Zoë d’Arc: chief',
      });
    }
  });

  it('keeps text it does not know as text, with the rule when one is named', () => {
    expect(reasonParts('Looks like a bot to me')).toEqual({
      rule: null,
      code: 'note',
      params: { text: 'Looks like a bot to me' },
    });
    expect(reasonParts('max-links: a wording from a later version')).toEqual({
      rule: 'max-links',
      code: 'rule-other',
      params: { text: 'a wording from a later version' },
    });
    // Cut short (the column holds 255 characters): the closing quote is gone.
    expect(reasonParts('disallowed-words: contains "a very long phras')?.code).toBe('rule-other');
    expect(reasonParts('max-links: many links (holding from 2)')?.code).toBe('rule-other');
    expect(reasonParts('approved by someone')?.code).toBe('note');
    expect(reasonParts('approved by admin ')?.code).toBe('note');
    expect(reasonParts('toString: x')?.code).toBe('note');
    expect(reasonParts(null)).toBeNull();
    expect(reasonParts('   ')).toBeNull();
  });

  it('reads a worst-case reason in one pass', () => {
    const words = '": contains "'.repeat(20_000);
    expect(reasonParts(`moderation-words: contains "${words}`)?.params.word).toBe(
      words.slice(0, -1)
    );
    expect(reasonParts(`form-timing: submitted ${' s after'.repeat(20_000)} s)`)?.code).toBe(
      'rule-other'
    );
  });
});

describe('a parent’s excerpt next to its reply', () => {
  it('is one line, cut at the limit without splitting a character', () => {
    expect(oneLine('  Hello\n\n  world  ', 100)).toBe('Hello world');
    expect(oneLine('abcdef', 4)).toBe('abc…');
    expect(oneLine('😀😀😀😀😀', 3)).toBe('😀😀…');
    expect(oneLine('abcd', 4)).toBe('abcd');
  });

  it('reads only the start of a long text', () => {
    expect(oneLine('word '.repeat(100_000), 10)).toBe('word word…');
  });
});
