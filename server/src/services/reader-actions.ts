import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { toIsoDate } from '../../../contracts/dates';
import type { EditComment, ReportComment } from '../../../contracts/comments';
import { COMMENT_UID } from '../../../contracts/plugin';
import { signEditToken, verifyEditToken } from '../comments/edit-token';
import { EditForbiddenError, EditTokenError } from '../comments/errors';
import { dialectOf, lockForUpdate } from '../db/dialect';
import { sql } from '../db/connection';
import { refuse } from '../moderation/errors';
import createModerationFactsRepository from '../repositories/moderation-facts';
import createReportsRepository from '../repositories/reports';
import { commentTables } from '../repositories/table-names';
import { ConflictError } from '../utils/conflict';
import { ipNetworkKey } from '../utils/client-ip';
import { getService } from '../utils/get-service';
import { getSecret, keyedHash } from '../utils/secret';
import { parseEdit, parseReport } from '../validation/reader-input';

/** What a public route knows of the client. */
export interface ClientFacts {
  ip: string | null;
}

const MINUTE_MS = 60 * 1000;

/** A documentId as a route's parameter may name one; anything else names no comment. */
const isDocumentId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 64;

/**
 * What readers do to comments besides writing them: the author's edit within the edit window,
 * and reports. Both are flood-limited like a submission, on the same client key (the keyed hash
 * of the client's network, services/flood.ts), each in its own namespace so neither holds back
 * the other nor a comment.
 */
const createReaderActionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const facts = createModerationFactsRepository({ strapi });
  const reports = createReportsRepository({ strapi });
  const hash = (value: string) => keyedHash(getSecret(strapi), value);

  /** The flood limit's key of a client (its network), or one key for every unknown client. */
  const clientKey = (ip: string | null) => {
    const network = ip ? ipNetworkKey(ip) : null;
    return network ? hash(`ipnet:${network}`) : hash('ipnet:unknown');
  };

  const flood = async (namespace: string, ip: string | null, intervalSeconds: number) => {
    const retryAfter = await getService('flood', { strapi }).pass(
      [`${namespace}:${clientKey(ip)}`],
      intervalSeconds,
      new Date()
    );
    if (retryAfter !== null) {
      throw refuse({
        rule: 'flood',
        status: 429,
        message: 'You are doing this too quickly; wait a moment',
        retryAfterSeconds: retryAfter,
      });
    }
  };

  /** A comment as these checks read it; null when there is none. */
  const comment = async (documentId: string) =>
    (await strapi.db.query(COMMENT_UID).findOne({
      where: { documentId },
      select: ['status', 'submittedAt', 'postDocumentId'],
    })) as {
      status: string;
      submittedAt: string | Date | null;
      postDocumentId: string | null;
    } | null;

  return {
    /** The token a new comment's answer carries, or none when editing is off. */
    async editGrant(
      documentId: string,
      editWindowMinutes: number,
      now = new Date()
    ): Promise<{ editToken: string; editableUntil: string } | Record<string, never>> {
      if (editWindowMinutes <= 0) return {};
      const until = new Date(now.getTime() + editWindowMinutes * MINUTE_MS);
      return {
        editToken: signEditToken(getSecret(strapi), {
          documentId,
          expiresAt: Math.floor(until.getTime() / 1000),
        }),
        editableUntil: until.toISOString(),
      };
    },

    /**
     * The author's new text. In order: the body (400), the token (401 none or forged, 403 another
     * comment's or expired), the comment (404), the window (403), a reply (409), the flood limit
     * (429); then the write, judged by the moderation middleware.
     */
    async edit(
      documentId: unknown,
      body: unknown,
      headerToken: string | undefined,
      client: ClientFacts
    ): Promise<EditComment.Response['data']> {
      const { content, token } = parseEdit(body);
      const now = new Date();
      const check = verifyEditToken(getSecret(strapi), token ?? headerToken, now);
      if (check.state !== 'valid') {
        if (check.state === 'expired') {
          throw new EditForbiddenError(
            'The edit window has closed: this comment can no longer be changed'
          );
        }
        throw new EditTokenError(
          check.state === 'missing'
            ? 'An edit token is required: the one the submission answered'
            : 'This edit token is not valid'
        );
      }
      if (!isDocumentId(documentId) || check.claims.documentId !== documentId) {
        throw new EditForbiddenError('This edit token is for another comment');
      }
      const settings = await getService('settings', { strapi }).get();
      const stored = await comment(documentId);
      if (!stored) throw new errors.NotFoundError('Comment not found');
      const submitted = stored.submittedAt ? new Date(stored.submittedAt).getTime() : 0;
      if (stored.status === 'rejected') {
        throw new EditForbiddenError('This comment can no longer be changed');
      }
      if (
        settings.editWindowMinutes <= 0 ||
        now.getTime() > submitted + settings.editWindowMinutes * MINUTE_MS
      ) {
        throw new EditForbiddenError(
          `The edit window has closed: a comment can be changed for ${settings.editWindowMinutes} minutes after it is sent`
        );
      }
      if (await this.hasReply(documentId)) {
        throw new ConflictError('This comment has a reply: it can no longer be changed');
      }
      await flood('edit', client.ip, settings.floodIntervalSeconds);

      const updated = (await getService('moderation', { strapi }).runAs(
        { type: 'reader', name: 'the author' },
        () =>
          strapi
            .documents(COMMENT_UID as UID.ContentType)
            .update({ documentId, data: { content } } as never),
        { settings }
      )) as unknown as { status: string; editedAt: string | Date | null };
      return {
        documentId,
        status: updated.status === 'approved' ? 'approved' : 'pending',
        editedAt: toIsoDate(updated.editedAt) ?? now.toISOString(),
      };
    },

    /** Whether a comment has a reply that is shown or waits (spam and rejected ones do not count). */
    async hasReply(documentId: string): Promise<boolean> {
      const n = commentTables(strapi);
      const knex = await sql(strapi);
      const row = await knex(n.comments)
        .where(n.commentParent, documentId)
        .whereIn(n.status, ['approved', 'pending'])
        .first('id');
      return Boolean(row);
    },

    /**
     * A reader's report. In order: the body (400), the comment approved on a published post
     * (404), the flood limit (429), one per client (409); then, at `reportsToHold` reports, the
     * comment goes back to pending, exactly once however many reports race (holdIfReported).
     */
    async report(
      documentId: unknown,
      body: unknown,
      client: ClientFacts
    ): Promise<ReportComment.Response['data']> {
      const { reason, note } = parseReport(body);
      const notFound = () => new errors.NotFoundError('Comment not found');
      if (!isDocumentId(documentId)) throw notFound();
      const stored = await comment(documentId);
      if (!stored || stored.status !== 'approved' || !stored.postDocumentId) throw notFound();
      const post = await facts.post(stored.postDocumentId);
      if (post.state === 'missing' || post.state === 'unpublished') throw notFound();

      const settings = await getService('settings', { strapi }).get();
      await flood('report', client.ip, settings.floodIntervalSeconds);
      const added = await reports.add({
        commentDocumentId: documentId,
        clientKey: clientKey(client.ip),
        reason,
        note,
        createdAt: Date.now(),
      });
      if (!added) throw new ConflictError('You have already reported this comment');
      if (settings.reportsToHold > 0) await this.holdIfReported(documentId, settings.reportsToHold);
      return { documentId, reported: true };
    },

    /**
     * Puts an approved comment with `limit` reports or more back to pending, through the
     * moderation middleware (logged, counts moved), under the rule `reported`. The comment's row
     * is locked first and the reports counted again under the lock: a racing report waits,
     * then finds it pending and does nothing.
     */
    async holdIfReported(documentId: string, limit: number): Promise<boolean> {
      // Most reports stay below the limit: one count, no transaction.
      if ((await reports.count(documentId)) < limit) return false;
      return strapi.db.transaction(async () => {
        const n = commentTables(strapi);
        const knex = await sql(strapi);
        const rows = (await lockForUpdate(
          knex(n.comments).where(n.commentDocumentId, documentId).select({ status: n.status }),
          dialectOf(strapi)
        )) as Array<{ status: string }>;
        if (!rows.some((row) => row.status === 'approved')) return false;
        const count = await reports.count(documentId);
        if (count < limit) return false;
        await getService('moderation', { strapi }).runAs(
          { type: 'reader', name: 'readers' },
          () =>
            strapi
              .documents(COMMENT_UID as UID.ContentType)
              .update({ documentId, data: { status: 'pending' } } as never),
          { reason: `reported: ${count} reports (holding from ${limit})`, rule: 'reported' }
        );
        return true;
      });
    },
  };
};

export type ReaderActionsService = ReturnType<typeof createReaderActionsService>;
export default createReaderActionsService;
