import type { Core } from '@strapi/strapi';

import {
  AUTHOR_UID,
  CATEGORY_UID,
  COMMENT_UID,
  LESSON_COMPONENT_UID,
  PLUGIN_ID,
  POST_UID,
  SEO_COMPONENT_UID,
  TAG_UID,
} from '../../../contracts/plugin';
import { STORE_KEYS } from '../constants';
import {
  APPLIED_BEFORE_FIELD_TRACKING,
  AUTHOR_LAYOUT,
  CATEGORY_LAYOUT,
  COMMENT_LAYOUT,
  LESSON_LAYOUT,
  POST_LAYOUT,
  SEO_LAYOUT,
  TAG_LAYOUT,
  type LayoutDefaults,
} from '../content-manager/labels';
import { placeFields } from '../content-manager/place-fields';
import { viewConfiguration, type Configuration } from '../db/content-manager';

/**
 * Per type, the fields whose defaults were applied (store key `layoutFieldsApplied`): a field's
 * name, or `name@2` for its defaults' revision 2 (see `FieldText.revision`).
 */
type AppliedFields = Record<string, string[]>;

const trackedName = (defaults: LayoutDefaults, field: string) => {
  const { revision } = defaults.fields[field];
  return revision ? `${field}@${revision}` : field;
};

/**
 * The defaults of `fields` (all of a type's on its first boot with the plugin; on an upgrade, the
 * fields the new version added): their labels and help, their place in the edit view, and on a
 * first boot the type's settings and list columns.
 */
const withDefaults = (
  configuration: Configuration,
  defaults: LayoutDefaults,
  fields: string[],
  firstTime: boolean
): Configuration => {
  const metadatas = { ...configuration.metadatas };
  for (const field of fields) {
    const text = defaults.fields[field];
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
  let edit = (configuration.layouts.edit ?? [])
    .map((row) => row.filter((cell) => !hidden.includes(cell.name)))
    .filter((row) => row.length > 0);
  if (defaults.edit) {
    const placed = defaults.edit.flat().map((cell) => cell.name);
    edit = placeFields(
      edit,
      defaults.edit,
      fields.filter((field) => placed.includes(field))
    );
  }

  return {
    settings: { ...configuration.settings, ...(firstTime ? defaults.settings : {}) },
    metadatas,
    layouts: {
      ...configuration.layouts,
      edit,
      ...(firstTime && defaults.list ? { list: defaults.list } : {}),
    },
  };
};

/**
 * Gives the Content Manager readable labels, help texts and a sensible arrangement for the
 * plugin's types, once per field: an editor's own changes (Configure the view) are never
 * overwritten afterwards, and a field a new version adds is labelled and placed on upgrade (as
 * is a field whose defaults a new version revised).
 */
const createContentManagerLayoutService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });

  /** What was applied, reading the per-type record of versions before per-field tracking. */
  const appliedFields = async (): Promise<AppliedFields> => {
    const fields = (await store().get({ key: STORE_KEYS.layoutFieldsApplied })) as
      AppliedFields | undefined;
    if (fields) return fields;
    const types = ((await store().get({ key: STORE_KEYS.layoutDefaultsApplied })) ??
      []) as string[];
    return Object.fromEntries(
      types.map((uid) => [uid, APPLIED_BEFORE_FIELD_TRACKING[uid] ?? []] as const)
    );
  };

  return {
    /** Applies what is new; returns the uids of the types whose configuration changed. */
    async applyDefaultsOnce(): Promise<string[]> {
      const done = await appliedFields();

      const targets = [
        { uid: POST_UID, defaults: POST_LAYOUT },
        { uid: COMMENT_UID, defaults: COMMENT_LAYOUT },
        { uid: CATEGORY_UID, defaults: CATEGORY_LAYOUT },
        { uid: TAG_UID, defaults: TAG_LAYOUT },
        { uid: AUTHOR_UID, defaults: AUTHOR_LAYOUT },
        { uid: LESSON_COMPONENT_UID, defaults: LESSON_LAYOUT },
        { uid: SEO_COMPONENT_UID, defaults: SEO_LAYOUT },
      ];

      const applied: string[] = [];
      const record: AppliedFields = { ...done };
      for (const { uid, defaults } of targets) {
        const view = viewConfiguration(strapi, uid);
        if (!view) continue;
        const { model } = view;
        const already = done[model.uid];
        const fields = Object.keys(defaults.fields).filter(
          (field) => field in model.attributes && !already?.includes(trackedName(defaults, field))
        );
        if (fields.length === 0) continue;
        const current = await view.find();
        await view.update(withDefaults(current, defaults, fields, already === undefined));
        record[model.uid] = [
          ...(already ?? []),
          ...fields.map((field) => trackedName(defaults, field)),
        ];
        applied.push(model.uid);
      }

      if (applied.length) {
        await store().set({ key: STORE_KEYS.layoutFieldsApplied, value: record });
      }
      return applied;
    },
  };
};

export type ContentManagerLayoutService = ReturnType<typeof createContentManagerLayoutService>;
export default createContentManagerLayoutService;
