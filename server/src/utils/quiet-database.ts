import type { Core } from '@strapi/strapi';

import { poolActivity } from '../db/pool';

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
  const busy = poolActivity(strapi);
  if (!busy) return true;
  const deadline = Date.now() + timeoutMs;
  let quietSince = busy() ? undefined : Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, stepMs));
    if (busy()) quietSince = undefined;
    else if (quietSince === undefined) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return true;
  }
  return false;
};
