import type { Core } from '@strapi/strapi';

import type { ReportReason } from '../../../contracts/comments';
import { dialectOf, insertUniqueRow, placeholders, rawRows } from '../db/dialect';
import { sql } from '../db/connection';
import { tableName } from '../db/metadata';
import { COMMENT_REPORT_COLUMNS as C, COMMENT_REPORT_UID } from '../models/comment-report';

import { commentTables } from './table-names';

/** Statuses whose reports the admin lists: a comment already marked as spam or rejected is done. */
const OPEN_STATUSES = ['approved', 'pending'];

/** The notes the Reported view shows for a comment, newest first. */
export const NOTES_PER_COMMENT = 5;

export interface ReportedRow {
  commentDocumentId: string;
  reports: number;
  lastReportedAt: number;
}

/**
 * SQL of readers' reports (models/comment-report.ts): one report per client and comment, how
 * many a comment has, and the admin's list of reported comments, a page at a time.
 */
const createReportsRepository = ({ strapi }: { strapi: Core.Strapi }) => {
  const table = () => tableName(strapi, COMMENT_REPORT_UID);

  /** Reported comments that are approved or held: a join on the comments table. */
  const reported = (knex: Awaited<ReturnType<typeof sql>>) => {
    const n = commentTables(strapi);
    return knex({ r: table() })
      .join({ c: n.comments }, `c.${n.commentDocumentId}`, `r.${C.commentDocumentId}`)
      .whereIn(`c.${n.status}`, OPEN_STATUSES);
  };

  return {
    /** Stores a report: false when this client has reported this comment already. */
    async add(row: {
      commentDocumentId: string;
      clientKey: string;
      reason: ReportReason;
      note: string | null;
      createdAt: number;
    }): Promise<boolean> {
      const knex = await sql(strapi);
      return insertUniqueRow(
        knex,
        dialectOf(strapi),
        table(),
        {
          [C.commentDocumentId]: row.commentDocumentId,
          [C.clientKey]: row.clientKey,
          [C.reason]: row.reason,
          [C.note]: row.note,
          [C.reportedAt]: row.createdAt,
        },
        [C.commentDocumentId, C.clientKey]
      );
    },

    /** How many reports a comment has: one statement on the unique index. */
    async count(commentDocumentId: string): Promise<number> {
      const knex = await sql(strapi);
      const [{ total }] = (await knex(table())
        .where(C.commentDocumentId, commentDocumentId)
        .count({ total: '*' })) as Array<{ total: number | string }>;
      return Number(total);
    },

    /** Forgets a comment's reports (an editor approved it). */
    async clear(commentDocumentId: string): Promise<number> {
      const knex = await sql(strapi);
      return knex(table()).where(C.commentDocumentId, commentDocumentId).delete();
    },

    /** A page of reported comments, most reported first, and how many there are. */
    async page(offset: number, limit: number): Promise<{ rows: ReportedRow[]; total: number }> {
      const knex = await sql(strapi);
      const column = `r.${C.commentDocumentId}`;
      const [rows, [{ total }]] = await Promise.all([
        reported(knex)
          .select({ commentDocumentId: column })
          .count({ reports: '*' })
          .max({ lastReportedAt: `r.${C.reportedAt}` })
          .groupBy(column)
          .orderByRaw('COUNT(*) DESC, MAX(??) DESC, ?? ASC', [`r.${C.reportedAt}`, column])
          .offset(offset)
          .limit(limit) as Promise<Array<Record<string, unknown>>>,
        reported(knex).countDistinct({ total: column }) as Promise<
          Array<{ total: number | string }>
        >,
      ]);
      return {
        rows: rows.map((row) => ({
          commentDocumentId: String(row.commentDocumentId),
          reports: Number(row.reports),
          lastReportedAt: Number(row.lastReportedAt),
        })),
        total: Number(total),
      };
    },

    /** Reports by reason for these comments. */
    async reasons(
      commentDocumentIds: string[]
    ): Promise<Array<{ commentDocumentId: string; reason: ReportReason; count: number }>> {
      if (commentDocumentIds.length === 0) return [];
      const knex = await sql(strapi);
      const rows = (await knex(table())
        .select({ commentDocumentId: C.commentDocumentId, reason: C.reason })
        .count({ count: '*' })
        .whereIn(C.commentDocumentId, commentDocumentIds)
        .groupBy(C.commentDocumentId, C.reason)) as Array<Record<string, unknown>>;
      return rows.map((row) => ({
        commentDocumentId: String(row.commentDocumentId),
        reason: row.reason as ReportReason,
        count: Number(row.count),
      }));
    },

    /** The latest notes of these comments, `NOTES_PER_COMMENT` each at most, newest first. */
    async notes(
      commentDocumentIds: string[]
    ): Promise<
      Array<{ commentDocumentId: string; reason: ReportReason; note: string; createdAt: number }>
    > {
      if (commentDocumentIds.length === 0) return [];
      const knex = await sql(strapi);
      const marks = placeholders(commentDocumentIds);
      const rows = rawRows<Record<string, unknown>>(
        await knex.raw(
          `SELECT * FROM (
             SELECT ?? AS comment_document_id, ?? AS reason, ?? AS note, ?? AS created_at,
                    ROW_NUMBER() OVER (PARTITION BY ?? ORDER BY ?? DESC, id DESC) AS n
               FROM ?? WHERE ?? IN (${marks}) AND ?? IS NOT NULL
           ) latest WHERE n <= ${NOTES_PER_COMMENT} ORDER BY created_at DESC, n ASC`,
          [
            C.commentDocumentId,
            C.reason,
            C.note,
            C.reportedAt,
            C.commentDocumentId,
            C.reportedAt,
            table(),
            C.commentDocumentId,
            ...commentDocumentIds,
            C.note,
          ]
        )
      );
      return rows.map((row) => ({
        commentDocumentId: String(row.comment_document_id),
        reason: row.reason as ReportReason,
        note: String(row.note),
        createdAt: Number(row.created_at),
      }));
    },
  };
};

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
export default createReportsRepository;
