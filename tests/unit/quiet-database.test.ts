import type { Core } from '@strapi/strapi';

import { waitForQuietDatabase } from '../../server/src/utils/quiet-database';

/** A pool whose use is set by the test, as tarn reports it. */
const fakeStrapi = () => {
  const use = { used: 0, acquiring: 0, creating: 0 };
  const pool = {
    numUsed: () => use.used,
    numPendingAcquires: () => use.acquiring,
    numPendingCreates: () => use.creating,
  };
  return { use, strapi: { db: { connection: { client: { pool } } } } as unknown as Core.Strapi };
};

describe('waitForQuietDatabase', () => {
  it('returns once the pool has been unused for the quiet time', async () => {
    const { use, strapi } = fakeStrapi();
    use.used = 1;
    let released = 0;
    setTimeout(() => {
      use.used = 0;
      use.acquiring = 1; // the next query of the same read waits for a connection
      setTimeout(() => {
        use.acquiring = 0;
        released = Date.now();
      }, 30);
    }, 50);
    await expect(waitForQuietDatabase(strapi, { quietMs: 40, timeoutMs: 2000 })).resolves.toBe(
      true
    );
    expect(released).toBeGreaterThan(0);
    expect(Date.now() - released).toBeGreaterThanOrEqual(40);
  });

  it('gives up after the time limit when the pool stays busy', async () => {
    const { use, strapi } = fakeStrapi();
    use.creating = 1;
    await expect(waitForQuietDatabase(strapi, { quietMs: 20, timeoutMs: 100 })).resolves.toBe(
      false
    );
  });

  it('has nothing to wait for without a pool (the database is already closed)', async () => {
    await expect(waitForQuietDatabase({ db: {} } as unknown as Core.Strapi)).resolves.toBe(true);
  });
});
