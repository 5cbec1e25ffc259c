import { parseType } from '@strapi/utils';
import fc from 'fast-check';

import {
  filterKindOf,
  FilterValueError,
  OPERATORS_BY_KIND,
  parseBooleanValue,
  parseScalarValue,
} from '../../server/src/validation/filter-values';

const refused = (kind: Parameters<typeof parseScalarValue>[0], value: unknown) =>
  expect(() => parseScalarValue(kind, value)).toThrow(FilterValueError);

describe('filter kinds and their operators', () => {
  it('reads Strapi’s attribute types, and nothing that cannot be filtered on', () => {
    expect(filterKindOf('uid')).toBe('string');
    expect(filterKindOf('timestamp')).toBe('datetime');
    expect(filterKindOf('biginteger')).toBe('integer');
    for (const type of ['blocks', 'json', 'component', 'relation', 'media', 'toString']) {
      expect(filterKindOf(type)).toBeNull();
    }
  });

  it('gives text search to text only, and $jsonSupersetOf to none', () => {
    expect(OPERATORS_BY_KIND.string).toContain('$containsi');
    expect(OPERATORS_BY_KIND.date).not.toContain('$containsi');
    expect(OPERATORS_BY_KIND.boolean).not.toContain('$gt');
    for (const operators of Object.values(OPERATORS_BY_KIND)) {
      expect(operators).not.toContain('$jsonSupersetOf');
    }
  });
});

describe('parseScalarValue', () => {
  it('takes calendar dates only', () => {
    expect(parseScalarValue('date', '2024-02-29')).toBe('2024-02-29');
    for (const value of ['2023-02-29', '2024-04-31', '2024-00-10', '2024-1-1', '24-01-01', '']) {
      refused('date', value);
    }
    refused('date', '2024-01-01T00:00:00Z');
    refused('date', ['2024-01-01']);
  });

  it('takes ISO 8601 instants, reading one without offset as UTC', () => {
    expect(parseScalarValue('datetime', '2024-01-31')).toBe('2024-01-31T00:00:00.000Z');
    expect(parseScalarValue('datetime', '2024-01-31 10:20')).toBe('2024-01-31T10:20:00.000Z');
    expect(parseScalarValue('datetime', '2024-01-31T10:20:30.5-03:30')).toBe(
      '2024-01-31T13:50:30.500Z'
    );
    for (const value of [
      'zz',
      '2024-01-31T',
      '2024-01-31T25:00:00Z',
      '2024-01-31T10:60:00Z',
      '2024-01-31T10:00:00+24:00',
      '2024-01-31T10:00:00.1234Z',
      '1706695200000',
      '+002024-01-31',
    ]) {
      refused('datetime', value);
    }
  });

  it('accepts only what Strapi’s own parser reads as the same instant', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const stamp = fc.tuple(
      fc.integer({ min: 1000, max: 9999 }),
      two(13),
      two(32),
      two(24),
      two(60),
      fc.constantFrom('Z', '+02:00', '-11:30', '')
    );
    fc.assert(
      fc.property(stamp, ([year, month, day, hours, minutes, offset]) => {
        const value = `${year}-${month}-${day}T${hours}:${minutes}:00${offset || 'Z'}`;
        let ours: unknown;
        try {
          ours = parseScalarValue('datetime', value);
        } catch (error) {
          expect(error).toBeInstanceOf(FilterValueError);
          return;
        }
        const strapis = parseType({ type: 'datetime', value }) as Date;
        expect(strapis.toISOString()).toBe(ours);
      }),
      { numRuns: 3000 }
    );
  });

  it('takes booleans as Strapi reads them from a query string', () => {
    expect(['true', 't', '1', 1, true].map((v) => parseScalarValue('boolean', v))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(parseBooleanValue('0')).toBe(false);
    for (const value of ['yes', '', 'TRUE', 2, null, ['true'], { $eq: 'true' }]) {
      refused('boolean', value);
    }
  });

  it('takes numbers that are numbers, whole ones for integers', () => {
    expect(parseScalarValue('integer', '-42')).toBe(-42);
    expect(parseScalarValue('number', '3.25')).toBe(3.25);
    for (const value of ['99999999999999999999', '1.5', '1e3', '0x10', '', 'NaN', Infinity]) {
      refused('integer', value);
    }
    refused('number', 'Infinity');
  });

  it('takes times as HH:mm:ss', () => {
    expect(parseScalarValue('time', '23:59:59.999')).toBe('23:59:59.999');
    refused('time', '24:00:00');
    refused('time', '10:00');
  });

  it('takes a single value, never a list or an object, for any kind', () => {
    for (const kind of ['string', 'integer', 'date', 'datetime', 'time', 'boolean'] as const) {
      refused(kind, ['a']);
      refused(kind, { $eq: 'a' });
      refused(kind, undefined);
    }
  });

  it('reads any string in time linear in its length', () => {
    // A worst case for the date patterns: long runs of what they take, then a miss. Completing
    // is the check (a backtracking pattern would not finish); no time is asserted.
    const long = `${'2024-01-31T10:00:00'.repeat(20000)}x`;
    for (const kind of ['date', 'datetime', 'time', 'integer', 'number'] as const) {
      refused(kind, long);
      refused(kind, `${'1'.repeat(100000)}x`);
    }
  });
});
