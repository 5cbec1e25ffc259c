import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { toIsoDate } from '../../../contracts/dates';
import { COMMENT_STATUSES, type CommentStatus } from '../../../contracts/comments';
import type { AdminComment, FindQueue, StatusCounts } from '../../../contracts/moderation';
import { COMMENT_UID } from '../../../contracts/plugin';
import type { Actor } from '../moderation/actor';
import { OWN_FIELDS } from '../moderation/update-checks';
import { commentTables } from '../repositories/table-names';
import { sql } from '../db/connection';
import { getService } from '../utils/get-service';

type Row = Omit<AdminComment, 'post' | 'parent' | 'submittedAt'> & {
  submittedAt: string | Date | null;
  post?: { documentId: string; title: string; slug: string } | null;
  parent?: { documentId: string } | null;
};

const toAdminComment = (row: Row): AdminComment => ({
  documentId: row.documentId,
  authorName: row.authorName,
  authorEmail: row.authorEmail ?? null,
  authorUrl: row.authorUrl ?? null,
  content: row.content,
  status: row.status,
  moderationReason: row.moderationReason ?? null,
  ipHash: row.ipHash ?? null,
  userAgent: row.userAgent ?? null,
  submittedAt: toIsoDate(row.submittedAt),
  parent: row.parent?.documentId ?? null,
  post: row.post
    ? { documentId: row.post.documentId, title: row.post.title, slug: row.post.slug }
    : null,
});

/** What the queue shows of a comment: its documentId and own fields, the import key aside. */
const FIELDS = ['documentId', ...OWN_FIELDS.filter((field) => field !== 'importKey')];
const POPULATE = {
  post: { select: ['documentId', 'title', 'slug'] },
  parent: { select: ['documentId'] },
};

/**
 * The moderation queue for editors: comments with their private fields, counts per status,
 * and status changes that go through the moderation middleware (so each one is logged).
 */
const createModerationQueueService = ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(COMMENT_UID);
  const documents = () => strapi.documents(COMMENT_UID as UID.ContentType);

  const findByDocumentIds = async (documentIds: string[]) =>
    (await query().findMany({
      where: { documentId: { $in: documentIds } },
      select: FIELDS,
      populate: POPULATE,
    })) as Row[];

  return {
    async list(params: Required<Pick<FindQueue.Query, 'page' | 'pageSize'>> & FindQueue.Query) {
      const where: Record<string, unknown> = {};
      if (params.post) where.post = { documentId: params.post };
      if (params.comment) where.documentId = params.comment;
      if (params.q) {
        where.$or = ['content', 'authorName', 'authorEmail'].map((field) => ({
          [field]: { $containsi: params.q },
        }));
      }

      const countsList = await Promise.all(
        COMMENT_STATUSES.map((status) => query().count({ where: { ...where, status } }))
      );
      const counts = Object.fromEntries(
        COMMENT_STATUSES.map((status, index) => [status, Number(countsList[index])])
      ) as StatusCounts;
      const total = params.status
        ? counts[params.status]
        : Object.values(counts).reduce((sum, count) => sum + count, 0);

      const rows = (await query().findMany({
        where: params.status ? { ...where, status: params.status } : where,
        select: FIELDS,
        populate: POPULATE,
        orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
        offset: (params.page - 1) * params.pageSize,
        limit: params.pageSize,
      })) as Row[];

      return {
        data: rows.map(toAdminComment),
        meta: {
          pagination: {
            page: params.page,
            pageSize: params.pageSize,
            pageCount: Math.ceil(total / params.pageSize),
            total,
          },
          counts,
        },
      };
    },

    async setStatus(
      documentId: string,
      status: CommentStatus,
      actor: Actor,
      reason?: string
    ): Promise<AdminComment> {
      const moderation = getService('moderation', { strapi });
      const [existing] = await findByDocumentIds([documentId]);
      if (!existing) throw new errors.NotFoundError('Comment not found');
      await moderation.runAs(
        actor,
        () => documents().update({ documentId, data: { status } } as never),
        { reason: reason || undefined }
      );
      const [updated] = await findByDocumentIds([documentId]);
      return toAdminComment(updated);
    },

    /** Every comment or none: one transaction, refused whole if one is missing. */
    async bulk(
      documentIds: string[],
      change: { status: CommentStatus } | { action: 'delete' },
      actor: Actor,
      reason?: string
    ) {
      const unique = [...new Set(documentIds)];
      const moderation = getService('moderation', { strapi });
      return strapi.db.transaction(async () => {
        const found = new Set((await findByDocumentIds(unique)).map((row) => row.documentId));
        const missing = unique.filter((id) => !found.has(id));
        if (missing.length) {
          throw new errors.NotFoundError('Some comments do not exist', { missing });
        }
        for (const documentId of unique) {
          await moderation.runAs(
            actor,
            async () => {
              if ('status' in change) {
                await documents().update({ documentId, data: { status: change.status } } as never);
              } else {
                await documents().delete({ documentId } as never);
              }
            },
            { reason: reason || undefined }
          );
        }
        return { count: unique.length, documentIds: unique };
      });
    },

    /** Posts that have comments, for the queue's post filter: most recent first, at most 200. */
    async commentedPosts(): Promise<Array<{ documentId: string; title: string }>> {
      const n = commentTables(strapi);
      const knex = await sql(strapi);
      const rows = (await knex
        .select({ documentId: `p.${n.postDocumentId}` })
        .max({ title: 'p.title' })
        .from({ p: n.posts })
        .whereExists((sub) =>
          sub
            .select(knex.raw('1'))
            .from({ l: n.postLink.table })
            .whereRaw('?? = ??', [`l.${n.postLink.post}`, 'p.id'])
        )
        .groupBy(`p.${n.postDocumentId}`)
        .orderByRaw('MAX(p.id) DESC')
        .limit(200)) as Array<{ documentId: string; title: string }>;
      return rows.map((row) => ({ documentId: row.documentId, title: row.title }));
    },

    async events(documentId: string) {
      const events = await getService('moderationEvents', { strapi }).forComment(documentId);
      if (events.length === 0) {
        const [existing] = await findByDocumentIds([documentId]);
        if (!existing) throw new errors.NotFoundError('Comment not found');
      }
      return events;
    },
  };
};

export type ModerationQueueService = ReturnType<typeof createModerationQueueService>;
export default createModerationQueueService;
