import type { Core } from '@strapi/strapi';

import { toIsoDate } from '../../../contracts/dates';
import type { CommentStatus, ReportReason } from '../../../contracts/comments';
import type { FindReports, ReportedComment } from '../../../contracts/moderation';
import { COMMENT_UID } from '../../../contracts/plugin';
import createReportsRepository from '../repositories/reports';

type Row = {
  documentId: string;
  authorName: string;
  content: string;
  status: CommentStatus;
  submittedAt: string | Date | null;
  post?: { documentId: string; title: string; slug: string } | null;
};

/**
 * The admin's Reported view: approved and held comments with readers' reports, most reported
 * first, each with its reports by reason and its latest notes. Four statements a page, whatever
 * the number of reports: the page, the total, the comments with their posts, the reasons and the
 * notes (the last two bounded by the page).
 */
const createReportsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = createReportsRepository({ strapi });

  return {
    async list(page: number, pageSize: number): Promise<FindReports.Response> {
      const { rows, total } = await repository.page((page - 1) * pageSize, pageSize);
      const ids = rows.map((row) => row.commentDocumentId);
      const [comments, reasons, notes] = await Promise.all([
        ids.length === 0
          ? Promise.resolve([] as Row[])
          : (strapi.db.query(COMMENT_UID).findMany({
              where: { documentId: { $in: ids } },
              select: ['documentId', 'authorName', 'content', 'status', 'submittedAt'],
              populate: { post: { select: ['documentId', 'title', 'slug'] } },
            }) as Promise<Row[]>),
        repository.reasons(ids),
        repository.notes(ids),
      ]);
      const byId = new Map(comments.map((comment) => [comment.documentId, comment]));
      const data: ReportedComment[] = rows.flatMap((row) => {
        const comment = byId.get(row.commentDocumentId);
        if (!comment) return [];
        const counts: Partial<Record<ReportReason, number>> = {};
        for (const item of reasons) {
          if (item.commentDocumentId === row.commentDocumentId) counts[item.reason] = item.count;
        }
        return [
          {
            documentId: comment.documentId,
            authorName: comment.authorName,
            content: comment.content,
            status: comment.status,
            submittedAt: toIsoDate(comment.submittedAt),
            post: comment.post
              ? {
                  documentId: comment.post.documentId,
                  title: comment.post.title,
                  slug: comment.post.slug,
                }
              : null,
            reports: row.reports,
            reasons: counts,
            notes: notes
              .filter((item) => item.commentDocumentId === row.commentDocumentId)
              .map((item) => ({
                reason: item.reason,
                note: item.note,
                createdAt: new Date(item.createdAt).toISOString(),
              })),
            lastReportedAt: new Date(row.lastReportedAt).toISOString(),
          },
        ];
      });
      return {
        data,
        meta: {
          pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total },
        },
      };
    },
  };
};

export type ReportsService = ReturnType<typeof createReportsService>;
export default createReportsService;
