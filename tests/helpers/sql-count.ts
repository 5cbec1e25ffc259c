import type { TestApp } from './strapi';

type Knex = {
  on(event: 'query', listener: () => void): void;
  removeListener(event: 'query', listener: () => void): void;
};

/**
 * How many SQL statements `work` sends to the database (knex's `query` events). Strapi runs a
 * little background work of its own now and then (the same listener sees it), so the work runs
 * `runs` times and the fewest statements seen is its cost.
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
    const listener = () => {
      statements += 1;
    };
    knex.on('query', listener);
    try {
      await work();
    } finally {
      knex.removeListener('query', listener);
    }
    fewest = Math.min(fewest, statements);
  }
  return fewest;
}
