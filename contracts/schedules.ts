/**
 * Scheduled publishing: a post's locale is published or unpublished at a date and time by the
 * plugin's own runner (Strapi's cron, Community edition), exactly once even with several Strapi
 * instances on one database. The admin routes under `/blog/schedules` need an admin whose role
 * has the Content Manager's publish action on posts, for the post's locale (read, to list).
 */

export type ScheduleAction = 'publish' | 'unpublish';

/**
 * `pending`: not run yet (`running` while an instance runs it); `done`: run; `failed`: run, and
 * refused (`error` says why: the post was deleted, a rule of the plugin refused it, …).
 */
export type ScheduleState = 'pending' | 'running' | 'done' | 'failed';

export interface PublicationSchedule {
  id: number;
  postDocumentId: string;
  locale: string;
  action: ScheduleAction;
  /** When it runs (ISO 8601, UTC). The runner looks every 15 seconds. */
  at: string;
  state: ScheduleState;
  /** Who scheduled it, as the admin shows a name; `null` when the user had none. */
  scheduledBy: string | null;
  /** True when an import scheduled it (a WordPress post scheduled at the source). */
  byImport: boolean;
  createdAt: string;
  /** When it ran. */
  doneAt: string | null;
  /** Why it failed, when it did. */
  error: string | null;
}

/** The most schedules a post's locale lists: its pending ones, then the latest that ran. */
export const SCHEDULE_LIST_LIMIT = 20;

/** A time this far in the past still counts as now (clocks of the browser and server differ). */
export const SCHEDULE_CLOCK_SKEW_MS = 30_000;

/** `GET /blog/schedules?post=<documentId>&locale=<code>`: pending first (soonest first), then the latest that ran. */
export namespace FindSchedules {
  export interface Query {
    post: string;
    locale: string;
  }
  export interface Response {
    data: PublicationSchedule[];
  }
}

/**
 * `POST /blog/schedules`: 201 with the schedule. A pending schedule of the same post, locale and
 * action is replaced (one time per action). 400: a time in the past, an unknown locale; 403: no
 * publish permission on this post's locale; 404: no such post in that locale; 409: a schedule of
 * the same action is running right now.
 */
export namespace CreateSchedule {
  export interface Body {
    post: string;
    locale: string;
    action: ScheduleAction;
    /** ISO 8601 with a time zone (`2027-01-01T09:00:00Z`, `…+01:00`). */
    at: string;
  }
  export interface Response {
    data: PublicationSchedule;
  }
}

/** `DELETE /blog/schedules/:id`: a pending schedule. 404 when unknown; 409 when it ran or is running. */
export namespace CancelSchedule {
  export interface Response {
    data: { id: number };
  }
}
