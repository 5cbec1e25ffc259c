import type { Core, UID } from '@strapi/strapi';

import {
  POST_PUBLIC_FILTER_FIELDS,
  POST_PUBLIC_SORT_FIELDS,
  type Post,
} from '../../../contracts/posts';
import type { Pagination } from '../../../contracts/common';
import { POST_UID } from '../constants';
import createCommentsRepository from '../repositories/comments';
import { getPageLimits } from '../utils/plugin-config';
import { toPublicPost, type PostRow } from '../utils/serialize';
import {
  assertFiltersAllowed,
  paginationMeta,
  parsePagination,
  parseSort,
  rejectUnknownQueryKeys,
  type FilterTree,
} from '../validation/public-query';

const FILTER_TREE: FilterTree = {
  ...Object.fromEntries(POST_PUBLIC_FILTER_FIELDS.map((field) => [field, true as const])),
  lessons: { text: true },
};

const DEFAULT_SORT = [{ originalDate: 'desc' as const }, { publishedAt: 'desc' as const }];

const PUBLIC_POPULATE = { lessons: { fields: ['text'] } };

/** The auth of the request, for Strapi's content-API validation and sanitization. */
export type RequestAuth = unknown;

const createPostsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const uid = POST_UID as UID.ContentType;
  const documents = () => strapi.documents(uid);
  const comments = createCommentsRepository({ strapi });

  const withCommentCounts = async (rows: PostRow[]): Promise<Post[]> => {
    const counts = await comments.countApprovedByPostDocument(rows.map((row) => row.documentId));
    return rows.map((row) => toPublicPost(row, counts.get(row.documentId) ?? 0));
  };

  /** The documentId of the published post with this slug, or null. */
  const findPublishedDocumentId = async (slug: string): Promise<string | null> => {
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
      rejectUnknownQueryKeys(query, ['filters', 'sort', 'pagination', 'start', 'limit']);
      assertFiltersAllowed(query.filters, FILTER_TREE);
      const sort = parseSort(query.sort, POST_PUBLIC_SORT_FIELDS);
      const page = parsePagination(query, getPageLimits(strapi));

      const schema = strapi.getModel(uid);
      const options = { auth } as Parameters<typeof strapi.contentAPI.validate.query>[2];
      const params = { filters: query.filters, sort: sort.length ? sort : DEFAULT_SORT };
      await strapi.contentAPI.validate.query(params, schema, options);
      const { filters } = (await strapi.contentAPI.sanitize.query(params, schema, options)) as {
        filters?: Record<string, unknown>;
      };

      const [rows, total] = await Promise.all([
        documents().findMany({
          status: 'published',
          filters,
          sort: params.sort,
          populate: PUBLIC_POPULATE,
          start: page.start,
          limit: page.limit,
        } as never) as unknown as Promise<PostRow[]>,
        documents().count({ status: 'published', filters } as never),
      ]);

      return {
        data: await withCommentCounts(rows),
        pagination: paginationMeta(page, total),
      };
    },

    /** One published post by slug, or null. */
    async findPublishedBySlug(slug: string): Promise<Post | null> {
      const row = (await documents().findFirst({
        status: 'published',
        filters: { slug },
        populate: PUBLIC_POPULATE,
      } as never)) as unknown as PostRow | null;
      if (!row) return null;
      const [post] = await withCommentCounts([row]);
      return post;
    },

    findPublishedDocumentId,

    /**
     * The database rows (draft and published) of the published post with this slug: comments
     * link to both, so public comment reads look them up through these ids.
     */
    async findPublishedRowIds(slug: string): Promise<number[] | null> {
      const documentId = await findPublishedDocumentId(slug);
      if (!documentId) return null;
      const rows = await strapi.db.query(uid).findMany({
        where: { documentId },
        select: ['id'],
      });
      return rows.map((row: { id: number }) => row.id);
    },
  };
};

export type PostsService = ReturnType<typeof createPostsService>;
export default createPostsService;
