import type { Core } from '@strapi/strapi';

import type { CacheTag } from '../../../contracts/cache';
import { inTransaction } from '../db/connection';

import { tagsOfModel } from './model-tags';
import type { PurgeHook } from './purge-hook';
import type { CacheVersions } from './versions';

/** Strapi's query-engine events after a write (@strapi/database lifecycles). */
const WRITE_EVENTS = [
  'afterCreate',
  'afterCreateMany',
  'afterUpdate',
  'afterUpdateMany',
  'afterDelete',
  'afterDeleteMany',
] as const;

/**
 * Gives new versions to the tags a write changes and queues the CDN purge of their keys for when
 * it commits. `touch` runs in the write's transaction when there is one.
 */
export const createInvalidator = ({
  strapi,
  versions,
  purge,
}: {
  strapi: Core.Strapi;
  versions: CacheVersions;
  purge: PurgeHook;
}) => {
  const invalidate = async (tags: readonly CacheTag[]) => {
    if (tags.length === 0) return;
    const touched = await versions.touch(tags);
    if (!purge.enabled || touched.length === 0) return;
    if (inTransaction(strapi)) {
      // Joins the current transaction; its callbacks run once it commits, never on a rollback.
      await strapi.db.transaction(async ({ onCommit }) => onCommit(() => purge.schedule(touched)));
    } else {
      purge.schedule(touched);
    }
  };

  return {
    invalidate,

    /**
     * Every write through Strapi's query engine (the Document Service, the Content Manager,
     * users-permissions, the upload plugin, the core store, any plugin's `strapi.db.query`)
     * invalidates the tags of its model (cache/model-tags.ts). Raw SQL bypasses the engine:
     * the plugin's own raw writes call `invalidate` themselves.
     */
    subscribe() {
      const handler = async (event: { model?: { uid?: string } }) => {
        await invalidate(tagsOfModel(event.model?.uid ?? ''));
      };
      strapi.db.lifecycles.subscribe(
        Object.fromEntries(WRITE_EVENTS.map((name) => [name, handler])) as never
      );
    },
  };
};

export type Invalidator = ReturnType<typeof createInvalidator>;
