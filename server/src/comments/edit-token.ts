import { signedTokens } from '../utils/signed-token';

/**
 * The edit token: proof that whoever holds it submitted one comment, good until the end of the
 * edit window it was issued for. The submission's answer carries it; the author hands it back to
 * `PATCH /api/blog/comments/:documentId`. Nothing is stored: the token is checked by its
 * signature (utils/signed-token.ts, a key of its own). Its payload is JSON `{ c, e }` (the
 * comment's documentId, expiry in epoch seconds).
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

const tokens = signedTokens({
  purpose: 'edit-token',
  maxLength: MAX_EDIT_TOKEN_LENGTH,
  shape: /^[\w-]{1,200}\.[\w-]{43}$/,
});

export const signEditToken = (secret: string, claims: EditClaims): string =>
  tokens.sign(secret, { c: claims.documentId, e: claims.expiresAt });

const readClaims = ({ c, e }: Record<string, unknown>): EditClaims | null => {
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
  const opened = tokens.open(secret, token);
  if (opened.state !== 'signed') return { state: opened.state };
  const claims = readClaims(opened.payload);
  if (!claims) return { state: 'forged' };
  if (claims.expiresAt * 1000 <= now.getTime()) return { state: 'expired' };
  return { state: 'valid', claims };
};
