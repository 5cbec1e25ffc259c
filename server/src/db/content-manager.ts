/**
 * The Content Manager's view configuration, read and written as @strapi/content-manager 5.54.0
 * does it: its private `content-types` and `components` services have
 * `findConfiguration(model)` and `updateConfiguration(model, configuration)`, where a
 * configuration is `{ settings, metadatas: { [field]: { edit, list } }, layouts: { list, edit } }`
 * and `layouts.edit` is rows of `{ name, size }` cells on a grid 12 wide. Strapi documents none
 * of it (Configure the view is an admin screen); tests/api/strapi-internals.test.ts checks it.
 */
import type { Core } from '@strapi/strapi';

/** One cell of an edit-view row: a field and its width out of `EDIT_ROW_WIDTH`. */
export interface EditCell {
  name: string;
  size: number;
}

/** The width of an edit-view row. */
export const EDIT_ROW_WIDTH = 12;

export type FieldMetadata = { edit?: Record<string, unknown>; list?: Record<string, unknown> };

export type Configuration = {
  settings: Record<string, unknown>;
  metadatas: Record<string, FieldMetadata>;
  layouts: { edit?: EditCell[][] } & Record<string, unknown>;
};

export type ConfiguredModel = { uid: string; attributes: Record<string, unknown> };

type ConfigurationService = {
  findConfiguration(model: ConfiguredModel): Promise<Configuration>;
  updateConfiguration(model: ConfiguredModel, configuration: Configuration): Promise<unknown>;
};

/**
 * The configuration of the Content Manager's views of a content type or a component; undefined
 * when the Content Manager is not loaded or does not know the uid.
 */
export const viewConfiguration = (strapi: Core.Strapi, uid: string) => {
  const contentManager = strapi.plugin('content-manager');
  if (!contentManager) return undefined;
  const contentType = strapi.contentTypes[uid as never] as ConfiguredModel | undefined;
  const component = strapi.components[uid as never] as ConfiguredModel | undefined;
  const model = contentType ?? component;
  if (!model) return undefined;
  const service = contentManager.service(
    contentType ? 'content-types' : 'components'
  ) as unknown as ConfigurationService;
  return {
    model,
    find: () => service.findConfiguration(model),
    update: (configuration: Configuration) => service.updateConfiguration(model, configuration),
  };
};
