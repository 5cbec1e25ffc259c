import { randomBytes } from 'crypto';

import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { CACHE_TAGS, type CacheTag } from '../../../contracts/cache';
import { inTransaction, sql } from '../db/connection';
import { tableName } from '../db/metadata';
import { CACHE_VERSION_UID } from '../models/cache-version';

/** The version of each tag; a tag never written yet has the version ''. */
export type TagVersions = Record<CacheTag, string>;

/**
 * A new version: random, never a counter, so a transaction that rolled back its version can
 * never leave a number that a later write would reuse for other data.
 */
const freshVersion = () => randomBytes(12).toString('base64url');

/**
 * The tags' versions in the database (blog_cache_versions). Reading them is one statement; a
 * write gives its tags new versions in its own transaction, once per transaction whatever the
 * number of rows it writes.
 */
const createCacheVersions = ({ strapi }: { strapi: Core.Strapi }) => {
  const table = () => tableName(strapi, CACHE_VERSION_UID);
  /** Tags already given a new version in each open transaction. */
  const touchedIn = new WeakMap<object, Set<CacheTag>>();

  const write = async (knex: Knex, tags: CacheTag[]) => {
    await knex(table())
      .insert(tags.map((tag) => ({ tag, version: freshVersion() })))
      .onConflict('tag')
      .merge(['version']);
  };

  return {
    async read(): Promise<TagVersions> {
      const knex = await sql(strapi);
      const rows = (await knex(table()).select('tag', 'version')) as Array<{
        tag: string;
        version: string;
      }>;
      const versions = Object.fromEntries(CACHE_TAGS.map((tag) => [tag, ''])) as TagVersions;
      for (const row of rows) {
        if ((CACHE_TAGS as readonly string[]).includes(row.tag)) {
          versions[row.tag as CacheTag] = row.version;
        }
      }
      return versions;
    },

    /**
     * Gives these tags new versions: in the current transaction when there is one (so the
     * versions change exactly when the data does, and not at all if it rolls back), else at
     * once. Answers the tags that were given one now (none when this transaction already did).
     */
    async touch(tags: readonly CacheTag[]): Promise<CacheTag[]> {
      const knex = await sql(strapi);
      if (!inTransaction(strapi)) {
        const all = [...new Set(tags)];
        if (all.length) await write(knex, all);
        return all;
      }
      const done = touchedIn.get(knex) ?? new Set<CacheTag>();
      const fresh = [...new Set(tags)].filter((tag) => !done.has(tag));
      if (fresh.length === 0) return [];
      for (const tag of fresh) done.add(tag);
      touchedIn.set(knex, done);
      await write(knex, fresh);
      return fresh;
    },
  };
};

export type CacheVersions = ReturnType<typeof createCacheVersions>;
export default createCacheVersions;
