import {
  SCHEDULE_CLOCK_SKEW_MS,
  type PublicationSchedule,
  type ScheduleAction,
} from '../../../contracts/schedules';

/** The time the Schedule panel offers first: the next full hour, at least 5 minutes away. */
export const defaultScheduleTime = (now: Date): Date => {
  const next = new Date(now.getTime() + 5 * 60_000);
  next.setMinutes(0, 0, 0);
  next.setHours(next.getHours() + 1);
  return next;
};

/**
 * Why the panel's Schedule button is off, as a translation key; null when it may be pressed.
 * The server checks the same rule with the same clock skew.
 */
export const scheduleProblem = (at: Date | null | undefined, now: Date): string | null => {
  if (!at || Number.isNaN(at.getTime())) return 'schedule.problem.noTime';
  if (at.getTime() < now.getTime() - SCHEDULE_CLOCK_SKEW_MS) return 'schedule.problem.past';
  return null;
};

/** The panel's two lists: what will run (soonest first), and what ran. */
export const splitSchedules = (schedules: PublicationSchedule[]) => ({
  upcoming: schedules.filter((s) => s.state === 'pending' || s.state === 'running'),
  past: schedules.filter((s) => s.state === 'done' || s.state === 'failed'),
});

/** The translation key of a schedule's line in the panel. */
export const scheduleLineKey = (action: ScheduleAction, state: PublicationSchedule['state']) =>
  `schedule.line.${action}.${state}`;
