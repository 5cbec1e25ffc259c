import type { Core, UID } from '@strapi/strapi';

import { toIsoDate } from '../../../contracts/dates';
import {
  POST_PUBLIC_FILTER_FIELDS,
  POST_PUBLIC_SORT_FIELDS,
  type Post,
} from '../../../contracts/posts';
import type { Pagination } from '../../../contracts/common';
import {
  AUTHOR_UID,
  CATEGORY_UID,
  LESSON_COMPONENT_UID,
  POST_UID,
  TAG_UID,
} from '../../../contracts/plugin';
import { readPostExtras } from '../db/post-extras';
import { readPostRelations } from '../db/post-relations';
import { readPublishedPostRow } from '../db/post-rows';
import { readPostTaxonomy } from '../db/post-taxonomy';
import { withReads, type SelectRows } from '../db/prepared-reads';
import createLocales from '../i18n/locales';
import { getPageLimits, getPluginConfig } from '../utils/plugin-config';
import { toPublicPost, type PostRow } from '../utils/serialize';
import { createReadingTimes } from '../utils/serialize-reading-time';
import { filterTreeOf, parseFilters, type FilterTree } from '../validation/filters';
import { isPossibleSlug } from '../validation/slug';
import {
  paginationMeta,
  parsePagination,
  parseSort,
  rejectUnknownQueryKeys,
} from '../validation/public-query';

const DEFAULT_SORT = [{ originalDate: 'desc' as const }, { publishedAt: 'desc' as const }];

/** The columns a public post shows (`id` only to find its relations, lessons and count). */
const PUBLIC_SELECT = ['id', 'locale', 'body', ...POST_PUBLIC_FILTER_FIELDS];
const PUBLISHED = { publishedAt: { $notNull: true } };

/** The fields of a category, tag or author a public list may filter posts on. */
const RELATION_FILTER_FIELDS = ['slug', 'name'];

/** What a comments feed needs of its post. */
export type PostHead = Pick<PostRow, 'documentId' | 'title' | 'slug' | 'updatedAt' | 'publishedAt'>;

/** The auth of the request, for Strapi's content-API validation and sanitization. */
export type RequestAuth = unknown;

const createPostsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const uid = POST_UID as UID.ContentType;
  // Public reads go to the query engine: a published post is one row, so the Document
  // Service's draft/publish and locale handling (and its transaction per call) buy nothing here.
  const rows = () => strapi.db.query(uid);
  const locales = createLocales({ strapi });
  const readingTimes = createReadingTimes();

  /** The public filters, typed from the post's and the lesson's schemas (built once). */
  let filterTree: FilterTree | null = null;
  const publicFilterTree = (): FilterTree => {
    filterTree ??= filterTreeOf(strapi.getModel(uid).attributes, POST_PUBLIC_FILTER_FIELDS, {
      lessons: filterTreeOf(strapi.getModel(LESSON_COMPONENT_UID as UID.Component).attributes, [
        'text',
      ]),
      categories: filterTreeOf(
        strapi.getModel(CATEGORY_UID as UID.ContentType).attributes,
        RELATION_FILTER_FIELDS
      ),
      tags: filterTreeOf(
        strapi.getModel(TAG_UID as UID.ContentType).attributes,
        RELATION_FILTER_FIELDS
      ),
      author: filterTreeOf(
        strapi.getModel(AUTHOR_UID as UID.ContentType).attributes,
        RELATION_FILTER_FIELDS
      ),
    });
    return filterTree;
  };

  /**
   * The public posts of these rows, each relation named column by column (never an author's
   * admin user, an import key or who uploaded a file), read for the whole page at once in three
   * statements that do not grow with the number of posts, tags or locales: cover, author with
   * its avatar and SEO with its image (db/post-relations.ts), categories with their parents and
   * tags (db/post-taxonomy.ts), lessons, comment counts and other languages (db/post-extras.ts).
   * `read`: the borrow the caller holds (db/prepared-reads.ts `withReads`), or one of its own.
   */
  const toPublic = async (
    found: Array<PostRow & { id: number }>,
    locale: string,
    read?: SelectRows
  ): Promise<Post[]> => {
    if (!read) return withReads(strapi, (select) => toPublic(found, locale, select));
    const ids = found.map((row) => Number(row.id));
    const [relations, taxonomy, extras] = await Promise.all([
      readPostRelations(strapi, ids, read),
      readPostTaxonomy(strapi, ids, read),
      readPostExtras(strapi, found, locale, read),
    ]);
    return found.map((row) => {
      const id = Number(row.id);
      const lessons = extras.lessons.get(id) ?? [];
      return toPublicPost(
        {
          ...row,
          cover: relations.covers.get(id) ?? null,
          author: relations.authors.get(id) ?? null,
          seo: relations.seos.get(id) ?? null,
          categories: taxonomy.categories.get(id) ?? [],
          tags: taxonomy.tags.get(id) ?? [],
          lessons,
        },
        extras.counts.get(row.documentId) ?? 0,
        extras.localizations.get(row.documentId) ?? [],
        locale,
        // A published row's reading time is kept (a draft's, read for a preview, is counted).
        row.publishedAt
          ? readingTimes(`${id}:${toIsoDate(row.updatedAt)}`, row.body, lessons)
          : undefined
      );
    });
  };

  /** The documentId of the published post with this slug in this locale, or null. */
  const findPublishedDocumentId = async (slug: string, locale: string): Promise<string | null> => {
    if (!isPossibleSlug(slug)) return null;
    const published = await readPublishedPostRow<{ documentId: string }>(
      strapi,
      ['documentId'],
      slug,
      locale
    );
    return published?.documentId ?? null;
  };

  return {
    /** Published posts for a public list, with the request's filters, sort and pagination. */
    async findPublished(
      query: Record<string, unknown>,
      auth: RequestAuth
    ): Promise<{ data: Post[]; pagination: Pagination }> {
      // Everything is checked, and the query's cost bounded, before any SQL.
      rejectUnknownQueryKeys(query, ['filters', 'sort', 'pagination', 'start', 'limit', 'locale']);
      const checked = parseFilters(
        query.filters,
        publicFilterTree(),
        getPluginConfig(strapi).limits.query
      );
      const sort = parseSort(query.sort, POST_PUBLIC_SORT_FIELDS);
      const page = parsePagination(query, getPageLimits(strapi));
      const locale = await locales.resolve(query.locale);

      const params = { filters: checked, sort: sort.length ? sort : DEFAULT_SORT };
      // Strapi's content-API checks judge the filters by the request's auth (a relation the role
      // may not read is refused or dropped). The sort is one of the post's own public fields,
      // which they always let through: a list without filters has nothing for them to judge.
      let filters: Record<string, unknown> | undefined;
      if (checked) {
        const schema = strapi.getModel(uid);
        const options = { auth } as Parameters<typeof strapi.contentAPI.validate.query>[2];
        await strapi.contentAPI.validate.query(params, schema, options);
        ({ filters } = (await strapi.contentAPI.sanitize.query(params, schema, options)) as {
          filters?: Record<string, unknown>;
        });
      }

      const inLocale = { ...PUBLISHED, locale };
      const where = filters ? { $and: [inLocale, filters] } : inLocale;
      const [found, total] = await Promise.all([
        rows().findMany({
          where,
          select: PUBLIC_SELECT,
          orderBy: params.sort,
          offset: page.start,
          limit: page.limit,
        }) as Promise<Array<PostRow & { id: number }>>,
        rows().count({ where }),
      ]);

      return {
        data: await toPublic(found, locale),
        pagination: paginationMeta(page, total),
      };
    },

    /** One published post by slug in a locale (the default one when none is named), or null. */
    async findPublishedBySlug(slug: string, requested?: unknown): Promise<Post | null> {
      // A locale the request names is checked first (through the query engine); the default
      // one is read with the post, on one borrow of the connection for every statement.
      const named = requested === undefined ? null : await locales.resolve(requested);
      if (!isPossibleSlug(slug)) return null;
      return withReads(strapi, async (select) => {
        const locale = named ?? (await locales.defaultLocale(select));
        const row = await readPublishedPostRow<PostRow & { id: number }>(
          strapi,
          PUBLIC_SELECT,
          slug,
          locale,
          select
        );
        if (!row) return null;
        const [post] = await toPublic([row], locale, select);
        return post;
      });
    },

    /**
     * One version of a post, its draft or its published one, in a locale, shaped as a public post
     * (a draft's `publishedAt` is null), for a preview; or null.
     */
    async findVersion(
      documentId: string,
      locale: string,
      status: 'draft' | 'published'
    ): Promise<Post | null> {
      const row = (await rows().findOne({
        where: {
          documentId,
          locale,
          publishedAt: status === 'draft' ? { $null: true } : { $notNull: true },
        },
        select: PUBLIC_SELECT,
      })) as (PostRow & { id: number }) | null;
      if (!row) return null;
      const [post] = await toPublic([row], locale);
      return post;
    },

    /**
     * The newest published posts in the list's order, for the feed: no filters and no total,
     * and never more than a public list answers (`knownDefault`: the default locale, when the
     * caller read it already).
     */
    async findLatest(size: number, requested?: unknown, knownDefault?: string): Promise<Post[]> {
      const locale = await locales.resolve(requested, knownDefault);
      const found = (await rows().findMany({
        where: { ...PUBLISHED, locale },
        select: PUBLIC_SELECT,
        orderBy: DEFAULT_SORT,
        limit: Math.min(size, getPageLimits(strapi).maxLimit),
      })) as Array<PostRow & { id: number }>;
      return toPublic(found, locale);
    },

    /** A published post's own fields by slug in a locale, without lessons or count; or null. */
    async findPublishedHead(slug: string, locale: string): Promise<PostHead | null> {
      if (!isPossibleSlug(slug)) return null;
      return readPublishedPostRow<PostHead>(
        strapi,
        ['documentId', 'title', 'slug', 'updatedAt', 'publishedAt'],
        slug,
        locale
      );
    },

    findPublishedDocumentId,
    locales,
  };
};

export type PostsService = ReturnType<typeof createPostsService>;
export default createPostsService;
