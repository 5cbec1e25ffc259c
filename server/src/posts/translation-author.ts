import type { Core, UID } from '@strapi/strapi';

import { POST_UID } from '../../../contracts/plugin';

interface PostWriteContext {
  uid: string;
  action: string;
  params: { documentId?: string; locale?: string; data?: Record<string, unknown> };
}

/**
 * A post's new language starts with the post's author. Strapi's i18n keeps every relation per
 * language, so a French version created in the Content Manager (or with the Document Service)
 * without an author would have none, and its byline, author page and `filters[author]` would
 * miss it. When an update creates a language the document does not have yet and names no
 * author, the author of the document's other versions is given to it; naming one (or null)
 * keeps the editor's choice.
 */
export const createTranslationAuthor =
  (strapi: Core.Strapi) => async (context: PostWriteContext, next: () => Promise<unknown>) => {
    const { documentId, locale, data } = context.params ?? {};
    if (
      context.uid !== POST_UID ||
      context.action !== 'update' ||
      typeof documentId !== 'string' ||
      typeof locale !== 'string' ||
      !data ||
      Object.prototype.hasOwnProperty.call(data, 'author')
    ) {
      return next();
    }
    const rows = strapi.db.query(POST_UID as UID.Schema);
    const versions = (await rows.findMany({
      where: { documentId },
      select: ['locale'],
      populate: { author: { select: ['documentId'] } },
    })) as Array<{ locale: string | null; author?: { documentId: string } | null }>;
    if (versions.length > 0 && !versions.some((version) => version.locale === locale)) {
      const author = versions.find((version) => version.author)?.author;
      if (author) context.params.data = { ...data, author: author.documentId };
    }
    return next();
  };
