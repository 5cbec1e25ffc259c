import type { TestApp } from './strapi';

type Listener = (query: { sql: string }) => void;
type Knex = {
  on(event: 'query', listener: Listener): void;
  removeListener(event: 'query', listener: Listener): void;
};

/** Resolves once the database has seen no statement for 60 ms, counting what it saw meanwhile. */
export const untilQuiet = async (knex: Knex, onStatement: Listener = () => undefined) => {
  let statements = 0;
  const listener: Listener = (query) => {
    statements += 1;
    onStatement(query);
  };
  knex.on('query', listener);
  try {
    for (let quiet = -1; quiet !== statements;) {
      quiet = statements;
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
  } finally {
    knex.removeListener('query', listener);
  }
};

/**
 * How many SQL statements `work` sends to the database (knex's `query` events), including what
 * it sets off after answering. The first request after boot costs more (Strapi warms up), so the
 * work runs `runs` times and the fewest statements seen is its cost.
 *
 * Each run starts with the public cache's memory emptied (docs/caching.md), so a read is counted
 * as built, the first time after a write; `{ cached: true }` counts it answered from memory.
 *
 * Strapi's cron is paused meanwhile (and a tick already running is waited for): the plugin's
 * ticks (mail outbox, schedules, trash purge) read the database every few seconds, and one of
 * them landing inside a count would add its statements to the request's.
 */
export async function countStatements(
  app: TestApp,
  work: () => Promise<unknown>,
  { runs = 3, cached = false }: { runs?: number; cached?: boolean } = {}
) {
  const knex = app.strapi.db.connection as unknown as Knex;
  const cron = app.strapi.cron;
  cron.stop();
  try {
    await untilQuiet(knex);
    let fewest = Number.POSITIVE_INFINITY;
    for (let run = 0; run < runs; run += 1) {
      if (!cached) app.strapi.plugin('blog').service('publicCache').clear();
      let statements = 0;
      const seen: string[] = [];
      const listener: Listener = (query) => {
        statements += 1;
        if (process.env.SHOW_SQL) seen.push(query.sql);
      };
      knex.on('query', listener);
      try {
        await work();
      } finally {
        knex.removeListener('query', listener);
      }
      // Strapi finishes some work after answering (the entry.create event loads the new entry's
      // relations): it belongs to this request, so count until the database has been quiet.
      await untilQuiet(knex, listener);
      if (process.env.SHOW_SQL) process.stdout.write(`--- ${statements}\n${seen.join('\n')}\n`);
      fewest = Math.min(fewest, statements);
    }
    return fewest;
  } finally {
    cron.start();
  }
}
