import { createHmac, timingSafeEqual } from 'crypto';

/**
 * The edit token: proof that whoever holds it submitted one comment, good until the end of the
 * edit window it was issued for. The submission's answer carries it; the author hands it back to
 * `PATCH /api/blog/comments/:documentId`. Nothing is stored: the token is checked by its
 * signature, with a key derived from the plugin's secret for this use alone, so no form token,
 * preview token or hash made with the secret is ever a valid edit token.
 *
 * Form: `<payload>.<signature>`, both base64url; the payload is JSON `{ c, e }` (the comment's
 * documentId, expiry in epoch seconds).
 */

export interface EditClaims {
  documentId: string;
  /** Epoch seconds after which the token is refused. */
  expiresAt: number;
}

export type EditTokenCheck =
  | { state: 'valid'; claims: EditClaims }
  | { state: 'missing' | 'malformed' | 'forged' | 'expired' };

/** Longer tokens are refused unread: a real one is about 110 characters. */
export const MAX_EDIT_TOKEN_LENGTH = 256;

const MAX_DOCUMENT_ID_LENGTH = 64;

const TOKEN_SHAPE = /^[\w-]{1,200}\.[\w-]{43}$/;

const editKey = (secret: string) =>
  createHmac('sha256', secret).update('strapi-plugin-blog:edit-token:v1').digest();

const sign = (secret: string, payload: string) =>
  createHmac('sha256', editKey(secret)).update(payload).digest('base64url');

export const signEditToken = (secret: string, claims: EditClaims): string => {
  const payload = Buffer.from(
    JSON.stringify({ c: claims.documentId, e: claims.expiresAt })
  ).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
};

const readClaims = (payload: string): EditClaims | null => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { c, e } = parsed as Record<string, unknown>;
  if (typeof c !== 'string' || c.length === 0 || c.length > MAX_DOCUMENT_ID_LENGTH) return null;
  if (typeof e !== 'number' || !Number.isSafeInteger(e)) return null;
  return { documentId: c, expiresAt: e };
};

/**
 * Checks a token's form, signature and expiry, in that order; the signature before anything in
 * the payload is read. Whether it names the comment being edited is the caller's check.
 */
export const verifyEditToken = (secret: string, token: unknown, now: Date): EditTokenCheck => {
  if (token === undefined || token === null || token === '') return { state: 'missing' };
  if (typeof token !== 'string' || token.length > MAX_EDIT_TOKEN_LENGTH) {
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
  if (!claims) return { state: 'forged' };
  if (claims.expiresAt * 1000 <= now.getTime()) return { state: 'expired' };
  return { state: 'valid', claims };
};
