import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * Every difference between the SQL dialects the plugin runs on, in one place. The plugin's own
 * statements are written once in the common subset of SQLite, PostgreSQL, MySQL 8 and MariaDB
 * (knex builders, `??` identifier bindings, `WITH RECURSIVE`, window functions); what has no
 * common form is here:
 * - how a raw statement's rows come back (an array on SQLite, `.rows` on PostgreSQL,
 *   `[rows, fields]` on mysql2);
 * - where NULLs sort (first in ascending order on SQLite and MySQL, last on PostgreSQL);
 * - insert-or-nothing and "move forward if passed" upserts, which SQLite and PostgreSQL do in one
 *   statement with `ON CONFLICT … RETURNING`, and MySQL/MariaDB (no `RETURNING` on `INSERT`, no
 *   `WHERE` on `ON DUPLICATE KEY UPDATE`) with `INSERT IGNORE` and a guarded `UPDATE`, read
 *   through the affected-row count;
 * - whether an UPDATE may read its own table in a subquery (MySQL 8 refuses it, error 1093;
 *   MariaDB, SQLite and PostgreSQL allow it): where it may not, a multi-table UPDATE … JOIN.
 *
 * The dialect is Strapi's public `strapi.db.dialect.client`: 'sqlite', 'postgres' or 'mysql'
 * (MySQL and MariaDB alike).
 */
export type Dialect = 'sqlite' | 'postgres' | 'mysql';

export const dialectOf = (strapi: Core.Strapi): Dialect => {
  const client = strapi.db.dialect.client;
  if (client === 'postgres' || client === 'mysql' || client === 'sqlite') return client;
  throw new Error(`strapi-plugin-blog does not know the database client "${client}"`);
};

/** Rows of a `knex.raw` SELECT, whatever the client. */
export const rawRows = <T>(result: unknown): T[] => {
  if (Array.isArray(result)) {
    // mysql2 answers [rows, fields]; SQLite answers the rows, which are objects, never arrays.
    return (Array.isArray(result[0]) ? result[0] : result) as T[];
  }
  return (result as { rows?: T[] }).rows ?? [];
};

/** One `?` per value, for an `IN (…)` list of a `knex.raw` statement. */
export const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/**
 * A raw select list, `?? AS ??` per entry of `columns` (the name it answers as → its column), and
 * its bindings, for a `knex.raw` statement.
 */
export const selectAs = (columns: Readonly<Record<string, string>>) => {
  const entries = Object.entries(columns);
  return {
    list: entries.map(() => '?? AS ??').join(', '),
    bindings: entries.flatMap(([as, column]) => [column, as]),
  };
};

/** False where `UPDATE t SET x = (SELECT … FROM t …)` is refused: the MySQL family. */
export const updateMayReadItsTable = (dialect: Dialect) => dialect !== 'mysql';

/** Rows a raw MySQL/MariaDB INSERT changed: mysql2 answers `[ResultSetHeader, undefined]`. */
const mysqlAffectedRows = (result: unknown): number => {
  const [header] = result as [{ affectedRows?: number }];
  return Number(header?.affectedRows ?? 0);
};

/**
 * `ORDER BY column, id` where a NULL in `column` reads as the oldest: first in ascending order,
 * last in descending. SQLite and MySQL put NULLs there by themselves (so an index on the column
 * still gives the order without a sort); PostgreSQL is told.
 */
export const nullsOldestOrder = (
  dialect: Dialect,
  column: string,
  order: 'asc' | 'desc'
): [string, string[]] => {
  const direction = order === 'asc' ? 'ASC' : 'DESC';
  const nulls = dialect !== 'postgres' ? '' : order === 'asc' ? ' NULLS FIRST' : ' NULLS LAST';
  return [`?? ${direction}${nulls}, ?? ${direction}`, [column, 'id']];
};

/** Inserts `row` unless a row with the same `key` exists: true when this call inserted it. */
export const insertIfAbsent = async (
  knex: Knex,
  dialect: Dialect,
  table: string,
  row: { key: string; until: number }
): Promise<boolean> => {
  if (dialect === 'mysql') {
    const result = await knex.raw('INSERT IGNORE INTO ?? (??, ??) VALUES (?, ?)', [
      table,
      'key',
      'until',
      row.key,
      row.until,
    ]);
    return mysqlAffectedRows(result) === 1;
  }
  const inserted = await knex(table).insert(row).onConflict('key').ignore().returning('key');
  return inserted.length > 0;
};

/**
 * Inserts `row` unless a row with the same values in `unique` (a unique index's columns) exists:
 * true when this call inserted it, whichever instance raced it.
 */
export const insertUniqueRow = async (
  knex: Knex,
  dialect: Dialect,
  table: string,
  row: Record<string, string | number | null>,
  unique: string[]
): Promise<boolean> => {
  if (dialect === 'mysql') {
    const columns = Object.keys(row);
    const marks = (mark: string) => columns.map(() => mark).join(', ');
    const result = await knex.raw(`INSERT IGNORE INTO ?? (${marks('??')}) VALUES (${marks('?')})`, [
      table,
      ...columns,
      ...columns.map((column) => row[column]),
    ]);
    return mysqlAffectedRows(result) === 1;
  }
  const inserted = await knex(table).insert(row).onConflict(unique).ignore().returning(unique[0]);
  return inserted.length > 0;
};

/**
 * A SELECT that locks the rows it reads until the transaction ends (`FOR UPDATE`), so a racing
 * transaction waits and then reads what this one wrote. SQLite has no row locks: its one writer
 * at a time (one connection, held by the transaction) gives the same order.
 */
export const lockForUpdate = <T extends Knex.QueryBuilder>(query: T, dialect: Dialect): T =>
  dialect === 'sqlite' ? query : (query.forUpdate() as T);

/**
 * Sets `key`'s `until` to `row.until` if it has none yet or its `until` is at most `nowMs`, in a
 * way that two instances racing on one key cannot both win: true when this call moved it.
 */
export const moveForwardIfPassed = async (
  knex: Knex,
  dialect: Dialect,
  table: string,
  row: { key: string; until: number },
  nowMs: number
): Promise<boolean> => {
  if (dialect === 'mysql') {
    // The row lock taken by UPDATE makes a racing UPDATE re-read `until` and match nothing; a
    // racing first INSERT loses to the primary key.
    const updated = await knex(table)
      .where('key', row.key)
      .andWhere('until', '<=', nowMs)
      .update({ until: row.until });
    if (Number(updated) > 0) return true;
    return insertIfAbsent(knex, dialect, table, row);
  }
  const passed = await knex(table)
    .insert(row)
    .onConflict('key')
    .merge(['until'])
    .where(`${table}.until`, '<=', nowMs)
    .returning('key');
  return passed.length > 0;
};

/**
 * `moveForwardIfPassed` for several keys at once, each key on its own (one key held back does not
 * hold back the others): the keys it moved. One statement on SQLite and PostgreSQL (a multi-row
 * upsert whose RETURNING lists the rows inserted or moved); an UPDATE, then an INSERT when it
 * found no row, per key on MySQL and MariaDB.
 */
export const moveForwardIfPassedEach = async (
  knex: Knex,
  dialect: Dialect,
  table: string,
  rows: Array<{ key: string; until: number }>,
  nowMs: number
): Promise<Set<string>> => {
  if (rows.length === 0) return new Set();
  if (dialect === 'mysql') {
    const moved = new Set<string>();
    for (const row of rows) {
      if (await moveForwardIfPassed(knex, dialect, table, row, nowMs)) moved.add(row.key);
    }
    return moved;
  }
  // Written out: knex 3 drops the DO UPDATE's WHERE from a multi-row insert on SQLite (it builds
  // the rows as INSERT … SELECT … UNION ALL), which would move every key forward.
  const values = rows.map(() => '(?, ?)').join(', ');
  const result = await knex.raw(
    `INSERT INTO ?? (??, ??) VALUES ${values} ON CONFLICT (??) DO UPDATE SET ?? = excluded.?? WHERE ??.?? <= ? RETURNING ??`,
    [
      table,
      'key',
      'until',
      ...rows.flatMap((row) => [row.key, row.until]),
      'key',
      'until',
      'until',
      table,
      'until',
      nowMs,
      'key',
    ]
  );
  return new Set(rawRows<{ key: string }>(result).map((row) => row.key));
};
