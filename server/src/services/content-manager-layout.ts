import type { Core } from '@strapi/strapi';

import { COMMENT_UID, LESSON_COMPONENT_UID, PLUGIN_ID, POST_UID, STORE_KEYS } from '../constants';
import {
  COMMENT_LAYOUT,
  LESSON_LAYOUT,
  POST_LAYOUT,
  type LayoutDefaults,
} from '../content-manager/labels';

type Metadata = { edit?: Record<string, unknown>; list?: Record<string, unknown> };
type Configuration = {
  settings: Record<string, unknown>;
  metadatas: Record<string, Metadata>;
  layouts: Record<string, unknown>;
};
type Model = { uid: string };
/** The part of the Content Manager's `content-types` and `components` services used here. */
type ConfigurationService = {
  findConfiguration(model: Model): Promise<Configuration>;
  updateConfiguration(model: Model, configuration: Configuration): Promise<unknown>;
};

type EditRow = Array<{ name: string; size: number }>;

const withDefaults = (configuration: Configuration, defaults: LayoutDefaults): Configuration => {
  const metadatas = { ...configuration.metadatas };
  for (const [field, text] of Object.entries(defaults.fields)) {
    const current = metadatas[field] ?? {};
    metadatas[field] = {
      ...current,
      edit: {
        ...current.edit,
        label: text.label,
        description: text.description ?? '',
        ...(text.readOnly || text.hidden ? { editable: false } : {}),
        ...(text.hidden ? { visible: false } : {}),
      },
      list: { ...current.list, label: text.label },
    };
  }

  const hidden = Object.keys(defaults.fields).filter((field) => defaults.fields[field].hidden);
  const edit = ((configuration.layouts.edit ?? []) as EditRow[])
    .map((row) => row.filter((cell) => !hidden.includes(cell.name)))
    .filter((row) => row.length > 0);

  return {
    settings: { ...configuration.settings, ...defaults.settings },
    metadatas,
    layouts: { ...configuration.layouts, edit, ...(defaults.list ? { list: defaults.list } : {}) },
  };
};

/**
 * Gives the Content Manager readable labels for the plugin's types, once per type: an editor's
 * own changes to these layouts (Configure the view) are never overwritten afterwards.
 */
const createContentManagerLayoutService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });

  return {
    async applyDefaultsOnce(): Promise<string[]> {
      const contentManager = strapi.plugin('content-manager');
      if (!contentManager) return [];
      const done = ((await store().get({ key: STORE_KEYS.layoutDefaultsApplied })) ??
        []) as string[];

      const contentTypes = contentManager.service(
        'content-types'
      ) as unknown as ConfigurationService;
      const components = contentManager.service('components') as unknown as ConfigurationService;
      const targets = [
        {
          model: strapi.contentTypes[POST_UID as never],
          defaults: POST_LAYOUT,
          service: contentTypes,
        },
        {
          model: strapi.contentTypes[COMMENT_UID as never],
          defaults: COMMENT_LAYOUT,
          service: contentTypes,
        },
        {
          model: strapi.components[LESSON_COMPONENT_UID as never],
          defaults: LESSON_LAYOUT,
          service: components,
        },
      ];

      const applied: string[] = [];
      for (const { model, defaults, service } of targets) {
        if (!model || done.includes(model.uid)) continue;
        const current = await service.findConfiguration(model);
        await service.updateConfiguration(model, withDefaults(current, defaults));
        applied.push(model.uid);
      }

      if (applied.length) {
        await store().set({ key: STORE_KEYS.layoutDefaultsApplied, value: [...done, ...applied] });
      }
      return applied;
    },
  };
};

export type ContentManagerLayoutService = ReturnType<typeof createContentManagerLayoutService>;
export default createContentManagerLayoutService;
