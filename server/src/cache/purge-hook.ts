import type { Core } from '@strapi/strapi';

import { surrogateKeyOf, type CacheTag } from '../../../contracts/cache';
import type { CachePurgeConfig } from '../config';

/** Tries of one purge call, waiting 1 s, then 2 s between them. */
const ATTEMPTS = 3;

/**
 * Tells a CDN which surrogate keys a write invalidated (docs/caching.md): a request to
 * `cache.purge.url` with the keys in a JSON body (`{ "keys": [...] }`) and, space-separated, in
 * the surrogate-key header. Keys of the writes of one tick go in one call; a call runs after the
 * write has committed, and a failing one is tried again twice, then logged.
 */
const createPurgeHook = ({
  strapi,
  config,
  keyHeader,
}: {
  strapi: Core.Strapi;
  config: CachePurgeConfig;
  keyHeader: string | null;
}) => {
  let pending: Set<string> | null = null;
  const inFlight = new Set<Promise<void>>();

  const call = async (keys: string[]) => {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      ...config.headers,
    };
    if (keyHeader) headers[keyHeader] = keys.join(' ');
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      try {
        const response = await fetch(config.url as string, {
          method: config.method,
          headers,
          body: JSON.stringify({ keys }),
          signal: AbortSignal.timeout(config.timeoutMs),
        });
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) return;
        throw new Error(`answered ${response.status}`);
      } catch (error) {
        if (attempt === ATTEMPTS) {
          strapi.log.warn(`[blog] cache purge of ${keys.join(' ')} failed: ${String(error)}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** (attempt - 1)));
      }
    }
  };

  const flush = () => {
    const keys = [...(pending ?? [])];
    pending = null;
    if (keys.length === 0) return;
    const running = call(keys).finally(() => inFlight.delete(running));
    inFlight.add(running);
  };

  return {
    enabled: Boolean(config.url),

    /** Queues the keys of these tags for the next call. */
    schedule(tags: readonly CacheTag[]) {
      if (!config.url || tags.length === 0) return;
      if (!pending) {
        pending = new Set();
        setImmediate(flush);
      }
      for (const tag of tags) pending.add(surrogateKeyOf(tag));
    },

    /**
     * Sends the keys still queued for this tick's call, then waits for every call under way (the
     * plugin's destroy: no purge of a committed write is dropped).
     */
    async settle() {
      if (pending) flush();
      await Promise.all([...inFlight]);
    },
  };
};

export type PurgeHook = ReturnType<typeof createPurgeHook>;
export default createPurgeHook;
