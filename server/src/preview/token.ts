import { signedTokens } from '../utils/signed-token';

/**
 * The preview token: which version of which post (documentId, locale, draft or published) a
 * site may read, until when, signed with the plugin's secret (utils/signed-token.ts). The Content Manager's preview
 * mints one for an admin who may read the post; the site hands it back to
 * `GET /api/blog/preview/posts/:documentId`. It names one version: shown for another post or
 * locale it is refused, and it carries no admin's identity or rights.
 *
 * Form: `<payload>.<signature>`, both base64url; the payload is JSON `{ d, l, s, e }`
 * (documentId, locale, status, expiry in epoch seconds).
 */

export type PreviewStatus = 'draft' | 'published';

export interface PreviewClaims {
  documentId: string;
  locale: string;
  status: PreviewStatus;
  /** Epoch seconds after which the token is refused. */
  expiresAt: number;
}

export type PreviewTokenCheck =
  | { state: 'valid'; claims: PreviewClaims }
  | { state: 'missing' | 'malformed' | 'forged' | 'expired' };

/** Longer tokens are refused unread: a real one is about 150 characters. */
export const MAX_PREVIEW_TOKEN_LENGTH = 512;

/** Bounds on what a token names (a documentId is 24 characters, a locale code at most 35). */
const MAX_FIELD_LENGTH = 64;

/**
 * Preview tokens have a key of their own (utils/signed-token.ts): nothing signed for the
 * secret's other uses (form tokens, IP hashes, edit tokens, mail links) is a preview token.
 */
const tokens = signedTokens({
  purpose: 'preview-token',
  maxLength: MAX_PREVIEW_TOKEN_LENGTH,
  shape: /^[\w-]{1,400}\.[\w-]{43}$/,
});

export const signPreviewToken = (secret: string, claims: PreviewClaims): string =>
  tokens.sign(secret, {
    d: claims.documentId,
    l: claims.locale,
    s: claims.status,
    e: claims.expiresAt,
  });

const isField = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_FIELD_LENGTH;

/** The claims of a signed payload, or null when it is not what `signPreviewToken` writes. */
const readClaims = ({ d, l, s, e }: Record<string, unknown>): PreviewClaims | null => {
  if (!isField(d) || !isField(l) || (s !== 'draft' && s !== 'published')) return null;
  if (typeof e !== 'number' || !Number.isSafeInteger(e)) return null;
  return { documentId: d, locale: l, status: s, expiresAt: e };
};

/**
 * Checks a token's form, signature and expiry, in that order; the signature before anything
 * in the payload is read. Whether it names the requested post is the caller's check.
 */
export const verifyPreviewToken = (
  secret: string,
  token: unknown,
  now: Date
): PreviewTokenCheck => {
  if (token === undefined || token === null || token === '') return { state: 'missing' };
  const opened = tokens.open(secret, token);
  if (opened.state !== 'signed') return { state: opened.state };
  const claims = readClaims(opened.payload);
  // Signed by us but not our shape: only a leaked secret makes one.
  if (!claims) return { state: 'forged' };
  if (claims.expiresAt * 1000 <= now.getTime()) return { state: 'expired' };
  return { state: 'valid', claims };
};

/** Claims for a token good for `ttlSeconds` from now. */
export const previewClaims = (
  version: { documentId: string; locale: string; status: PreviewStatus },
  now: Date,
  ttlSeconds: number
): PreviewClaims => ({
  ...version,
  expiresAt: Math.floor(now.getTime() / 1000) + ttlSeconds,
});
