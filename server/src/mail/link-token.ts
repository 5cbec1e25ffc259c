import { randomBytes } from 'crypto';

import { signedTokens } from '../utils/signed-token';

/**
 * The signed links of the plugin's mail: a reader's confirm and unsubscribe links, and a
 * moderator's approve / spam / reject links. Form: `<payload>.<signature>`, both base64url; the
 * payload is JSON with `p` (what the link is for) and the claims of that purpose. The key is
 * derived from the plugin's secret for this use alone (utils/signed-token.ts): nothing signed for
 * a form token, an IP hash or a preview is ever a valid mail link, nor the reverse.
 *
 * No link names an email address: a reader's links carry the keyed hash the subscriptions are
 * found by (`emailKey`), a moderator's the admin user's id.
 */

export const MODERATION_ACTIONS = ['approve', 'spam', 'reject'] as const;
export type ModerationLinkAction = (typeof MODERATION_ACTIONS)[number];

export type LinkClaims =
  /** Confirms a reader's subscriptions on one post (double opt-in); expires. */
  | { p: 'confirm'; e: string; d: string; x: number }
  /** Ends one subscription (one post, one kind); good for as long as the subscription lasts. */
  | { p: 'unsubscribe'; e: string; d: string; k: string }
  /** Ends every subscription of an address. */
  | { p: 'unsubscribe-all'; e: string }
  /** One moderator's one action on one held comment; expires, used once (`n`). */
  | { p: 'moderate'; c: string; a: ModerationLinkAction; u: number; n: string; x: number };

export type LinkCheck<T> =
  { state: 'valid'; claims: T } | { state: 'malformed' | 'forged' | 'expired' };

/** Longer tokens are refused unread: the longest real one is about 250 characters. */
export const MAX_LINK_TOKEN_LENGTH = 600;

const MAX_FIELD = 128;

const tokens = signedTokens({
  purpose: 'mail-link',
  maxLength: MAX_LINK_TOKEN_LENGTH,
  shape: /^[\w-]{1,540}\.[\w-]{43}$/,
});

export const signLink = (secret: string, claims: LinkClaims): string => tokens.sign(secret, claims);

/** A fresh nonce for a moderation link: what makes it single-use. */
export const linkNonce = () => randomBytes(12).toString('base64url');

const isField = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_FIELD;

const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);

/** The claims of a signed payload, or null when it is not one that `signLink` writes. */
const readClaims = (c: Record<string, unknown>): LinkClaims | null => {
  switch (c.p) {
    case 'confirm':
      return isField(c.e) && isField(c.d) && isTime(c.x)
        ? { p: 'confirm', e: c.e, d: c.d, x: c.x }
        : null;
    case 'unsubscribe':
      return isField(c.e) && isField(c.d) && isField(c.k)
        ? { p: 'unsubscribe', e: c.e, d: c.d, k: c.k }
        : null;
    case 'unsubscribe-all':
      return isField(c.e) ? { p: 'unsubscribe-all', e: c.e } : null;
    case 'moderate':
      return isField(c.c) &&
        MODERATION_ACTIONS.includes(c.a as ModerationLinkAction) &&
        isTime(c.u) &&
        isField(c.n) &&
        isTime(c.x)
        ? { p: 'moderate', c: c.c, a: c.a as ModerationLinkAction, u: c.u, n: c.n, x: c.x }
        : null;
    default:
      return null;
  }
};

/**
 * Checks a token's form, signature, purpose and expiry, in that order: the signature before
 * anything in the payload is read. A token of another purpose is `malformed`.
 */
export const verifyLink = <P extends LinkClaims['p']>(
  secret: string,
  token: unknown,
  purpose: P,
  now: Date
): LinkCheck<Extract<LinkClaims, { p: P }>> => {
  const opened = tokens.open(secret, token);
  if (opened.state !== 'signed') return { state: opened.state };
  const claims = readClaims(opened.payload);
  if (!claims) return { state: 'forged' };
  if (claims.p !== purpose) return { state: 'malformed' };
  if ('x' in claims && claims.x * 1000 <= now.getTime()) return { state: 'expired' };
  return { state: 'valid', claims: claims as Extract<LinkClaims, { p: P }> };
};

/** Epoch seconds `hours` from now. */
export const expiryIn = (now: Date, hours: number) =>
  Math.floor(now.getTime() / 1000) + Math.round(hours * 3600);
