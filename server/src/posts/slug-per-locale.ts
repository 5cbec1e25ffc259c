import type { Core, UID } from '@strapi/strapi';

import { POST_UID } from '../../../contracts/plugin';
import { fieldError } from '../taxonomy/field-error';

interface PostWrite {
  documentId?: string;
  locale?: unknown;
  data?: Record<string, unknown>;
}

/**
 * A post's slug is its address in its language, so no two posts share one in a locale. Strapi
 * checks uniqueness per locale only when a post is published (and for types without drafts);
 * this refuses the draft too, on create and update, so an editor learns it while writing rather
 * than at publishing. One read on the (slug, locale, published_at) index.
 */
export const checkPostSlugFree = async (
  strapi: Core.Strapi,
  { documentId, locale, data }: PostWrite
): Promise<void> => {
  const slug = data?.slug;
  if (typeof slug !== 'string' || slug === '') return;
  const code =
    typeof locale === 'string' && locale !== '*'
      ? locale
      : ((await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string);
  const taken = await strapi.db.query(POST_UID as UID.ContentType).findOne({
    where: {
      slug,
      locale: code,
      ...(documentId ? { documentId: { $ne: documentId } } : {}),
    },
    select: ['id'],
  });
  if (taken) {
    throw fieldError(['slug'], `Another post already uses this slug in locale "${code}"`);
  }
};
