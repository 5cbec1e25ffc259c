import type { TestApp } from './strapi';

/** How many SQL statements `work` sends to the database (knex's `query` events). */
export async function countStatements(app: TestApp, work: () => Promise<unknown>) {
  const knex = app.strapi.db.connection as unknown as {
    on(event: 'query', listener: () => void): void;
    removeListener(event: 'query', listener: () => void): void;
  };
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
  return statements;
}
