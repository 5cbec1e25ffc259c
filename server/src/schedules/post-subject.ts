import type { Core, UID } from '@strapi/strapi';

import { POST_UID } from '../../../contracts/plugin';
import type { PostSubject } from '../db/publish-permission';

/**
 * A post's draft in one locale (every post has one, published or not), with what the Content
 * Manager's permission conditions read: its locale and its creator. Null when the post has no
 * such locale, or no longer exists. One indexed read.
 */
export const findPostSubject = async (
  strapi: Core.Strapi,
  documentId: string,
  locale: string
): Promise<PostSubject | null> =>
  (await strapi.db.query(POST_UID as UID.Schema).findOne({
    where: { documentId, locale, publishedAt: null },
    select: ['id', 'documentId', 'locale'],
    populate: { createdBy: { select: ['id'] } },
  })) as PostSubject | null;
