import {
  expiryIn,
  MAX_LINK_TOKEN_LENGTH,
  signLink,
  verifyLink,
} from '../../server/src/mail/link-token';
import { signPreviewToken } from '../../server/src/preview/token';

const SECRET = 'a-test-secret-of-some-length';
const now = new Date('2026-12-01T12:00:00Z');

describe('mail link tokens', () => {
  const moderate = {
    p: 'moderate' as const,
    c: 'doc123',
    a: 'approve' as const,
    u: 7,
    n: 'nonce',
    x: expiryIn(now, 1),
  };

  it('a signed link verifies for its purpose only', () => {
    const token = signLink(SECRET, moderate);
    expect(verifyLink(SECRET, token, 'moderate', now)).toEqual({
      state: 'valid',
      claims: moderate,
    });
    expect(verifyLink(SECRET, token, 'confirm', now).state).toBe('malformed');
  });

  it('expires', () => {
    const token = signLink(SECRET, moderate);
    expect(verifyLink(SECRET, token, 'moderate', new Date(now.getTime() + 3600_000)).state).toBe(
      'expired'
    );
  });

  it('refuses a changed payload, another secret, and a preview token signed with the same secret', () => {
    const token = signLink(SECRET, moderate);
    const [, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify({ ...moderate, a: 'spam' })).toString('base64url');
    expect(verifyLink(SECRET, `${other}.${signature}`, 'moderate', now).state).toBe('forged');
    expect(verifyLink('another-secret-of-length', token, 'moderate', now).state).toBe('forged');
    const preview = signPreviewToken(SECRET, {
      documentId: 'd',
      locale: 'en',
      status: 'draft',
      expiresAt: expiryIn(now, 1),
    });
    expect(verifyLink(SECRET, preview, 'moderate', now).state).not.toBe('valid');
  });

  it.each([undefined, null, 42, '', 'x', 'a.b', 'x'.repeat(MAX_LINK_TOKEN_LENGTH + 1), ['a']])(
    'refuses %p unread',
    (token) => {
      expect(verifyLink(SECRET, token, 'unsubscribe', now).state).toBe('malformed');
    }
  );

  it('an unsubscribe link has no expiry', () => {
    const token = signLink(SECRET, { p: 'unsubscribe', e: 'key', d: 'post', k: 'replies' });
    expect(verifyLink(SECRET, token, 'unsubscribe', new Date('2099-01-01')).state).toBe('valid');
  });
});
