/**
 * How many rows a multi-row statement may carry (the importer's batches, the moderation log's
 * rows of a batch): every statement of a batch stays under `MAX_BINDINGS` bound values, so it
 * runs on SQLite (whose oldest limit is 999), PostgreSQL and MySQL/MariaDB (65,535).
 */

/** Bound values per statement, under every supported database's limit. */
export const MAX_BINDINGS = 999;

/** How many rows of `columns` values fit in one statement. */
export const rowsPerStatement = (columns: number) =>
  Math.max(1, Math.floor(MAX_BINDINGS / Math.max(1, columns)));
