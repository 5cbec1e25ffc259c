/**
 * The plugin's raw SELECTs on the public read paths, with their SQL text built once per process
 * and, on SQLite, their statement compiled once per connection, instead of on every request.
 *
 * knex formats a raw statement's `??` identifiers on every call, and its better-sqlite3 client
 * compiles (`prepare`) the SQL on every call: for a post's relations (a dozen joins) the compile
 * alone costs more than running it. Here the text knex formats for a statement (the same text
 * knex would send) is kept, keyed by the statement and its identifiers, and on SQLite the
 * compiled statement is kept per connection, so a request only binds its values and runs it.
 *
 * It relies on knex 3's client as Strapi 5.54.0 sets it up (tests/api/strapi-internals.test.ts
 * checks each on a booted Strapi):
 * - `knex.raw(text, bindings).toSQL()` answers the text with identifiers quoted and `?` for each
 *   value, and the values alone;
 * - `knex.client.acquireConnection()` / `releaseConnection()` lend the pool's connection (a
 *   transaction's client lends the transaction's own), so a read waits for SQLite's single
 *   connection like any knex query and never sees another request's uncommitted rows
 *   (`withReads` keeps one borrow for several statements in a row);
 * - a better-sqlite3 connection's `prepare(sql)` answers a statement with `reader`, `raw()`,
 *   `columns()` and `all()`; in raw mode `all()` answers each row as an array of its values in
 *   the order of `columns()` (turned into an object here: a third faster than better-sqlite3
 *   making the objects, 38 against 52 µs for a page of 25 comments);
 *   knex's client binds a Date as its milliseconds and a boolean as 0 or 1, as done here;
 * - `knex.client.emit('query', …)` is what knex emits for each statement it runs, so whoever
 *   listens to the knex's `query` event (Strapi's debug log, the plugin's statement counts) still
 *   sees every statement.
 * PostgreSQL and MySQL/MariaDB compile statements on the server: there the kept text is sent with
 * `knex.raw`.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { sql } from './connection';
import { dialectOf, rawRows } from './dialect';

/** A value bound to a `?` of a raw statement. */
export type SqlValue = string | number | boolean | Date | null;

/** At most this many texts and, per connection, compiled statements are kept (oldest out). */
const KEPT = 256;

type SqliteStatement = {
  reader: boolean;
  raw: (toggle: boolean) => SqliteStatement;
  columns: () => Array<{ name: string }>;
  all: (...values: unknown[]) => unknown[][];
};
/** A statement compiled in raw mode, with the names of the columns it answers. */
type Compiled = { statement: SqliteStatement; names: string[] };
type SqliteConnection = { prepare: (text: string) => SqliteStatement };
type LendingClient = {
  acquireConnection: () => Promise<unknown>;
  releaseConnection: (connection: unknown) => Promise<unknown> | unknown;
  emit: (event: 'query', query: Record<string, unknown>) => boolean;
};

/** Adds to a Map used as a bounded cache, dropping the entry kept longest when it is full. */
const keep = <K, V>(kept: Map<K, V>, key: K, value: V): V => {
  if (kept.size >= KEPT) kept.delete(kept.keys().next().value as K);
  kept.set(key, value);
  return value;
};

/**
 * For each binding of a knex raw text, whether it is an identifier (`??`) or a value (`?`), read
 * as knex's raw formatter reads them (an escaped `\?` binds nothing).
 */
export const bindingKinds = (text: string): Array<'identifier' | 'value'> => {
  const kinds: Array<'identifier' | 'value'> = [];
  for (const [mark] of text.matchAll(/\\\?|\?\??/g)) {
    if (mark === '??') kinds.push('identifier');
    else if (mark === '?') kinds.push('value');
  }
  return kinds;
};

const kindsOfText = new Map<string, Array<'identifier' | 'value'>>();
/**
 * The text knex formats, by raw text and then by identifiers: the raw texts are the callers'
 * own strings, written once, whose hash V8 keeps, where one key joining the two would be a new
 * long string to hash on every call.
 */
const formatted = new Map<string, Map<string, string>>();
const compiled = new WeakMap<object, Map<string, Compiled>>();

/** The text knex sends for `text` with these identifiers (built once), and the values alone. */
const prepare = (knex: Knex, text: string, bindings: ReadonlyArray<string | SqlValue>) => {
  const kinds = kindsOfText.get(text) ?? keep(kindsOfText, text, bindingKinds(text));
  if (kinds.length !== bindings.length) {
    throw new Error(`A raw statement has ${kinds.length} marks and ${bindings.length} bindings`);
  }
  const identifiers: string[] = [];
  const values: SqlValue[] = [];
  kinds.forEach((kind, at) => {
    if (kind === 'identifier') identifiers.push(String(bindings[at]));
    else values.push(bindings[at] as SqlValue);
  });
  const byIdentifiers = formatted.get(text) ?? keep(formatted, text, new Map<string, string>());
  const key = identifiers.join('\u0000');
  let query = byIdentifiers.get(key);
  if (query === undefined) {
    query = keep(byIdentifiers, key, knex.raw(text, bindings as Knex.RawBinding[]).toSQL().sql);
  }
  return { query, values };
};

/** A value as knex's better-sqlite3 client binds it. */
const toSqlite = (value: SqlValue) => {
  if (value instanceof Date) return value.valueOf();
  if (typeof value === 'boolean') return Number(value);
  return value;
};

/**
 * Runs a raw SELECT written as for `knex.raw` (`??` identifiers, `?` values) and answers its
 * rows; given to `withReads`' work.
 */
export type SelectRows = <T>(
  text: string,
  bindings: ReadonlyArray<string | SqlValue>
) => Promise<T[]>;

/** A SQLite statement of the connection, compiled in raw mode the first time it is asked for. */
const compiledOn = (connection: SqliteConnection & object, query: string): Compiled => {
  const statements = compiled.get(connection) ?? new Map<string, Compiled>();
  compiled.set(connection, statements);
  let kept = statements.get(query);
  if (kept === undefined) {
    const statement = connection.prepare(query);
    if (!statement.reader) throw new Error('prepared reads run SELECTs only');
    statement.raw(true);
    const names = statement.columns().map((column) => column.name);
    kept = keep(statements, query, { statement, names });
  }
  return kept;
};

/**
 * Runs `work` with one borrow of the connection (the current transaction's, when there is one),
 * for several raw SELECTs in a row: on SQLite each `select` runs at once on the borrowed
 * connection, where `selectRows` borrows and gives back the pool's connection for every
 * statement (a pending operation, a timer and several promises each). `work` must run nothing
 * but its `select`s: on SQLite the pool has one connection, and any other query would wait for
 * it until `work` ends.
 */
export const withReads = async <T>(
  strapi: Core.Strapi,
  work: (select: SelectRows) => Promise<T>
): Promise<T> => {
  const knex = await sql(strapi);
  if (dialectOf(strapi) !== 'sqlite') {
    return work(async (text, bindings) => {
      const { query, values } = prepare(knex, text, bindings);
      return rawRows(await knex.raw(query, values));
    });
  }
  const client = knex.client as unknown as LendingClient;
  const connection = (await client.acquireConnection()) as SqliteConnection & object;
  try {
    return await work(<R>(text: string, bindings: ReadonlyArray<string | SqlValue>) => {
      const { query, values } = prepare(knex, text, bindings);
      const { statement, names } = compiledOn(connection, query);
      client.emit('query', { method: 'raw', sql: query, bindings: values });
      const rows = statement.all(...values.map(toSqlite)).map((cells) => {
        const row: Record<string, unknown> = {};
        for (let at = 0; at < names.length; at += 1) row[names[at]] = cells[at];
        return row as R;
      });
      return Promise.resolve(rows);
    });
  } finally {
    await client.releaseConnection(connection);
  }
};

/**
 * The rows of a raw SELECT written as for `knex.raw` (`??` identifiers, `?` values), on the
 * current transaction's connection when there is one.
 */
export const selectRows = <T>(
  strapi: Core.Strapi,
  text: string,
  bindings: ReadonlyArray<string | SqlValue>
): Promise<T[]> => withReads(strapi, (select) => select<T>(text, bindings));

/**
 * `selectRows` on this Strapi as a `SelectRows`: each statement with a borrow of its own, for a
 * reader called without a `withReads` borrow.
 */
export const ownBorrows =
  (strapi: Core.Strapi): SelectRows =>
  (text, bindings) =>
    selectRows(strapi, text, bindings);
