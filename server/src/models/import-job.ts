import type {
  ImportFormat,
  ImportMode,
  ImportProgress,
  ImportReport,
  ImportState,
} from '../../../contracts/imports';

import type { DatabaseModel } from './database-model';

/**
 * A database-only table (no content type, no API): the imports started from the admin's Import
 * view, with their progress and report, so any instance can answer how one is going. `lock` is
 * `'running'` on the one job that runs and null otherwise; its unique index lets only one run at
 * a time, across instances, without a race.
 */
export const IMPORT_JOB_UID = 'plugin::blog.import-job';

/** A job as the import jobs read it (a biginteger comes back as text on PostgreSQL). */
export interface ImportJobRow {
  id: number;
  mode: ImportMode;
  state: ImportState;
  lock: 'running' | null;
  fileName: string;
  fileSize: number | string | null;
  format: ImportFormat;
  lessons: boolean | null;
  progress: ImportProgress | null;
  report: ImportReport | null;
  error: string | null;
  startedById: number | null;
  startedBy: string | null;
  startedAt: string | Date;
  heartbeatAt: string | Date;
  finishedAt: string | Date | null;
  filePath: string | null;
}

export const importJobModel = {
  uid: IMPORT_JOB_UID,
  singularName: 'import-job',
  tableName: 'blog_import_jobs',
  attributes: {
    id: { type: 'increments' },
    mode: { type: 'string', column: { notNullable: true } },
    state: { type: 'string', column: { notNullable: true } },
    lock: { type: 'string' },
    fileName: { type: 'string', column: { notNullable: true } },
    fileSize: { type: 'biginteger' },
    format: { type: 'string', column: { notNullable: true } },
    lessons: { type: 'boolean' },
    progress: { type: 'json' },
    report: { type: 'json' },
    error: { type: 'text' },
    startedById: { type: 'integer' },
    startedBy: { type: 'string' },
    startedAt: { type: 'datetime', column: { notNullable: true } },
    heartbeatAt: { type: 'datetime', column: { notNullable: true } },
    finishedAt: { type: 'datetime' },
    /** The job's copy of the upload while it runs; removed (and cleared) when the run is over. */
    filePath: { type: 'text' },
  },
  indexes: [
    { name: 'blog_import_jobs_lock_uq', columns: ['lock'], type: 'unique' },
    { name: 'blog_import_jobs_started_idx', columns: ['started_at'] },
  ],
} satisfies DatabaseModel<ImportJobRow>;
