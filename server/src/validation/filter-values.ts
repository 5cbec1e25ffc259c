/**
 * What a public filter may compare a field with, by the field's attribute type: the operators
 * each type takes and the values each operator takes. Pure: the caller names the attribute type
 * (from `strapi.getModel(uid).attributes`), so unit tests can drive it with a schema alone.
 *
 * Every value is checked here, before any SQL: Strapi's query engine casts dates, datetimes and
 * numbers while it builds the SQL and answers 500 when a cast fails.
 */

/** How a filter reads an attribute's values. */
export type FilterKind = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'time';

const KIND_OF_TYPE: Record<string, FilterKind> = {
  string: 'string',
  text: 'string',
  uid: 'string',
  email: 'string',
  richtext: 'string',
  enumeration: 'string',
  integer: 'integer',
  biginteger: 'integer',
  float: 'number',
  decimal: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  timestamp: 'datetime',
  time: 'time',
};

/** The filter kind of a Strapi attribute type, or null when it cannot be filtered on. */
export const filterKindOf = (type: string): FilterKind | null =>
  Object.prototype.hasOwnProperty.call(KIND_OF_TYPE, type) ? KIND_OF_TYPE[type] : null;

const COMPARISONS = ['$eq', '$ne', '$lt', '$lte', '$gt', '$gte', '$in', '$notIn', '$between'];
const PRESENCE = ['$null', '$notNull'];
const TEXT_SEARCH = [
  '$eqi',
  '$nei',
  '$contains',
  '$notContains',
  '$containsi',
  '$notContainsi',
  '$startsWith',
  '$startsWithi',
  '$endsWith',
  '$endsWithi',
];

/**
 * The operators each kind takes, besides `$not` (which takes the same as its field). Strapi's
 * `$jsonSupersetOf` is in none: it is internal, and fails on SQLite.
 */
export const OPERATORS_BY_KIND: Record<FilterKind, readonly string[]> = {
  string: [...COMPARISONS, ...TEXT_SEARCH, ...PRESENCE],
  integer: [...COMPARISONS, ...PRESENCE],
  number: [...COMPARISONS, ...PRESENCE],
  date: [...COMPARISONS, ...PRESENCE],
  datetime: [...COMPARISONS, ...PRESENCE],
  time: [...COMPARISONS, ...PRESENCE],
  boolean: ['$eq', '$ne', '$in', '$notIn', ...PRESENCE],
};

/** Operators whose value is a list: `$in`/`$notIn` one or more values, `$between` two. */
export const LIST_OPERATORS = ['$in', '$notIn', '$between'];

/** Why a value was refused; the caller turns it into Strapi's ValidationError with its path. */
export class FilterValueError extends Error {}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?$/;
const INTEGER = /^-?\d{1,16}$/;
const DECIMAL = /^-?\d{1,16}(?:\.\d{1,16})?$/;
const BOOLEANS: Record<string, boolean> = {
  true: true,
  t: true,
  '1': true,
  false: false,
  f: false,
  '0': false,
};

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

const isCalendarDate = (year: string, month: string, day: string) => {
  const m = Number(month);
  const d = Number(day);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(Number(year), m);
};

const isClock = (hours: string, minutes: string, seconds = '00') =>
  Number(hours) <= 23 && Number(minutes) <= 59 && Number(seconds) <= 59;

/** A calendar date `YYYY-MM-DD`, as Strapi stores a `date`. */
const parseDate = (value: string): string => {
  const match = DATE.exec(value);
  if (!match || !isCalendarDate(match[1], match[2], match[3])) {
    throw new FilterValueError('expected a date as YYYY-MM-DD');
  }
  return value;
};

/**
 * An ISO 8601 date, or date and time (`2024-01-31`, `2024-01-31T10:00:00.000Z`, `…+02:00`),
 * as the instant in canonical ISO form. A value without an offset is read as UTC.
 */
const parseDatetime = (value: string): string => {
  const match = DATETIME.exec(value);
  const fail = () => new FilterValueError('expected an ISO 8601 date or date and time');
  if (!match) throw fail();
  const [, year, month, day, hours = '00', minutes = '00', seconds = '00', fraction = ''] = match;
  const offset = match[8] ?? 'Z';
  if (!isCalendarDate(year, month, day) || !isClock(hours, minutes, seconds)) throw fail();
  if (offset !== 'Z' && !isClock(offset.slice(1, 3), offset.slice(4, 6))) throw fail();
  const time = new Date(
    `${year}-${month}-${day}T${hours}:${minutes}:${seconds}${fraction}${offset}`
  );
  if (Number.isNaN(time.getTime())) throw fail();
  return time.toISOString();
};

const parseTime = (value: string): string => {
  const match = TIME.exec(value);
  if (!match || !isClock(match[1], match[2], match[3])) {
    throw new FilterValueError('expected a time as HH:mm:ss');
  }
  return value;
};

const parseNumber = (value: string | number, kind: 'integer' | 'number'): number => {
  const text = typeof value === 'number' ? null : value;
  const number = typeof value === 'number' ? value : Number(value);
  const shaped = text === null || (kind === 'integer' ? INTEGER : DECIMAL).test(text);
  const whole = kind !== 'integer' || Number.isSafeInteger(number);
  if (!shaped || !Number.isFinite(number) || !whole) {
    throw new FilterValueError(
      kind === 'integer' ? 'expected a whole number' : 'expected a number'
    );
  }
  return number;
};

/** A boolean as Strapi reads one from a query string: true/false, t/f, 1/0. */
export const parseBooleanValue = (value: unknown): boolean => {
  if (typeof value === 'boolean') return value;
  const key = typeof value === 'number' ? String(value) : value;
  if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(BOOLEANS, key)) {
    return BOOLEANS[key];
  }
  throw new FilterValueError('expected true or false');
};

/**
 * One scalar value of a field of this kind, checked and in the form the query engine takes.
 * `null` is taken by `$eq`/`$ne` only (is null / is not null); the caller decides that.
 */
export const parseScalarValue = (kind: FilterKind, value: unknown): unknown => {
  if (kind === 'boolean') return parseBooleanValue(value);
  const isNumber = typeof value === 'number' && Number.isFinite(value);
  if (typeof value !== 'string' && !isNumber) {
    throw new FilterValueError('expected a single value');
  }
  const scalar = value as string | number;
  switch (kind) {
    case 'string':
      return String(scalar);
    case 'integer':
    case 'number':
      return parseNumber(scalar, kind);
    case 'date':
      return parseDate(String(scalar));
    case 'datetime':
      return parseDatetime(String(scalar));
    case 'time':
      return parseTime(String(scalar));
  }
};
