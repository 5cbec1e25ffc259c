import type { Core, UID } from '@strapi/strapi';

import type { Pagination } from '../../../contracts/common';
import type { Author, Category, Tag } from '../../../contracts/taxonomy';
import { AUTHOR_UID, CATEGORY_UID, TAG_UID } from '../../../contracts/plugin';
import createTaxonomyCountsRepository, {
  type CountedRelation,
} from '../repositories/taxonomy-counts';
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
import { isPossibleSlug } from '../validation/slug';
import {
  paginationMeta,
  parsePagination,
  rejectUnknownQueryKeys,
} from '../validation/public-query';

import { getService } from '../utils/get-service';

type Row<T> = T & { id: number };

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

  /**
   * A page of categories, tags or authors in name order, and the published posts (in the
   * request's locale) of each: the page, its total and one grouped count. Categories and tags are
   * listed in that locale; authors are not localized.
   */
  const namedPage = async <T>(
    uid: string,
    relation: CountedRelation,
    query: Record<string, unknown>,
    { select, populate, localized }: { select: string[]; populate: object; localized: boolean }
  ) => {
    rejectUnknownQueryKeys(query, ['locale', 'pagination', 'start', 'limit']);
    const page = parsePagination(query, getPageLimits(strapi));
    const locale = await locales().resolve(query.locale);
    const rows = strapi.db.query(uid as UID.Schema);
    const where = localized ? { locale } : {};
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
    const postCounts = await counts.publishedPosts(
      relation,
      found.map((row) => row.id),
      locale
    );
    const postCount = (row: Row<T>) => postCounts.get(Number(row.id)) ?? 0;
    return { found, locale, postCount, pagination: paginationMeta(page, total) };
  };

  return {
    async categories(
      query: Record<string, unknown>
    ): Promise<{ data: Category[]; pagination: Pagination }> {
      const { found, locale, postCount, pagination } = await namedPage<
        CategoryRow & { description?: string | null }
      >(CATEGORY_UID, 'categories', query, {
        select: ['id', 'documentId', 'name', 'slug', 'locale', 'description'],
        populate: { parent: { select: ['documentId', 'name', 'slug'] } },
        localized: true,
      });
      return {
        data: found.map((row) => ({
          ...toCategoryRef(row, locale),
          description: row.description ?? null,
          postCount: postCount(row),
        })),
        pagination,
      };
    },

    async tags(query: Record<string, unknown>): Promise<{ data: Tag[]; pagination: Pagination }> {
      const { found, locale, postCount, pagination } = await namedPage<TagRow>(
        TAG_UID,
        'tags',
        query,
        { select: ['id', 'documentId', 'name', 'slug', 'locale'], populate: {}, localized: true }
      );
      return {
        data: found.map((row) => ({ ...toTagRef(row, locale), postCount: postCount(row) })),
        pagination,
      };
    },

    /** A page of authors in name order, each with their published posts in a locale. */
    async authors(
      query: Record<string, unknown>
    ): Promise<{ data: Author[]; pagination: Pagination }> {
      const { found, postCount, pagination } = await namedPage<AuthorRow & { bio?: string | null }>(
        AUTHOR_UID,
        'author',
        query,
        {
          select: AUTHOR_SELECT,
          populate: AUTHOR_POPULATE,
          localized: false,
        }
      );
      return { data: found.map((row) => toAuthor(row, postCount(row))), pagination };
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
