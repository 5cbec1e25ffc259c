import type { ScheduleAction } from '../../../contracts/schedules';

import type { DatabaseModel } from './database-model';

/**
 * A database-only table (no content type, no API, out of the Content Manager): when to publish
 * or unpublish a post's locale, and who asked. The runner (schedules/runner.ts) claims a due row
 * with one guarded UPDATE (`claimedBy` was empty, or its claim is stale) before it runs it, so a
 * row runs once across instances; `doneAt` and `error` record how it ended.
 *
 * `pending` is true until the row has run and null after: its unique index with the post, locale
 * and action keeps one pending time per action (NULLs never collide in a unique index, on SQLite,
 * PostgreSQL and MySQL alike), while the rows that ran stay as the record. A boolean, so the key
 * stays under InnoDB's 3072 bytes (three `varchar(255)` in utf8mb4 take 3060).
 */
export const PUBLICATION_SCHEDULE_UID = 'plugin::blog.publication-schedule';

/** A row as the schedules read it (a datetime comes back as a Date, text or a number). */
export interface PublicationScheduleRow {
  id: number;
  postDocumentId: string;
  locale: string;
  action: ScheduleAction;
  at: string | number | Date;
  pending: true | null;
  /** The admin user who scheduled it; null for the importer. */
  scheduledById: number | null;
  /** Their name as the admin shows it, kept if the user is removed later. */
  scheduledBy: string | null;
  createdAt: string | number | Date;
  claimedBy: string | null;
  claimedAt: string | number | Date | null;
  doneAt: string | number | Date | null;
  error: string | null;
}

export const PENDING = true;

/** The name the importer's schedules are recorded under. */
export const IMPORTER_NAME = 'Import';

export const publicationScheduleModel = {
  uid: PUBLICATION_SCHEDULE_UID,
  singularName: 'publication-schedule',
  tableName: 'blog_publication_schedules',
  attributes: {
    id: { type: 'increments' },
    postDocumentId: { type: 'string', column: { notNullable: true } },
    locale: { type: 'string', column: { notNullable: true } },
    action: { type: 'string', column: { notNullable: true } },
    at: { type: 'datetime', column: { notNullable: true } },
    pending: { type: 'boolean' },
    scheduledById: { type: 'integer' },
    scheduledBy: { type: 'string' },
    createdAt: { type: 'datetime', column: { notNullable: true } },
    claimedBy: { type: 'string' },
    claimedAt: { type: 'datetime' },
    doneAt: { type: 'datetime' },
    error: { type: 'text' },
  },
  indexes: [
    // What is due: `done_at IS NULL AND at <= now`, soonest first.
    { name: 'blog_publication_schedules_due_idx', columns: ['done_at', 'at'] },
    // One pending time per post, locale and action; also a post's list.
    {
      name: 'blog_publication_schedules_pending_uq',
      columns: ['post_document_id', 'locale', 'action', 'pending'],
      type: 'unique',
    },
  ],
} satisfies DatabaseModel<PublicationScheduleRow>;
