import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import type { FindPreviewPost } from '../../../contracts/preview';
import { PreviewForbiddenError, PreviewTokenError } from '../preview/errors';
import { verifyPreviewToken } from '../preview/token';
import { getSecret } from '../utils/secret';
import { getService } from '../utils/get-service';

/** A documentId as Strapi makes them (24 characters), with room to spare; never read past it. */
const DOCUMENT_ID = /^[a-z\d]{1,64}$/i;

const REFUSALS = {
  missing: 'A preview token is required',
  malformed: 'The preview token is not valid',
  forged: 'The preview token is not valid',
  expired: 'The preview token has expired',
} as const;

/**
 * The preview of a post version for a site: the token is checked (form, signature, expiry, then
 * that it names this post and locale) before anything is read, so a refused request costs no
 * SQL; a good one reads the version the token names, shaped as a public post.
 */
const createPreviewService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async findPost(
    documentId: string,
    locale: unknown,
    token: unknown,
    now = new Date()
  ): Promise<FindPreviewPost.Response> {
    const check = verifyPreviewToken(getSecret(strapi), token, now);
    if (check.state !== 'valid') {
      throw new PreviewTokenError(REFUSALS[check.state], { reason: check.state });
    }
    const { claims } = check;
    if (!DOCUMENT_ID.test(documentId) || documentId !== claims.documentId) {
      throw new PreviewForbiddenError('This preview token is for another post', {
        reason: 'other-post',
      });
    }
    if (locale !== undefined && locale !== claims.locale) {
      throw new PreviewForbiddenError('This preview token is for another language', {
        reason: 'other-locale',
      });
    }
    const post = await getService('posts', { strapi }).findVersion(
      claims.documentId,
      claims.locale,
      claims.status
    );
    if (!post) throw new errors.NotFoundError('Post not found');
    return {
      data: post,
      meta: {
        preview: {
          status: claims.status,
          expiresAt: new Date(claims.expiresAt * 1000).toISOString(),
        },
      },
    };
  },
});

export type PreviewService = ReturnType<typeof createPreviewService>;
export default createPreviewService;
