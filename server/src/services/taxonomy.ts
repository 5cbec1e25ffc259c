import type { Core, UID } from '@strapi/strapi';

import type { Pagination } from '../../../contracts/common';
import type { Author, Category, Tag } from '../../../contracts/taxonomy';
import { AUTHOR_UID, CATEGORY_UID, TAG_UID } from '../constants';
import createTaxonomyCountsRepository from '../repositories/taxonomy-counts';
import { getPageLimits } from '../utils/plugin-config';
import {
  toAuthorRef,
  toCategoryRef,
  toTagRef,
  type AuthorRow,
  type CategoryRow,
  type TagRow,
} from '../utils/serialize';
import { MEDIA_SELECT } from '../utils/serialize-media';
import { hasNul } from '../validation/json-input';
import {
  paginationMeta,
  parsePagination,
  rejectUnknownQueryKeys,
} from '../validation/public-query';

import { getService } from '../utils/get-service';

type Row<T> = T & { id: number };

const isPossibleSlug = (slug: unknown): slug is string =>
  typeof slug === 'string' && slug.length > 0 && slug.length <= 255 && !hasNul(slug);

/** An author's public columns: never the linked admin user or the import key. */
const AUTHOR_SELECT = ['id', 'documentId', 'name', 'slug', 'url', 'bio'];
const AUTHOR_POPULATE = { avatar: { select: MEDIA_SELECT } };

const toAuthor = (row: AuthorRow & { bio?: string | null }, postCount: number): Author => ({
  ...(toAuthorRef(row) as NonNullable<ReturnType<typeof toAuthorRef>>),
  bio: row.bio ?? null,
  postCount,
});

/**
 * Categories, tags and authors for public routes: each list is one page, in name order, with
 * its published posts counted in one grouped statement. Only the listed columns are read.
 */
const createTaxonomyService = ({ strapi }: { strapi: Core.Strapi }) => {
  const counts = createTaxonomyCountsRepository({ strapi });
  const locales = () => getService('posts', { strapi }).locales;

  /** A page of a localized list (categories or tags) in the request's locale. */
  const localizedPage = async <T>(
    uid: string,
    query: Record<string, unknown>,
    select: string[],
    populate: Record<string, unknown>
  ) => {
    rejectUnknownQueryKeys(query, ['locale', 'pagination', 'start', 'limit']);
    const page = parsePagination(query, getPageLimits(strapi));
    const locale = await locales().resolve(query.locale);
    const rows = strapi.db.query(uid as UID.Schema);
    const where = { locale };
    const [found, total] = await Promise.all([
      rows.findMany({
        where,
        select,
        populate,
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        offset: page.start,
        limit: page.limit,
      }) as Promise<Array<Row<T>>>,
      rows.count({ where }),
    ]);
    return { found, locale, pagination: paginationMeta(page, total) };
  };

  return {
    async categories(
      query: Record<string, unknown>
    ): Promise<{ data: Category[]; pagination: Pagination }> {
      const { found, locale, pagination } = await localizedPage<
        CategoryRow & { description?: string | null }
      >(CATEGORY_UID, query, ['id', 'documentId', 'name', 'slug', 'locale', 'description'], {
        parent: { select: ['documentId', 'name', 'slug'] },
      });
      const postCounts = await counts.publishedPosts(
        'categories',
        found.map((row) => row.id),
        locale
      );
      return {
        data: found.map((row) => ({
          ...toCategoryRef(row, locale),
          description: row.description ?? null,
          postCount: postCounts.get(Number(row.id)) ?? 0,
        })),
        pagination,
      };
    },

    async tags(query: Record<string, unknown>): Promise<{ data: Tag[]; pagination: Pagination }> {
      const { found, locale, pagination } = await localizedPage<TagRow>(
        TAG_UID,
        query,
        ['id', 'documentId', 'name', 'slug', 'locale'],
        {}
      );
      const postCounts = await counts.publishedPosts(
        'tags',
        found.map((row) => row.id),
        locale
      );
      return {
        data: found.map((row) => ({
          ...toTagRef(row, locale),
          postCount: postCounts.get(Number(row.id)) ?? 0,
        })),
        pagination,
      };
    },

    /** A page of authors in name order, each with their published posts in a locale. */
    async authors(
      query: Record<string, unknown>
    ): Promise<{ data: Author[]; pagination: Pagination }> {
      rejectUnknownQueryKeys(query, ['locale', 'pagination', 'start', 'limit']);
      const page = parsePagination(query, getPageLimits(strapi));
      const locale = await locales().resolve(query.locale);
      const rows = strapi.db.query(AUTHOR_UID as UID.Schema);
      const [found, total] = await Promise.all([
        rows.findMany({
          select: AUTHOR_SELECT,
          populate: AUTHOR_POPULATE,
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
          offset: page.start,
          limit: page.limit,
        }) as Promise<Array<Row<AuthorRow & { bio?: string | null }>>>,
        rows.count({}),
      ]);
      const postCounts = await counts.publishedPosts(
        'author',
        found.map((row) => row.id),
        locale
      );
      return {
        data: found.map((row) => toAuthor(row, postCounts.get(Number(row.id)) ?? 0)),
        pagination: paginationMeta(page, total),
      };
    },

    /** An author's public page by slug, with the count of their published posts in a locale. */
    async author(slug: string, query: Record<string, unknown>): Promise<Author | null> {
      rejectUnknownQueryKeys(query, ['locale']);
      const locale = await locales().resolve(query.locale);
      if (!isPossibleSlug(slug)) return null;
      const row = (await strapi.db.query(AUTHOR_UID as UID.Schema).findOne({
        where: { slug },
        select: AUTHOR_SELECT,
        populate: AUTHOR_POPULATE,
      })) as Row<AuthorRow & { bio?: string | null }> | null;
      if (!row) return null;
      const postCounts = await counts.publishedPosts('author', [row.id], locale);
      return toAuthor(row, postCounts.get(Number(row.id)) ?? 0);
    },
  };
};

export type TaxonomyService = ReturnType<typeof createTaxonomyService>;
export default createTaxonomyService;
