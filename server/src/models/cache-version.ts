import type { DatabaseModel } from './database-model';

/**
 * A database-only table (no content type, no API): one row per cache tag (contracts/cache.ts)
 * holding the version of what it covers. Every write that can change a public answer sets its
 * tags' rows to new versions in the write's own transaction; every instance reads the rows
 * before answering from its cache, so a write made through any instance is seen by all.
 */
export const CACHE_VERSION_UID = 'plugin::blog.cache-version';

export interface CacheVersionRow {
  id: number;
  tag: string;
  version: string;
}

export const cacheVersionModel = {
  uid: CACHE_VERSION_UID,
  singularName: 'cache-version',
  tableName: 'blog_cache_versions',
  attributes: {
    id: { type: 'increments' },
    tag: { type: 'string', column: { notNullable: true } },
    version: { type: 'string', column: { notNullable: true } },
  },
  indexes: [{ name: 'blog_cache_versions_tag_uq', columns: ['tag'], type: 'unique' }],
} satisfies DatabaseModel<CacheVersionRow>;
