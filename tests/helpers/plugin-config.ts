import type { TestApp } from './strapi';

/**
 * Changes an option of the plugin's config while Strapi runs, as only a test does: Strapi reads
 * config at boot, and the public cache (docs/caching.md) keeps answers built with the config of
 * their boot, so the cache's memory is emptied with it.
 */
export const setPluginConfig = (app: TestApp, key: string, value: unknown) => {
  app.strapi.config.set(`plugin::blog.${key}`, value);
  app.strapi.plugin('blog').service('publicCache').clear();
};
