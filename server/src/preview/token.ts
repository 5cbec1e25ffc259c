import { createHmac, timingSafeEqual } from 'crypto';

/**
 * The preview token: which version of which post (documentId, locale, draft or published) a
 * site may read, until when, signed with the plugin's secret. The Content Manager's preview
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

const TOKEN_SHAPE = /^[\w-]{1,400}\.[\w-]{43}$/;

/**
 * The key of preview tokens, kept apart from the secret's other uses (form tokens, IP hashes):
 * nothing signed for them is ever a valid preview token.
 */
const previewKey = (secret: string) =>
  createHmac('sha256', secret).update('strapi-plugin-blog:preview-token:v1').digest();

const sign = (secret: string, payload: string) =>
  createHmac('sha256', previewKey(secret)).update(payload).digest('base64url');

export const signPreviewToken = (secret: string, claims: PreviewClaims): string => {
  const payload = Buffer.from(
    JSON.stringify({
      d: claims.documentId,
      l: claims.locale,
      s: claims.status,
      e: claims.expiresAt,
    })
  ).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
};

const isField = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_FIELD_LENGTH;

/** The claims of a signed payload, or null when it is not what `signPreviewToken` writes. */
const readClaims = (payload: string): PreviewClaims | null => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { d, l, s, e } = parsed as Record<string, unknown>;
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
  if (typeof token !== 'string' || token.length > MAX_PREVIEW_TOKEN_LENGTH) {
    return { state: 'malformed' };
  }
  if (!TOKEN_SHAPE.test(token)) return { state: 'malformed' };
  const [payload, signature] = token.split('.');
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { state: 'forged' };
  }
  const claims = readClaims(payload);
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
