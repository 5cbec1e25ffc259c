import { createHmac } from 'crypto';

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import config from '../../server/src/config';
import { previewStatus } from '../../server/src/preview/handler';
import {
  MAX_PREVIEW_TOKEN_LENGTH,
  previewClaims,
  signPreviewToken,
  verifyPreviewToken,
  type PreviewClaims,
} from '../../server/src/preview/token';
import { previewOrigin, previewUrl } from '../../server/src/preview/url';
import createPreviewService from '../../server/src/services/preview';
import { issueFormToken } from '../../server/src/moderation/form-token';

const SECRET = 'a-test-secret-of-some-length';
const NOW = new Date('2026-12-01T12:00:00Z');
const DRAFT = { documentId: 'abcdefghijklmnopqrstuvwx', locale: 'en', status: 'draft' as const };
const claims = (overrides: Partial<PreviewClaims> = {}) => ({
  ...previewClaims(DRAFT, NOW, 600),
  ...overrides,
});

const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

/** The token with one character of its payload or signature changed. */
const flip = (token: string, index: number) =>
  token.slice(0, index) + (token[index] === 'A' ? 'B' : 'A') + token.slice(index + 1);

describe('the preview token', () => {
  it('reads back what it was signed with, until it expires', () => {
    const token = signPreviewToken(SECRET, claims());
    expect(verifyPreviewToken(SECRET, token, NOW)).toEqual({
      state: 'valid',
      claims: { ...DRAFT, expiresAt: NOW.getTime() / 1000 + 600 },
    });
    expect(verifyPreviewToken(SECRET, token, later(599)).state).toBe('valid');
    expect(verifyPreviewToken(SECRET, token, later(600)).state).toBe('expired');
    expect(verifyPreviewToken(SECRET, token, later(86_400)).state).toBe('expired');
  });

  it('is missing when none is given, malformed when it is not a token', () => {
    for (const none of [undefined, null, '']) {
      expect(verifyPreviewToken(SECRET, none, NOW).state).toBe('missing');
    }
    for (const bad of [
      'x',
      'a.b',
      'a.b.c',
      42,
      ['a', 'b'],
      { token: 'x' },
      `${'a'.repeat(10)}.${'b'.repeat(42)}`,
      `${'a'.repeat(401)}.${'b'.repeat(43)}`,
      'a'.repeat(MAX_PREVIEW_TOKEN_LENGTH + 1),
      `${signPreviewToken(SECRET, claims())} `,
    ]) {
      expect(verifyPreviewToken(SECRET, bad, NOW).state).toBe('malformed');
    }
  });

  it('refuses a token changed anywhere, or signed with another secret', () => {
    const token = signPreviewToken(SECRET, claims());
    const dot = token.indexOf('.');
    for (const index of [0, dot - 1, dot + 1, token.length - 1]) {
      expect(verifyPreviewToken(SECRET, flip(token, index), NOW).state).toBe('forged');
    }
    expect(verifyPreviewToken('another-secret-of-some-length', token, NOW).state).toBe('forged');
    // Another post's payload with this post's signature.
    const other = signPreviewToken(SECRET, claims({ documentId: 'zyxwvutsrqponmlkjihgfedc' }));
    const spliced = `${other.slice(0, other.indexOf('.'))}${token.slice(dot)}`;
    expect(verifyPreviewToken(SECRET, spliced, NOW).state).toBe('forged');
  });

  it('cannot be made from another use of the same secret (a comment form token)', () => {
    const formToken = issueFormToken(SECRET, DRAFT.documentId, NOW);
    expect(['malformed', 'forged']).toContain(verifyPreviewToken(SECRET, formToken, NOW).state);
    // A preview payload signed the way form tokens are (HMAC with the bare secret).
    const token = signPreviewToken(SECRET, claims());
    const payload = token.slice(0, token.indexOf('.'));
    const bare = createHmac('sha256', SECRET).update(payload).digest('base64url');
    expect(verifyPreviewToken(SECRET, `${payload}.${bare}`, NOW).state).toBe('forged');
  });

  it('reads the Content Manager’s status: published, or the draft (also when modified)', () => {
    expect(previewStatus('published')).toBe('published');
    for (const status of ['draft', 'modified', undefined, 'PUBLISHED']) {
      expect(previewStatus(status)).toBe('draft');
    }
  });
});

describe('the site’s preview address', () => {
  const PATTERN = 'https://site.example/{locale}/blog/{slug}?document={documentId}&preview={token}';

  it('fills each placeholder, percent-encoded', () => {
    expect(
      previewUrl(PATTERN, {
        ...DRAFT,
        locale: 'fr-CA',
        slug: 'l’été à Paris',
        token: 'abc_-.def',
      })
    ).toBe(
      'https://site.example/fr-CA/blog/l%E2%80%99%C3%A9t%C3%A9%20%C3%A0%20Paris?document=abcdefghijklmnopqrstuvwx&preview=abc_-.def'
    );
    expect(
      previewUrl('https://s.example/{status}/{other}?t={token}', {
        ...DRAFT,
        slug: 's',
        token: 'a&b',
      })
    ).toBe('https://s.example/draft/{other}?t=a%26b');
  });

  it('names the origin the admin frames', () => {
    expect(previewOrigin(PATTERN)).toBe('https://site.example');
    expect(previewOrigin('http://localhost:3000/{locale}/posts/{slug}?preview={token}')).toBe(
      'http://localhost:3000'
    );
  });
});

describe('the preview option', () => {
  const valid = { ...config.default };
  const withPreview = (preview: Record<string, unknown>) => ({ ...valid, preview });

  it('is off by default and takes a site address with {token}', () => {
    expect(config.default.preview).toEqual({ url: null, tokenTtlSeconds: 600 });
    expect(() =>
      config.validator(
        withPreview({
          url: 'https://site.example/{locale}/blog/{slug}?preview={token}',
          tokenTtlSeconds: 3600,
        })
      )
    ).not.toThrow();
  });

  it.each([
    [
      'no {token}',
      { url: 'https://site.example/blog/{slug}' },
      'preview.url must have {token} in it',
    ],
    ['another scheme', { url: 'ftp://site.example/{token}' }, 'preview.url must be an http(s) URL'],
    [
      'a host to fill in',
      { url: 'https://{locale}.example/{token}' },
      'preview.url must be an http(s) URL',
    ],
    [
      'a long address',
      { url: `https://site.example/${'a'.repeat(1024)}{token}` },
      'at most 1024 characters',
    ],
    ['a token good for no time', { tokenTtlSeconds: 0 }, 'tokenTtlSeconds'],
    ['a token good for a month', { tokenTtlSeconds: 30 * 24 * 60 * 60 }, 'tokenTtlSeconds'],
    ['an unknown option', { secret: 'x' }, 'Unknown option of the blog preview: secret'],
  ])('refuses %s', (_, preview, message) => {
    expect(() => config.validator(withPreview({ ...valid.preview, ...preview }))).toThrow(message);
  });
});

describe('the preview route’s checks, before any read', () => {
  /** A Strapi with the plugin's secret and a posts service that counts its reads. */
  const fakeStrapi = () => {
    const reads: unknown[][] = [];
    const posts = {
      findVersion: async (...args: unknown[]) => {
        reads.push(args);
        return { documentId: DRAFT.documentId, title: 'The draft', publishedAt: null };
      },
    };
    const strapi = {
      config: { get: () => ({ secret: SECRET }) },
      plugin: () => ({ service: () => posts }),
    } as unknown as Core.Strapi;
    return { strapi, reads };
  };

  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (caught: unknown) => caught
    );
    return error instanceof errors.UnauthorizedError
      ? 401
      : error instanceof errors.ForbiddenError
        ? 403
        : error;
  };

  it('reads the version the token names', async () => {
    const { strapi, reads } = fakeStrapi();
    const token = signPreviewToken(SECRET, claims());
    const answer = await createPreviewService({ strapi }).findPost(
      DRAFT.documentId,
      undefined,
      token,
      NOW
    );
    expect(answer.data.title).toBe('The draft');
    expect(answer.meta.preview).toEqual({ status: 'draft', expiresAt: '2026-12-01T12:10:00.000Z' });
    expect(reads).toEqual([[DRAFT.documentId, 'en', 'draft']]);
  });

  it.each([
    ['no token', DRAFT.documentId, undefined, undefined, 401],
    ['a malformed token', DRAFT.documentId, undefined, 'not-a-token', 401],
    [
      'a forged token',
      DRAFT.documentId,
      undefined,
      flip(signPreviewToken(SECRET, claims()), 3),
      401,
    ],
    [
      'an expired token',
      DRAFT.documentId,
      undefined,
      signPreviewToken(SECRET, claims({ expiresAt: 5 })),
      401,
    ],
    [
      'another post',
      'zyxwvutsrqponmlkjihgfedc',
      undefined,
      signPreviewToken(SECRET, claims()),
      403,
    ],
    ['another locale', DRAFT.documentId, 'fr', signPreviewToken(SECRET, claims()), 403],
    [
      'a locale that is not a string',
      DRAFT.documentId,
      ['en'],
      signPreviewToken(SECRET, claims()),
      403,
    ],
    ['a documentId of another shape', 'a/b', undefined, signPreviewToken(SECRET, claims()), 403],
  ])('refuses %s before reading anything', async (_, documentId, locale, token, status) => {
    const { strapi, reads } = fakeStrapi();
    const found = createPreviewService({ strapi }).findPost(documentId, locale, token, NOW);
    expect(await refusal(found)).toBe(status);
    expect(reads).toEqual([]);
  });
});
