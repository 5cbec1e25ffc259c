import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { toIsoDate } from '../../../contracts/dates';
import { COMMENT_STATUSES, type SettableStatus } from '../../../contracts/comments';
import type { AdminComment, FindQueue, ReplyTo, StatusCounts } from '../../../contracts/moderation';
import { COMMENT_UID } from '../../../contracts/plugin';
import type { Actor } from '../moderation/actor';
import { restoredStatus } from '../comments/trash';
import { oneLine } from '../moderation/excerpt';
import { reasonParts } from '../moderation/reason-parts';
import { OWN_FIELDS } from '../moderation/update-checks';
import createReportsRepository from '../repositories/reports';
import { commentTables } from '../repositories/table-names';
import { sql } from '../db/connection';
import { createTrashPurger } from '../trash/purge';
import { ConflictError } from '../utils/conflict';
import { getService } from '../utils/get-service';

type Row = Omit<
  AdminComment,
  'post' | 'parent' | 'replyTo' | 'reasonParts' | 'submittedAt' | 'trashedAt' | 'trashedWith'
> & {
  submittedAt: string | Date | null;
  trashedAt: string | Date | null;
  trashRoot: string | null;
  post?: { documentId: string; title: string; slug: string } | null;
  parent?: (Omit<ReplyTo, 'excerpt'> & { content: string | null }) | null;
};

/** How much of a parent's content the queue shows next to its reply, in characters. */
const PARENT_EXCERPT = 100;

const toReplyTo = (parent: Row['parent']): ReplyTo | null =>
  parent
    ? {
        documentId: parent.documentId,
        authorName: parent.authorName,
        excerpt: oneLine(parent.content ?? '', PARENT_EXCERPT),
        status: parent.status,
      }
    : null;

const toAdminComment = (row: Row): AdminComment => ({
  documentId: row.documentId,
  authorName: row.authorName,
  authorEmail: row.authorEmail ?? null,
  authorUrl: row.authorUrl ?? null,
  content: row.content,
  status: row.status,
  moderationReason: row.moderationReason ?? null,
  reasonParts: reasonParts(row.moderationReason),
  ipHash: row.ipHash ?? null,
  userAgent: row.userAgent ?? null,
  submittedAt: toIsoDate(row.submittedAt),
  parent: row.parent?.documentId ?? null,
  replyTo: toReplyTo(row.parent),
  staff: Boolean(row.staff),
  trashedAt: row.status === 'trash' ? toIsoDate(row.trashedAt) : null,
  trashedFrom: row.status === 'trash' ? restoredStatus(row.trashedFrom) : null,
  trashedWith: row.status === 'trash' ? (row.trashRoot ?? null) : null,
  post: row.post
    ? { documentId: row.post.documentId, title: row.post.title, slug: row.post.slug }
    : null,
});

/**
 * What the queue shows of a comment: its documentId and own fields, the import key aside, and
 * where it stands in the trash.
 */
const FIELDS = [
  'documentId',
  ...OWN_FIELDS.filter((field) => field !== 'importKey'),
  'trashedAt',
  'trashedFrom',
  'trashRoot',
];
/** One statement per relation for the whole page: the posts, then the parents of the replies. */
const POPULATE = {
  post: { select: ['documentId', 'title', 'slug'] },
  parent: { select: ['documentId', 'authorName', 'content', 'status'] },
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

  const reports = createReportsRepository({ strapi });

  /**
   * An editor's approval of a comment that is approved already: the model sees no change (no
   * event, and so no clearing of its reports, moderation.ts), but the editor approved it as it
   * stands, as the Reported view's "Approve and clear reports" says: its reports are cleared.
   */
  const clearIfApprovedAlready = async (rows: Row[], status: SettableStatus) => {
    if (status !== 'approved') return;
    for (const row of rows) if (row.status === 'approved') await reports.clear(row.documentId);
  };

  return {
    /** This instance's purge of the trash, run by Strapi's cron (trash/cron.ts). */
    trashPurger: createTrashPurger(strapi),

    /** These comments as the queue shows them, in the order asked (missing ones left out). */
    async findAdminComments(documentIds: string[]): Promise<AdminComment[]> {
      const rows = await findByDocumentIds(documentIds);
      const byId = new Map(rows.map((row) => [row.documentId, toAdminComment(row)]));
      return documentIds.flatMap((id) => byId.get(id) ?? []);
    },

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
      // Without a status: every comment out of the trash.
      const total = params.status
        ? counts[params.status]
        : Object.values(counts).reduce((sum, count) => sum + count, 0) - counts.trash;

      const rows = (await query().findMany({
        where: { ...where, status: params.status ?? { $ne: 'trash' } },
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
      status: SettableStatus,
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
      await clearIfApprovedAlready([existing], status);
      const [updated] = await findByDocumentIds([documentId]);
      return toAdminComment(updated);
    },

    /**
     * A comment in the trash back to the status it had, with the replies that went with it
     * (comments/trash.ts). 409 when it is not in the trash, or the comment it answers is.
     */
    async restore(documentId: string, actor: Actor, reason?: string): Promise<AdminComment> {
      const [existing] = await findByDocumentIds([documentId]);
      if (!existing) throw new errors.NotFoundError('Comment not found');
      if (existing.status !== 'trash') throw new ConflictError('This comment is not in the trash');
      await getService('moderation', { strapi }).runAs(
        actor,
        () =>
          documents().update({
            documentId,
            data: { status: restoredStatus(existing.trashedFrom) },
          } as never),
        { reason: reason || undefined }
      );
      const [restored] = await findByDocumentIds([documentId]);
      return toAdminComment(restored);
    },

    /**
     * Every comment or none: one transaction, refused whole if one is missing. `delete` moves
     * each to the trash with its replies (one already there stays as it is); `restore` takes
     * each out, the comments it names deleted on their own first (a reply that went with one of
     * them comes back with it).
     */
    async bulk(
      documentIds: string[],
      change: { status: SettableStatus } | { action: 'delete' | 'restore' },
      actor: Actor,
      reason?: string
    ) {
      const unique = [...new Set(documentIds)];
      const moderation = getService('moderation', { strapi });
      return strapi.db.transaction(async () => {
        const rows = await findByDocumentIds(unique);
        const found = new Set(rows.map((row) => row.documentId));
        const missing = unique.filter((id) => !found.has(id));
        if (missing.length) {
          throw new errors.NotFoundError('Some comments do not exist', { missing });
        }
        if ('action' in change && change.action === 'restore') {
          const order = [...rows].sort((a, b) => Number(!!a.trashRoot) - Number(!!b.trashRoot));
          for (const row of order) {
            const [now] = await findByDocumentIds([row.documentId]);
            if (now?.status !== 'trash') continue;
            await this.restore(row.documentId, actor, reason);
          }
          return { count: unique.length, documentIds: unique };
        }
        const status = 'status' in change ? change.status : 'trash';
        for (const documentId of unique) {
          await moderation.runAs(
            actor,
            () => documents().update({ documentId, data: { status } } as never),
            { reason: reason || undefined }
          );
        }
        if ('status' in change) await clearIfApprovedAlready(rows, change.status);
        return { count: unique.length, documentIds: unique };
      });
    },

    /** How many comments wait for an editor: one statement. */
    async pendingCount(): Promise<number> {
      return Number(await query().count({ where: { status: 'pending' } }));
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
