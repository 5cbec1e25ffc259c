/**
 * Strapi's model and component registries, used as @strapi/core 5.54.0 does: Strapi loads
 * components only from the app's `src/components` and has no documented way for a plugin to add
 * one or a database-only model. The core loader (`loaders/components.js`) registers each
 * component with `strapi.get('components').set(uid, …)` in this shape: the schema, plus
 * `__schema__` (a copy of it), `uid`, `category`, `modelType: 'component'`, `modelName` and
 * `globalId`; internal models go through `strapi.get('models').add(model)` (`uid`,
 * `singularName`, `tableName`, `attributes`, `indexes`). Both are called in `register()`, before
 * the database schema is built. tests/api/strapi-internals.test.ts checks the shape.
 */
import type { Core } from '@strapi/strapi';
import camelCase from 'lodash/camelCase';
import cloneDeep from 'lodash/cloneDeep';
import upperFirst from 'lodash/upperFirst';

type ComponentSchema = { collectionName: string } & Record<string, unknown>;

/**
 * Registers the plugin's components, so any host app gets their tables on boot and the Content
 * Manager renders them natively. A component the app already has under the same uid and table
 * is left as it is; a different one under that uid stops the boot.
 */
export const registerComponents = (
  strapi: Core.Strapi,
  components: Record<string, ComponentSchema>
) => {
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

/** Registers database-only models (a table, no content type, no API). */
export const registerModels = (strapi: Core.Strapi, models: unknown[]) => {
  for (const model of models) strapi.get('models').add(model as never);
};
