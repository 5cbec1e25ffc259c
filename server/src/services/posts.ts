import type { Core, UID } from '@strapi/strapi';

import {
  POST_PUBLIC_FILTER_FIELDS,
  POST_PUBLIC_SORT_FIELDS,
  type Post,
} from '../../../contracts/posts';
import type { Pagination } from '../../../contracts/common';
import { LESSON_COMPONENT_UID, POST_UID } from '../constants';
import createCommentCountsRepository from '../repositories/comment-counts';
import createLessonsRepository from '../repositories/lessons';
import { getPageLimits, getPluginConfig } from '../utils/plugin-config';
import { toPublicPost, type PostRow } from '../utils/serialize';
import { filterTreeOf, parseFilters, type FilterTree } from '../validation/filters';
import { hasNul } from '../validation/json-input';
import {
  paginationMeta,
  parsePagination,
  parseSort,
  rejectUnknownQueryKeys,
} from '../validation/public-query';

const DEFAULT_SORT = [{ originalDate: 'desc' as const }, { publishedAt: 'desc' as const }];

/** The columns a public post shows (`id` only to find its lessons). */
const PUBLIC_SELECT = [
  'id',
  'documentId',
  'title',
  'slug',
  'excerpt',
  'body',
  'originalDate',
  'authorName',
  'lessonsHeading',
  'commentsEnabled',
  'createdAt',
  'updatedAt',
  'publishedAt',
];
const PUBLISHED = { publishedAt: { $notNull: true } };

/**
 * Whether a slug could name a post at all: text within a uid's length and without NUL (which
 * PostgreSQL refuses in a query). Any other is answered "not found" without asking the database.
 */
const isPossibleSlug = (slug: unknown): slug is string =>
  typeof slug === 'string' && slug.length > 0 && slug.length <= 255 && !hasNul(slug);

/** What a comments feed needs of its post. */
export type PostHead = Pick<PostRow, 'documentId' | 'title' | 'slug' | 'updatedAt' | 'publishedAt'>;

/** The auth of the request, for Strapi's content-API validation and sanitization. */
export type RequestAuth = unknown;

const createPostsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const uid = POST_UID as UID.ContentType;
  // Public reads go to the query engine: a published post is one row, so the Document
  // Service's draft/publish and locale handling (and its transaction per call) buy nothing here.
  const rows = () => strapi.db.query(uid);
  const commentCounts = createCommentCountsRepository({ strapi });
  const lessons = createLessonsRepository({ strapi });

  /** The public filters, typed from the post's and the lesson's schemas (built once). */
  let filterTree: FilterTree | null = null;
  const publicFilterTree = (): FilterTree => {
    filterTree ??= filterTreeOf(strapi.getModel(uid).attributes, POST_PUBLIC_FILTER_FIELDS, {
      lessons: filterTreeOf(strapi.getModel(LESSON_COMPONENT_UID as UID.Component).attributes, [
        'text',
      ]),
    });
    return filterTree;
  };

  /** The public posts of these rows: their lessons and comment counts, two statements in all. */
  const toPublic = async (found: Array<PostRow & { id: number }>): Promise<Post[]> => {
    const [lessonsByRow, counts] = await Promise.all([
      lessons.ofPosts(found.map((row) => row.id)),
      commentCounts.ofPosts(found.map((row) => row.documentId)),
    ]);
    return found.map((row) =>
      toPublicPost(
        { ...row, lessons: lessonsByRow.get(Number(row.id)) ?? [] },
        counts.get(row.documentId) ?? 0
      )
    );
  };

  /** The documentId of the published post with this slug, or null. */
  const findPublishedDocumentId = async (slug: string): Promise<string | null> => {
    if (!isPossibleSlug(slug)) return null;
    const published = await strapi.db.query(uid).findOne({
      where: { slug, publishedAt: { $notNull: true } },
      select: ['documentId'],
    });
    return (published?.documentId as string | undefined) ?? null;
  };

  return {
    /** Published posts for a public list, with the request's filters, sort and pagination. */
    async findPublished(
      query: Record<string, unknown>,
      auth: RequestAuth
    ): Promise<{ data: Post[]; pagination: Pagination }> {
      // Everything is checked, and the query's cost bounded, before any SQL.
      rejectUnknownQueryKeys(query, ['filters', 'sort', 'pagination', 'start', 'limit']);
      const checked = parseFilters(
        query.filters,
        publicFilterTree(),
        getPluginConfig(strapi).limits.query
      );
      const sort = parseSort(query.sort, POST_PUBLIC_SORT_FIELDS);
      const page = parsePagination(query, getPageLimits(strapi));

      const schema = strapi.getModel(uid);
      const options = { auth } as Parameters<typeof strapi.contentAPI.validate.query>[2];
      const params = { filters: checked, sort: sort.length ? sort : DEFAULT_SORT };
      await strapi.contentAPI.validate.query(params, schema, options);
      const { filters } = (await strapi.contentAPI.sanitize.query(params, schema, options)) as {
        filters?: Record<string, unknown>;
      };

      const where = filters ? { $and: [PUBLISHED, filters] } : PUBLISHED;
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
        data: await toPublic(found),
        pagination: paginationMeta(page, total),
      };
    },

    /** One published post by slug, or null. */
    async findPublishedBySlug(slug: string): Promise<Post | null> {
      if (!isPossibleSlug(slug)) return null;
      const row = (await rows().findOne({
        where: { ...PUBLISHED, slug },
        select: PUBLIC_SELECT,
      })) as (PostRow & { id: number }) | null;
      if (!row) return null;
      const [post] = await toPublic([row]);
      return post;
    },

    /**
     * The newest published posts in the list's order, for the feed: no filters and no total,
     * and never more than a public list answers.
     */
    async findLatest(size: number): Promise<Post[]> {
      const found = (await rows().findMany({
        where: PUBLISHED,
        select: PUBLIC_SELECT,
        orderBy: DEFAULT_SORT,
        limit: Math.min(size, getPageLimits(strapi).maxLimit),
      })) as Array<PostRow & { id: number }>;
      return toPublic(found);
    },

    /** A published post's own fields by slug, without lessons or comment count; or null. */
    async findPublishedHead(slug: string): Promise<PostHead | null> {
      if (!isPossibleSlug(slug)) return null;
      return (await rows().findOne({
        where: { ...PUBLISHED, slug },
        select: ['documentId', 'title', 'slug', 'updatedAt', 'publishedAt'],
      })) as PostHead | null;
    },

    findPublishedDocumentId,
  };
};

export type PostsService = ReturnType<typeof createPostsService>;
export default createPostsService;
