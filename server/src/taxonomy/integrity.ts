import type { Core } from '@strapi/strapi';

import { AUTHOR_UID, CATEGORY_UID, POST_UID, TAG_UID } from '../../../contracts/plugin';
import { checkPostSlugFree } from '../posts/slug-per-locale';
import { checkAbsoluteUrl } from './absolute-url';
import { checkAuthorUserFree, defaultPostAuthor } from './author-link';
import { checkCategoryHierarchy } from './category-hierarchy';
import { checkLocaleExists } from './locale-check';

/** The part of a Document Service middleware context these checks read (and `data` they fill). */
export interface WriteContext {
  uid: string;
  action: string;
  params: {
    documentId?: string;
    locale?: unknown;
    data?: Record<string, unknown>;
  } & Record<string, unknown>;
}

const LOCALIZED = [POST_UID, CATEGORY_UID, TAG_UID];
/** Actions that write one locale of a document. */
const LOCALE_WRITES = ['create', 'update', 'publish', 'unpublish', 'discardDraft', 'delete'];
const SAVES = ['create', 'update'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The model's rules on every write path (Content Manager, REST, import, code): each broken rule
 * is a 400 naming the field, before anything is stored. Bounded: a few indexed reads per write,
 * whatever the number of posts, categories or locales.
 */
export const checkBlogWrite = async (strapi: Core.Strapi, context: WriteContext): Promise<void> => {
  const { uid, action, params } = context;
  if (LOCALIZED.includes(uid) && LOCALE_WRITES.includes(action)) {
    await checkLocaleExists(strapi, params.locale);
  }
  if (!SAVES.includes(action) || !isObject(params.data)) return;
  const write = { documentId: params.documentId, locale: params.locale, data: params.data };

  if (uid === POST_UID) {
    if (isObject(params.data.seo)) {
      checkAbsoluteUrl(params.data.seo.canonicalUrl, ['seo', 'canonicalUrl']);
    }
    await checkPostSlugFree(strapi, write);
    if (action === 'create') {
      const data = { ...params.data };
      await defaultPostAuthor(strapi, data);
      params.data = data;
    }
  } else if (uid === CATEGORY_UID) {
    await checkCategoryHierarchy(strapi, write);
  } else if (uid === AUTHOR_UID) {
    checkAbsoluteUrl(params.data.url, ['url']);
    await checkAuthorUserFree(strapi, write);
  }
};
