/**
 * A stored date as ISO 8601 text (`2024-01-01T00:00:00.000Z`), whatever the database returned:
 * a Date (PostgreSQL), epoch milliseconds or text (SQLite). Text that is no date is kept as it is.
 */
export function toIsoDate(value: string | number | Date): string;
export function toIsoDate(value: string | number | Date | null | undefined): string | null;
export function toIsoDate(value: string | number | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : null;
  return date.toISOString();
}

/** A date as ISO 8601 text to the second (`2024-01-01T00:00:00Z`), as Atom feeds and sitemaps write it. */
export const toIsoSeconds = (value: Date): string => value.toISOString().replace(/\.\d{3}Z$/, 'Z');
