import { errors } from '@strapi/utils';
import fc from 'fast-check';

import { DEFAULT_MODERATION_SETTINGS } from '../../server/src/moderation/settings';
import { judgeEdit } from '../../server/src/moderation/judge';
import { reasonParts } from '../../server/src/moderation/reason-parts';
import type { Candidate } from '../../server/src/moderation/rules';
import { compileWordList } from '../../server/src/moderation/words';
import {
  MAX_EDIT_TOKEN_LENGTH,
  signEditToken,
  verifyEditToken,
} from '../../server/src/comments/edit-token';
import { signPreviewToken } from '../../server/src/preview/token';
import { parseEdit, parseReport } from '../../server/src/validation/reader-input';

const SECRET = 'a-test-secret-of-some-length';
const NOW = new Date('2026-12-01T12:00:00Z');
const DOC = 'abcdefghijklmnopqrstuvwx';
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const token = () =>
  signEditToken(SECRET, { documentId: DOC, expiresAt: NOW.getTime() / 1000 + 600 });

describe('the edit token', () => {
  it('reads back its comment until it expires', () => {
    expect(verifyEditToken(SECRET, token(), NOW)).toEqual({
      state: 'valid',
      claims: { documentId: DOC, expiresAt: NOW.getTime() / 1000 + 600 },
    });
    expect(verifyEditToken(SECRET, token(), later(599)).state).toBe('valid');
    expect(verifyEditToken(SECRET, token(), later(600)).state).toBe('expired');
  });

  it('is forged when signed with another secret or changed, malformed when not a token', () => {
    const other = signEditToken('another-secret', { documentId: DOC, expiresAt: 2e9 });
    expect(verifyEditToken(SECRET, other, NOW).state).toBe('forged');
    const [payload, signature] = token().split('.');
    const longer = Buffer.from(JSON.stringify({ c: DOC, e: 4e9 })).toString('base64url');
    expect(verifyEditToken(SECRET, `${longer}.${signature}`, NOW).state).toBe('forged');
    expect(verifyEditToken(SECRET, `${payload}.${signature}`, NOW).state).toBe('valid');
    for (const bad of ['x', 'a.b', 42, {}, `${'a'.repeat(MAX_EDIT_TOKEN_LENGTH)}.${signature}`]) {
      expect(verifyEditToken(SECRET, bad, NOW).state).toBe('malformed');
    }
    for (const none of [undefined, null, '']) {
      expect(verifyEditToken(SECRET, none, NOW).state).toBe('missing');
    }
  });

  it('is never a preview token, nor a preview token an edit token: a key for each use', () => {
    const preview = signPreviewToken(SECRET, {
      documentId: DOC,
      locale: 'en',
      status: 'draft',
      expiresAt: NOW.getTime() / 1000 + 600,
    });
    expect(verifyEditToken(SECRET, preview, NOW).state).not.toBe('valid');
  });
});

describe('judgeEdit: the rules on an author’s new text', () => {
  const settings = { ...DEFAULT_MODERATION_SETTINGS, requireApproval: 'never' as const };
  const matchers = {
    disallowed: compileWordList(['viagra']),
    moderation: compileWordList(['casino']),
  };
  const candidate = (content: string): Candidate => ({
    authorName: 'Ann',
    authorEmail: 'ann@example.com',
    authorUrl: null,
    content,
    ip: null,
    userAgent: null,
  });
  const judged = (content: string, status: 'approved' | 'pending' | 'spam') =>
    judgeEdit(candidate(content), settings, { status, authorHasApprovedComment: false }, matchers);

  it('keeps the status of a clean text, and says an edit in a sentence the admin reads', () => {
    const verdict = judged('Fixed a typo.', 'approved');
    expect(verdict).toEqual({
      kind: 'accept',
      rule: 'reader-edit',
      status: 'approved',
      reason: 'reader-edit: the author changed the text',
    });
    expect(reasonParts(verdict.kind === 'accept' ? verdict.reason : null)).toEqual({
      rule: 'reader-edit',
      code: 'edited',
      params: {},
    });
  });

  it('moves away from shown (held, spam), never toward it', () => {
    expect(judged('A casino now.', 'approved')).toEqual(
      expect.objectContaining({ status: 'pending', rule: 'moderation-words' })
    );
    expect(judged('Buy viagra.', 'pending')).toEqual(
      expect.objectContaining({ status: 'spam', rule: 'disallowed-words' })
    );
    expect(judged('Clean again.', 'pending')).toEqual(
      expect.objectContaining({ status: 'pending', rule: 'reader-edit' })
    );
    expect(judged('Clean again.', 'spam')).toEqual(expect.objectContaining({ status: 'spam' }));
  });

  it('refuses an empty or too long text, as a submission', () => {
    expect(judged('  \u200b ', 'approved')).toEqual(
      expect.objectContaining({ kind: 'refuse', status: 400, rule: 'fields' })
    );
    expect(judged('x'.repeat(settings.maxLength + 1), 'approved')).toEqual(
      expect.objectContaining({ kind: 'refuse', status: 400 })
    );
  });
});

describe('the reported reason', () => {
  it('reads back as its parts', () => {
    expect(reasonParts('reported: 3 reports (holding from 3)')).toEqual({
      rule: 'reported',
      code: 'reported',
      params: { reports: 3, limit: 3 },
    });
    expect(reasonParts('reported: many reports')?.code).toBe('rule-other');
    expect(reasonParts('pending by readers')).toEqual({
      rule: null,
      code: 'status-changed',
      params: { status: 'pending', actor: 'reader' },
    });
  });
});

describe('the bodies of the reader routes', () => {
  const refused = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as { details?: { errors?: Array<{ path: string[] }> } }).details?.errors?.[0]
        ?.path;
    }
    return 'accepted';
  };

  it('takes an edit’s content and token, nothing else', () => {
    expect(parseEdit({ data: { content: 'x' }, token: 't' })).toEqual({ content: 'x', token: 't' });
    expect(refused(() => parseEdit({ data: { content: 'x', status: 'approved' } }))).toEqual([
      'data',
      'status',
    ]);
    expect(refused(() => parseEdit({ data: { content: 1 } }))).toEqual(['data', 'content']);
    expect(refused(() => parseEdit({ data: { content: 'x' }, token: ['t'] }))).toEqual(['token']);
    expect(refused(() => parseEdit(null))).toEqual([]);
  });

  it('takes a report’s reason from the list and a note of 500 characters at most', () => {
    expect(parseReport({ data: { reason: 'off-topic' } })).toEqual({
      reason: 'off-topic',
      note: null,
    });
    expect(parseReport({ data: { reason: 'other', note: ' <b>Why</b> ' } })).toEqual({
      reason: 'other',
      note: 'Why',
    });
    expect(parseReport({ data: { reason: 'other', note: '👍'.repeat(500) } }).note).toHaveLength(
      1000
    );
    expect(
      refused(() => parseReport({ data: { reason: 'other', note: '👍'.repeat(501) } }))
    ).toEqual(['data', 'note']);
    expect(refused(() => parseReport({ data: { reason: 'toString' } }))).toEqual([
      'data',
      'reason',
    ]);
    // A worst-case note is refused by its length before any other work on it.
    expect(
      refused(() => parseReport({ data: { reason: 'spam', note: '<'.repeat(200_000) } }))
    ).toEqual(['data', 'note']);
  });
});

describe('any JSON body', () => {
  it('is taken or refused with a 400, never another error', () => {
    const body = fc.oneof(
      fc.json().map((text) => JSON.parse(text) as unknown),
      fc.record({ data: fc.jsonValue(), token: fc.jsonValue() }),
      fc.record({
        data: fc.record({ content: fc.jsonValue(), reason: fc.jsonValue(), note: fc.jsonValue() }),
      })
    );
    fc.assert(
      fc.property(body, (input) => {
        for (const parse of [parseEdit, parseReport]) {
          try {
            parse(input);
          } catch (error) {
            if (!(error instanceof errors.ValidationError)) throw error;
          }
        }
      }),
      { numRuns: 500 }
    );
  });
});
