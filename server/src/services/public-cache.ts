import type { Core } from '@strapi/strapi';

import { CACHE_TAGS, type CacheTag } from '../../../contracts/cache';
import type { CachedAnswer } from '../cache/answer';
import { createInvalidator } from '../cache/invalidation';
import { ByteBudgetLru } from '../cache/lru';
import { createPublicCacheMiddleware } from '../cache/middleware';
import createPublicPermissions from '../cache/public-permissions';
import createPurgeHook from '../cache/purge-hook';
import createCacheVersions from '../cache/versions';
import { getPluginConfig } from '../utils/plugin-config';

/** The largest single answer kept: a quarter of the budget, so one answer cannot empty it. */
const ENTRY_SHARE = 4;

/**
 * The exact cache of public answers (docs/caching.md): the answers kept in memory, the tags'
 * versions they are checked against, the invalidation of every write, and the CDN purge hook.
 */
const createPublicCacheService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => getPluginConfig(strapi).cache;
  const versions = createCacheVersions({ strapi });
  const permissions = createPublicPermissions({ strapi });
  const counts = { hits: 0, misses: 0 };
  let answers: ByteBudgetLru<CachedAnswer> | null = null;
  let purge: ReturnType<typeof createPurgeHook> | null = null;
  let invalidator: ReturnType<typeof createInvalidator> | null = null;

  const parts = () => {
    if (!answers || !purge || !invalidator) {
      const { maxBytes, purge: purgeConfig, surrogateKeyHeader } = config();
      answers = new ByteBudgetLru<CachedAnswer>(maxBytes, Math.floor(maxBytes / ENTRY_SHARE));
      purge = createPurgeHook({ strapi, config: purgeConfig, keyHeader: surrogateKeyHeader });
      invalidator = createInvalidator({ strapi, versions, purge });
    }
    return { answers, purge, invalidator };
  };

  return {
    /** Listens to every write made through Strapi's query engine from now on. */
    listen() {
      parts().invalidator.subscribe();
    },

    /** Every tag gets a new version: no answer kept anywhere before it is used again. */
    invalidateAll() {
      return parts().invalidator.invalidate(CACHE_TAGS);
    },

    /** The Koa middleware (cache/middleware.ts). */
    middleware() {
      return createPublicCacheMiddleware({
        strapi,
        config,
        answers: parts().answers,
        versions,
        permissions,
        counts,
      });
    },

    /**
     * For writes that bypass Strapi's query engine (raw SQL on the plugin's tables): call it in
     * the write's transaction, before its response.
     */
    invalidate(tags: readonly CacheTag[]) {
      return parts().invalidator.invalidate(tags);
    },

    /**
     * What the cache holds now (entries and bytes) and how it answered since boot (from memory:
     * hits; built and kept: misses), for the benchmark and the tests.
     */
    stats() {
      const { answers: kept } = parts();
      return {
        entries: kept.size,
        bytes: kept.bytes,
        budgetBytes: config().maxBytes,
        hits: counts.hits,
        misses: counts.misses,
      };
    },

    /** Empties the memory (the database's versions stay). */
    clear() {
      parts().answers.clear();
    },

    /** Waits for CDN purge calls under way. */
    async settle() {
      await parts().purge.settle();
    },
  };
};

export type PublicCacheService = ReturnType<typeof createPublicCacheService>;
export default createPublicCacheService;
