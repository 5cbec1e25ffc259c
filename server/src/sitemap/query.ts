import { errors } from '@strapi/utils';

import { rejectUnknownQueryKeys } from '../validation/public-query';

import { MAX_SITEMAP_URLS } from './xml';

/** 1 to 50,000 (the most sitemaps an index may list), as digits. */
const PAGE = /^[1-9]\d{0,4}$/;

/**
 * The sitemap page a request asks for (`?page=N`), or null for none; any other key, or a page
 * that is not a whole number from 1 to 50,000, is a 400.
 */
export const parseSitemapPage = (query: Record<string, unknown>): number | null => {
  rejectUnknownQueryKeys(query, ['page']);
  const { page } = query;
  if (page === undefined) return null;
  const number = typeof page === 'string' && PAGE.test(page) ? Number(page) : NaN;
  if (!(number <= MAX_SITEMAP_URLS)) {
    throw new errors.ValidationError(`page must be a whole number from 1 to ${MAX_SITEMAP_URLS}`, {
      source: 'query',
      key: 'page',
      param: 'page',
    });
  }
  return number;
};
