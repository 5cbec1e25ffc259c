import { toIsoDate, toIsoSeconds } from '../../contracts/dates';
import { adminDisplayName } from '../../contracts/display-name';

describe('toIsoDate', () => {
  it('writes a Date, epoch milliseconds and date text as the same ISO text', () => {
    const iso = '2024-03-01T12:30:00.000Z';
    expect(toIsoDate(new Date(iso))).toBe(iso);
    expect(toIsoDate(Date.parse(iso))).toBe(iso);
    expect(toIsoDate(iso)).toBe(iso);
    expect(toIsoDate('2024-03-01T12:30:00Z')).toBe(iso);
  });

  it('keeps null and undefined as null, and text that is no date as it is', () => {
    expect(toIsoDate(null)).toBeNull();
    expect(toIsoDate(undefined)).toBeNull();
    expect(toIsoDate('not a date')).toBe('not a date');
  });
});

describe('toIsoSeconds', () => {
  it('drops the milliseconds, as Atom feeds and sitemaps write a date', () => {
    expect(toIsoSeconds(new Date('2024-03-01T12:30:05.678Z'))).toBe('2024-03-01T12:30:05Z');
  });
});

describe('adminDisplayName', () => {
  it('names an admin as Strapi’s admin panel does: username, else names, else email', () => {
    const full = { username: 'ed', firstname: 'Ada', lastname: 'Lovelace', email: 'a@x.test' };
    expect(adminDisplayName(full)).toBe('ed');
    expect(adminDisplayName({ ...full, username: null })).toBe('Ada Lovelace');
    expect(adminDisplayName({ firstname: 'Ada', email: 'a@x.test' })).toBe('Ada');
    expect(adminDisplayName({ lastname: 'Lovelace' })).toBe('Lovelace');
    expect(adminDisplayName({ firstname: '', email: 'a@x.test' })).toBe('a@x.test');
    expect(adminDisplayName({})).toBe('');
  });
});
