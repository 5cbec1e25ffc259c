import type { Core } from '@strapi/strapi';
import camelCase from 'lodash/camelCase';
import cloneDeep from 'lodash/cloneDeep';
import upperFirst from 'lodash/upperFirst';

import components from './components';

/**
 * Strapi loads components only from the app's `src/components`, so a plugin registers its own
 * the way the core loader does (same shape: uid, category, modelType, modelName, globalId,
 * __schema__). Done in `register()`, before the database schema is built, so any host app
 * gets the tables on boot and the Content Manager renders the component natively.
 */
export const registerComponents = (strapi: Core.Strapi) => {
  const registry = strapi.get('components');

  for (const [uid, schema] of Object.entries(components)) {
    const [category, modelName] = uid.split('.');
    const existing = registry.get(uid);

    if (existing) {
      if (existing.collectionName === schema.collectionName) {
        continue;
      }
      throw new Error(
        `The blog plugin needs the component "${uid}", but the app already has a different one under that name.`
      );
    }

    registry.set(uid, {
      ...cloneDeep(schema),
      __schema__: cloneDeep(schema),
      uid,
      category,
      modelType: 'component',
      modelName,
      globalId: upperFirst(camelCase(`component_${uid}`)),
    });
  }
};
