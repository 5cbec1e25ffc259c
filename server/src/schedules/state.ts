import { toIsoDate } from '../../../contracts/dates';
import type { PublicationSchedule, ScheduleState } from '../../../contracts/schedules';
import type { PublicationScheduleRow } from '../models/publication-schedule';

/**
 * A claim older than this, on a row that has not run, is taken as its instance's death (it ran
 * nothing, or its transaction was rolled back with it): another instance may claim the row. A
 * run is one publish in one transaction, seconds at most.
 */
export const CLAIM_STALE_MS = 5 * 60_000;

const time = (value: string | number | Date | null) =>
  value === null ? null : new Date(value).getTime();

/** Claims made before this moment are stale. */
export const staleBefore = (now: Date) => new Date(now.getTime() - CLAIM_STALE_MS);

export const scheduleState = (row: PublicationScheduleRow, now: Date): ScheduleState => {
  if (row.doneAt !== null) return row.error ? 'failed' : 'done';
  const claimedAt = time(row.claimedAt);
  if (row.claimedBy && claimedAt !== null && claimedAt >= staleBefore(now).getTime()) {
    return 'running';
  }
  return 'pending';
};

/** A row as the admin API answers it. */
export const toSchedule = (row: PublicationScheduleRow, now: Date): PublicationSchedule => ({
  id: row.id,
  postDocumentId: row.postDocumentId,
  locale: row.locale,
  action: row.action,
  at: toIsoDate(row.at),
  state: scheduleState(row, now),
  scheduledBy: row.scheduledBy,
  byImport: row.scheduledById === null,
  createdAt: toIsoDate(row.createdAt),
  doneAt: toIsoDate(row.doneAt),
  error: row.error,
});
