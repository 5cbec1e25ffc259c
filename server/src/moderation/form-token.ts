import { createHmac, timingSafeEqual } from 'crypto';

/**
 * The comment form's token: which post's form was served and when, signed with a server secret.
 * A site fetches it with the form and sends it back with the comment; the rules then know how
 * long the reader took, and a bot that never fetched a form has no valid token.
 */

export type FormTokenState =
  | { state: 'missing' | 'invalid'; ageSeconds: null }
  | { state: 'expired' | 'valid'; ageSeconds: number };

const sign = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(payload).digest('base64url');

export const issueFormToken = (secret: string, postDocumentId: string, now: Date): string => {
  const payload = `${postDocumentId}.${now.getTime().toString(36)}`;
  return `${payload}.${sign(secret, payload)}`;
};

export const readFormToken = (
  secret: string,
  token: unknown,
  postDocumentId: string,
  now: Date,
  ttlSeconds: number
): FormTokenState => {
  if (token === undefined || token === null || token === '') {
    return { state: 'missing', ageSeconds: null };
  }
  if (typeof token !== 'string' || token.length > 200)
    return { state: 'invalid', ageSeconds: null };
  const parts = token.split('.');
  if (parts.length !== 3) return { state: 'invalid', ageSeconds: null };
  const [documentId, issued, signature] = parts;
  const expected = Buffer.from(sign(secret, `${documentId}.${issued}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { state: 'invalid', ageSeconds: null };
  }
  if (documentId !== postDocumentId) return { state: 'invalid', ageSeconds: null };
  const issuedAt = parseInt(issued, 36);
  if (!Number.isFinite(issuedAt) || issuedAt > now.getTime() + 60_000) {
    return { state: 'invalid', ageSeconds: null };
  }
  const ageSeconds = Math.max(0, (now.getTime() - issuedAt) / 1000);
  return { state: ageSeconds > ttlSeconds ? 'expired' : 'valid', ageSeconds };
};
