import { toIsoDate } from '../../contracts/dates';
import { storedDateToIso, storedDateToTime } from '../../server/src/utils/iso-dates';

describe('storedDateToIso', () => {
  it('writes every kind of stored date as toIsoDate does', () => {
    const values = [
      1203638400000,
      new Date('2008-02-22T10:30:00.123Z'),
      '2008-02-22T10:30:00.000Z',
      '2008-02-22 10:30:00',
      'not a date',
      Number.NaN,
      null,
      undefined,
    ];
    for (const value of values) expect(storedDateToIso(value)).toBe(toIsoDate(value));
  });

  it('answers the same text for an instant seen before, and after its memory is emptied', () => {
    const first = storedDateToIso(1203676200000);
    // More instants than it remembers: it empties its memory and starts again.
    for (let i = 0; i < 10000; i += 1) storedDateToIso(1600000000000 + i * 1000);
    expect(storedDateToIso(1203676200000)).toBe(first);
    expect(first).toBe('2008-02-22T10:30:00.000Z');
    expect(storedDateToIso(1600000000000 + 9999 * 1000)).toBe(
      new Date(1600000000000 + 9999 * 1000).toISOString()
    );
  });
});

describe('storedDateToTime', () => {
  it('orders stored dates by instant, with no date first', () => {
    expect(storedDateToTime(1203676200000)).toBe(1203676200000);
    expect(storedDateToTime(new Date(1203676200000))).toBe(1203676200000);
    expect(storedDateToTime('2008-02-22T10:30:00.000Z')).toBe(1203676200000);
    expect(storedDateToTime(null)).toBe(Number.NEGATIVE_INFINITY);
    expect(storedDateToTime('not a date')).toBe(Number.NEGATIVE_INFINITY);
  });
});
