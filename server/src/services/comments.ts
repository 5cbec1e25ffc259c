import type { Core } from '@strapi/strapi';

import type { Pagination } from '../../../contracts/common';
import { COMMENT_PUBLIC_SORT_FIELDS, type CommentThread } from '../../../contracts/comments';
import createCommentsRepository from '../repositories/comments';
import { buildThread, type ThreadNode } from '../utils/build-thread';
import { getPageLimits } from '../utils/plugin-config';
import {
  paginationMeta,
  parsePagination,
  parseSort,
  rejectUnknownQueryKeys,
} from '../validation/public-query';

const time = (node: ThreadNode) =>
  node.submittedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(node.submittedAt);

/** Replies read oldest first, whatever the order of the roots. */
const chronological = (a: ThreadNode, b: ThreadNode) => time(a) - time(b) || a.id - b.id;

const createCommentsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = createCommentsRepository({ strapi });

  return {
    /**
     * A page of a post's approved root comments, each with its approved replies nested to any
     * depth. A bounded number of statements, whatever the size of the thread.
     */
    async findApprovedThread(
      postRowIds: number[],
      query: Record<string, unknown>
    ): Promise<{ data: CommentThread[]; pagination: Pagination }> {
      rejectUnknownQueryKeys(query, ['sort', 'pagination', 'start', 'limit']);
      const [sort] = parseSort(query.sort, COMMENT_PUBLIC_SORT_FIELDS);
      const order = sort?.submittedAt ?? 'asc';
      const page = parsePagination(query, getPageLimits(strapi));

      const roots = await repository.findApprovedRootIds(postRowIds, { ...page, order });
      const links = await repository.findApprovedDescendantLinks(roots.ids, postRowIds);
      const rows = await repository.findPublicRows([...roots.ids, ...links.map((l) => l.id)]);

      const nodes = new Map<number, ThreadNode>(
        rows.map((row) => [
          row.id,
          {
            id: row.id,
            documentId: row.documentId,
            authorName: row.authorName,
            authorUrl: row.authorUrl ?? null,
            content: row.content,
            submittedAt: row.submittedAt ? new Date(row.submittedAt).toISOString() : null,
          },
        ])
      );

      return {
        data: buildThread(roots.ids, links, nodes, chronological),
        pagination: paginationMeta(page, roots.total),
      };
    },
  };
};

export type CommentsService = ReturnType<typeof createCommentsService>;
export default createCommentsService;
