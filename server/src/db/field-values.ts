/**
 * What @strapi/database's fields' `fromDB` makes of a column's value, for the plugin's raw reads
 * (db/post-relations.ts, db/post-rows.ts), so that a raw row reads as the query engine's row
 * (tests/api/strapi-internals.test.ts compares them on SQLite, PostgreSQL and MariaDB). A NULL
 * stays null: the query engine does not convert it.
 */

/** `json` (and `blocks`): parsed text. */
export const fromJson = (value: unknown) => {
  if (typeof value !== 'string') return value;
  try {
    const parsed: unknown = JSON.parse(value);
    // Strapi 5 before rc.7 stored some values stringified twice; the query engine parses again.
    return typeof parsed === 'string' ? JSON.parse(parsed) : parsed;
  } catch {
    return value;
  }
};

/** `boolean`: true and false from booleans or 1/0 (SQLite, MariaDB), otherwise null. */
export const fromBoolean = (value: unknown) => {
  if (value === null || typeof value === 'boolean') return value;
  const text = String(value);
  return text === '1' ? true : text === '0' ? false : null;
};

/** `integer`, `float`, `decimal`. */
export const fromNumber = (value: unknown) => (value === null ? null : Number(value));

/** `string`, `text`, `uid`, `enumeration`. */
export const fromString = (value: unknown) => (value === null ? null : String(value));

/** `datetime`: ISO 8601 text from a Date (PostgreSQL, MariaDB) or epoch milliseconds (SQLite). */
export const fromDatetime = (value: unknown) => {
  if (value === null) return null;
  const date = value instanceof Date ? value : new Date(value as string | number);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/** `date`: as the driver answers it (Strapi's connection settings make it `YYYY-MM-DD` text). */
export const fromDate = (value: unknown) => value;

/** The conversion of a column of this attribute type (Strapi's field for it). */
export const fromFieldOf = (type: string): ((value: unknown) => unknown) => {
  switch (type) {
    case 'json':
    case 'blocks':
      return fromJson;
    case 'boolean':
      return fromBoolean;
    case 'increments':
    case 'integer':
    case 'float':
    case 'decimal':
      return fromNumber;
    case 'datetime':
    case 'timestamp':
      return fromDatetime;
    case 'date':
    case 'time':
      return fromDate;
    default:
      return fromString;
  }
};
