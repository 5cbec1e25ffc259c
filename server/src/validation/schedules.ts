import { errors } from '@strapi/utils';

import {
  SCHEDULE_CLOCK_SKEW_MS,
  type CreateSchedule,
  type FindSchedules,
  type ScheduleAction,
} from '../../../contracts/schedules';
import { isLocaleCode } from '../i18n/locales';
import { isPlainObject } from '../utils/is-plain-object';

/**
 * The input of `/blog/schedules`, checked before anything is read: plain shapes, bounded
 * lengths, and a time with its time zone that is not in the past.
 */

const ACTIONS: readonly ScheduleAction[] = ['publish', 'unpublish'];
const MAX_DOCUMENT_ID = 64;
/** A documentId as Strapi makes them (lower-case letters and digits); anything else is no post. */
const DOCUMENT_ID = /^[a-z\d]+$/;
/**
 * ISO 8601 with a time zone, to the minute at least: `2027-01-01T09:00Z`, `…T09:00:00.000+01:00`.
 * Each part has a fixed length, so the match is linear. A time without a zone would be read in
 * the server's zone, which is not the editor's: refused.
 */
const ISO_WITH_ZONE =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The last time every database the plugin runs on stores (MySQL's DATETIME ends with 9999). */
const LATEST = Date.UTC(9999, 0, 1);

const invalid = (key: string, message: string) =>
  new errors.ValidationError(message, { key, path: [key], source: 'body' });

const postOf = (value: unknown, source: 'body' | 'query'): string => {
  if (typeof value !== 'string' || value.length > MAX_DOCUMENT_ID || !DOCUMENT_ID.test(value)) {
    throw new errors.ValidationError('post must be the documentId of a post', {
      key: 'post',
      source,
    });
  }
  return value;
};

const localeOf = (value: unknown, source: 'body' | 'query'): string => {
  if (!isLocaleCode(value)) {
    throw new errors.ValidationError('locale must be a locale code such as en or fr-CA', {
      key: 'locale',
      source,
    });
  }
  return value;
};

/** The moment an ISO 8601 text with a time zone names; null for anything else. */
export const parseScheduleTime = (value: unknown): Date | null => {
  if (typeof value !== 'string' || value.length > 40 || !ISO_WITH_ZONE.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

export interface ScheduleInput {
  post: string;
  locale: string;
  action: ScheduleAction;
  at: Date;
}

/** `POST /blog/schedules`: 400 for a bad shape or a time before `now` (less the clock skew). */
export const validateCreateSchedule = (body: unknown, now: Date): ScheduleInput => {
  if (!isPlainObject(body)) {
    throw new errors.ValidationError('Send { post, locale, action, at } as JSON');
  }
  const unknown = Object.keys(body).find(
    (key) => !['post', 'locale', 'action', 'at'].includes(key)
  );
  if (unknown) throw invalid(unknown.slice(0, 64), `Unknown field: ${unknown.slice(0, 64)}`);
  const input = body as Partial<Record<keyof CreateSchedule.Body, unknown>>;
  const post = postOf(input.post, 'body');
  const locale = localeOf(input.locale, 'body');
  if (typeof input.action !== 'string' || !ACTIONS.includes(input.action as ScheduleAction)) {
    throw invalid('action', 'action must be publish or unpublish');
  }
  const at = parseScheduleTime(input.at);
  if (!at) {
    throw invalid(
      'at',
      'at must be a date and time with its time zone, such as 2027-01-01T09:00:00Z'
    );
  }
  if (at.getTime() >= LATEST) throw invalid('at', 'at must be before the year 9999');
  if (at.getTime() < now.getTime() - SCHEDULE_CLOCK_SKEW_MS) {
    throw invalid('at', `at is in the past (${at.toISOString()}): choose a time to come`);
  }
  return { post, locale, action: input.action as ScheduleAction, at };
};

/** `GET /blog/schedules?post=…&locale=…`. */
export const validateFindSchedules = (query: unknown): FindSchedules.Query => {
  const params = isPlainObject(query) ? query : {};
  return { post: postOf(params.post, 'query'), locale: localeOf(params.locale, 'query') };
};

/** `:id` of `DELETE /blog/schedules/:id`: a positive integer, else no schedule (404). */
export const scheduleIdOf = (value: unknown): number => {
  const id = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw new errors.NotFoundError('No such schedule');
  return id;
};
