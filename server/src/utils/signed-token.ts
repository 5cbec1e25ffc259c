import { createHmac, timingSafeEqual } from 'crypto';

/**
 * The plugin's signed tokens (the preview token, a reader's edit token, the mail links): form
 * `<payload>.<signature>`, both base64url, the payload JSON, the signature an HMAC-SHA-256 under
 * a key derived from the plugin's secret for one purpose alone, so that nothing signed for one
 * use (or a form token, or an IP hash) is ever valid for another. Each use reads its own claims
 * from the payload; this checks the form and the signature, the signature before anything in the
 * payload is read.
 */
export interface SignedTokenKind {
  /** Names the key: `strapi-plugin-blog:<purpose>:v1`. */
  purpose: string;
  /** Longer tokens are refused unread. */
  maxLength: number;
  /** The token's form: a bounded payload, a dot, a 43-character signature. */
  shape: RegExp;
}

export type OpenedToken =
  { state: 'signed'; payload: Record<string, unknown> } | { state: 'malformed' | 'forged' };

export const signedTokens = ({ purpose, maxLength, shape }: SignedTokenKind) => {
  const key = (secret: string) =>
    createHmac('sha256', secret).update(`strapi-plugin-blog:${purpose}:v1`).digest();
  const signature = (secret: string, payload: string) =>
    createHmac('sha256', key(secret)).update(payload).digest('base64url');

  return {
    sign(secret: string, body: object): string {
      const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
      return `${payload}.${signature(secret, payload)}`;
    },

    /**
     * The payload of a token signed for this purpose: `malformed` when it is not a string of the
     * form, `forged` when the signature does not match or the signed payload is not a JSON object
     * (only a leaked secret makes one).
     */
    open(secret: string, token: unknown): OpenedToken {
      if (typeof token !== 'string' || token.length > maxLength || !shape.test(token)) {
        return { state: 'malformed' };
      }
      const [payload, given] = token.split('.');
      const expected = Buffer.from(signature(secret, payload));
      const actual = Buffer.from(given);
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
        return { state: 'forged' };
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        return { state: 'forged' };
      }
      if (typeof parsed !== 'object' || parsed === null) return { state: 'forged' };
      return { state: 'signed', payload: parsed as Record<string, unknown> };
    },
  };
};
