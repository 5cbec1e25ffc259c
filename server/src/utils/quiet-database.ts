import type { Core } from '@strapi/strapi';

/** The parts of the pool (tarn) that say whether anything is using it or waiting for it. */
interface PoolUse {
  numUsed(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

const poolOf = (strapi: Core.Strapi): PoolUse | undefined =>
  (strapi.db?.connection as unknown as { client?: { pool?: PoolUse } } | undefined)?.client?.pool;

const busy = (pool: PoolUse) =>
  pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0;

/** How long Strapi's stop waits, at most, for the database to go quiet. */
export const QUIET_TIMEOUT_MS = 5000;

/**
 * Waits until no query has used the database pool for `quietMs` (at most `timeoutMs`).
 *
 * Strapi runs some work after a transaction commits without awaiting it: the document
 * service's `entry.*` events read the entry back, query by query. When Strapi stops, its
 * database closes right after the plugins' `destroy`; a read still on its way then fails
 * ("aborted"), or waits for a connection that never comes and fails a minute later
 * ("Timeout acquiring a connection"), as an unhandled rejection in whatever the process is
 * doing by then. Waiting here lets that work end first. Returns whether the pool went quiet.
 */
export const waitForQuietDatabase = async (
  strapi: Core.Strapi,
  { quietMs = 60, timeoutMs = QUIET_TIMEOUT_MS, stepMs = 10 } = {}
): Promise<boolean> => {
  const pool = poolOf(strapi);
  if (!pool) return true;
  const deadline = Date.now() + timeoutMs;
  let quietSince = busy(pool) ? undefined : Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, stepMs));
    if (busy(pool)) quietSince = undefined;
    else if (quietSince === undefined) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return true;
  }
  return false;
};
