import { errors } from '@strapi/utils';

import {
  defaultScheduleTime,
  scheduleLineKey,
  scheduleProblem,
  splitSchedules,
} from '../../admin/src/utils/schedule-form';
import type { PublicationSchedule } from '../../contracts/schedules';
import type { PublicationScheduleRow } from '../../server/src/models/publication-schedule';
import { CLAIM_STALE_MS, scheduleState, toSchedule } from '../../server/src/schedules/state';
import {
  parseScheduleTime,
  scheduleIdOf,
  validateCreateSchedule,
  validateFindSchedules,
} from '../../server/src/validation/schedules';

const NOW = new Date('2027-03-01T12:00:00.000Z');
const POST = 'abcdefghijklmnopqrstuvwx';

const body = (overrides: Record<string, unknown> = {}) => ({
  post: POST,
  locale: 'en',
  action: 'publish',
  at: '2027-03-01T13:00:00Z',
  ...overrides,
});

/** The error a validation throws, to read its class and message. */
const refusal = (run: () => unknown): Error => {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
};

describe('a schedule request', () => {
  it('takes a post, a locale, an action and a time to come', () => {
    expect(validateCreateSchedule(body(), NOW)).toEqual({
      post: POST,
      locale: 'en',
      action: 'publish',
      at: new Date('2027-03-01T13:00:00Z'),
    });
    expect(validateCreateSchedule(body({ action: 'unpublish' }), NOW).action).toBe('unpublish');
  });

  it('reads the time in the zone it names', () => {
    const { at } = validateCreateSchedule(body({ at: '2027-03-01T14:30+01:00' }), NOW);
    expect(at.toISOString()).toBe('2027-03-01T13:30:00.000Z');
  });

  it('refuses a time in the past, but not one a browser clock a few seconds behind sends', () => {
    const past = refusal(() => validateCreateSchedule(body({ at: '2027-03-01T11:59:00Z' }), NOW));
    expect(past).toBeInstanceOf(errors.ValidationError);
    expect(past.message).toBe(
      'at is in the past (2027-03-01T11:59:00.000Z): choose a time to come'
    );
    expect(validateCreateSchedule(body({ at: '2027-03-01T11:59:40Z' }), NOW).at.toISOString()).toBe(
      '2027-03-01T11:59:40.000Z'
    );
  });

  it('refuses a time without its zone, and anything that is not a date', () => {
    for (const at of ['2027-03-01T13:00:00', 'tomorrow', '2027-03-01', 1_900_000_000_000, null]) {
      const error = refusal(() => validateCreateSchedule(body({ at }), NOW));
      expect(error).toBeInstanceOf(errors.ValidationError);
      expect(error.message).toContain('at must be a date and time with its time zone');
    }
    expect(
      refusal(() => validateCreateSchedule(body({ at: '9999-12-31T23:59-12:00' }), NOW)).message
    ).toBe('at must be before the year 9999');
    // Shaped like a date, but no day of the calendar.
    expect(parseScheduleTime('2027-02-31T25:00:00Z')).toBeNull();
  });

  it('names what is wrong with the other fields', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ action: 'delete' }, 'action must be publish or unpublish'],
      [{ post: 'no such/post' }, 'post must be the documentId of a post'],
      [{ post: 12 }, 'post must be the documentId of a post'],
      [{ locale: 'english please' }, 'locale must be a locale code such as en or fr-CA'],
      [{ extra: 1 }, 'Unknown field: extra'],
    ];
    for (const [overrides, message] of cases) {
      expect(refusal(() => validateCreateSchedule(body(overrides), NOW)).message).toBe(message);
    }
    expect(refusal(() => validateCreateSchedule([body()], NOW)).message).toBe(
      'Send { post, locale, action, at } as JSON'
    );
  });

  it('refuses a very long time text at once, by its length', () => {
    expect(parseScheduleTime(`2027-03-01T13:00:00Z${' '.repeat(1_000_000)}`)).toBeNull();
    expect(parseScheduleTime('9'.repeat(1_000_000))).toBeNull();
  });

  it('checks the list query and the id of a cancel', () => {
    expect(validateFindSchedules({ post: POST, locale: 'fr-CA' })).toEqual({
      post: POST,
      locale: 'fr-CA',
    });
    expect(refusal(() => validateFindSchedules({ locale: 'en' }))).toBeInstanceOf(
      errors.ValidationError
    );
    expect(scheduleIdOf('42')).toBe(42);
    for (const id of ['0', '-1', '1.5', 'abc', '9'.repeat(40)]) {
      expect(refusal(() => scheduleIdOf(id))).toBeInstanceOf(errors.NotFoundError);
    }
  });
});

const row = (overrides: Partial<PublicationScheduleRow> = {}): PublicationScheduleRow => ({
  id: 1,
  postDocumentId: POST,
  locale: 'en',
  action: 'publish',
  at: NOW.getTime(),
  pending: true,
  scheduledById: 3,
  scheduledBy: 'Kaya Editor',
  createdAt: '2027-03-01T10:00:00.000Z',
  claimedBy: null,
  claimedAt: null,
  doneAt: null,
  error: null,
  ...overrides,
});

describe('a schedule as the admin API answers it', () => {
  it('is pending until claimed, running while its claim is fresh, pending again once stale', () => {
    expect(scheduleState(row(), NOW)).toBe('pending');
    const claimed = row({ claimedBy: 'instance-a', claimedAt: new Date(NOW.getTime() - 1000) });
    expect(scheduleState(claimed, NOW)).toBe('running');
    const stale = row({
      claimedBy: 'instance-a',
      claimedAt: new Date(NOW.getTime() - CLAIM_STALE_MS - 1),
    });
    expect(scheduleState(stale, NOW)).toBe('pending');
  });

  it('is done or failed once it ran', () => {
    expect(scheduleState(row({ doneAt: NOW, pending: null }), NOW)).toBe('done');
    expect(scheduleState(row({ doneAt: NOW, pending: null, error: 'The post is gone' }), NOW)).toBe(
      'failed'
    );
  });

  it('gives ISO dates whatever the database returned, and says who set it', () => {
    expect(toSchedule(row(), NOW)).toEqual({
      id: 1,
      postDocumentId: POST,
      locale: 'en',
      action: 'publish',
      at: '2027-03-01T12:00:00.000Z',
      state: 'pending',
      scheduledBy: 'Kaya Editor',
      byImport: false,
      createdAt: '2027-03-01T10:00:00.000Z',
      doneAt: null,
      error: null,
    });
    expect(toSchedule(row({ scheduledById: null, scheduledBy: 'Import' }), NOW).byImport).toBe(
      true
    );
  });
});

describe('the Schedule panel', () => {
  it('offers the next full hour, at least five minutes away', () => {
    expect(defaultScheduleTime(new Date('2027-03-01T12:20:00')).getTime()).toBe(
      new Date('2027-03-01T13:00:00').getTime()
    );
    expect(defaultScheduleTime(new Date('2027-03-01T12:57:00')).getTime()).toBe(
      new Date('2027-03-01T14:00:00').getTime()
    );
  });

  it('turns the button off for no time or a past one, with the server’s clock skew', () => {
    expect(scheduleProblem(undefined, NOW)).toBe('schedule.problem.noTime');
    expect(scheduleProblem(new Date(NaN), NOW)).toBe('schedule.problem.noTime');
    expect(scheduleProblem(new Date(NOW.getTime() - 60_000), NOW)).toBe('schedule.problem.past');
    expect(scheduleProblem(new Date(NOW.getTime() - 10_000), NOW)).toBeNull();
    expect(scheduleProblem(new Date(NOW.getTime() + 60_000), NOW)).toBeNull();
  });

  it('lists what will run apart from what ran', () => {
    const schedules = (['pending', 'running', 'done', 'failed'] as const).map(
      (state, id) => ({ ...toSchedule(row({ id }), NOW), state }) as PublicationSchedule
    );
    const { upcoming, past } = splitSchedules(schedules);
    expect(upcoming.map((s) => s.state)).toEqual(['pending', 'running']);
    expect(past.map((s) => s.state)).toEqual(['done', 'failed']);
    expect(scheduleLineKey('unpublish', 'failed')).toBe('schedule.line.unpublish.failed');
  });
});
