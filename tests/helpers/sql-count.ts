import type { TestApp } from './strapi';

type Listener = (query: { sql: string }) => void;
type Knex = {
  on(event: 'query', listener: Listener): void;
  removeListener(event: 'query', listener: Listener): void;
};

/**
 * How many SQL statements `work` sends to the database (knex's `query` events), including what
 * it sets off after answering. The first request after boot costs more (Strapi warms up), so the
 * work runs `runs` times and the fewest statements seen is its cost.
 */
export async function countStatements(
  app: TestApp,
  work: () => Promise<unknown>,
  { runs = 3 }: { runs?: number } = {}
) {
  const knex = app.strapi.db.connection as unknown as Knex;
  let fewest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run += 1) {
    let statements = 0;
    const seen: string[] = [];
    const listener: Listener = (query) => {
      statements += 1;
      if (process.env.SHOW_SQL) seen.push(query.sql);
    };
    knex.on('query', listener);
    try {
      await work();
      // Strapi finishes some work after answering (the entry.create event loads the new entry's
      // relations): it belongs to this request, so count until the database has been quiet.
      for (let quiet = statements - 1; quiet !== statements;) {
        quiet = statements;
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
    } finally {
      knex.removeListener('query', listener);
    }
    if (process.env.SHOW_SQL) process.stdout.write(`--- ${statements}\n${seen.join('\n')}\n`);
    fewest = Math.min(fewest, statements);
  }
  return fewest;
}
