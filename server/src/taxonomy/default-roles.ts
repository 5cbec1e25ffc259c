import type { Core } from '@strapi/strapi';

import { AUTHOR_UID, CATEGORY_UID, PLUGIN_ID, POST_UID, TAG_UID } from '../../../contracts/plugin';
import { STORE_KEYS } from '../constants';
import { permissionParts } from '../db/admin-permissions';

/** Strapi's default admin roles (made on an app's first boot) that edit content. */
const DEFAULT_ROLES = ['strapi-editor', 'strapi-author'];
const SUBJECTS = [POST_UID, CATEGORY_UID, TAG_UID, AUTHOR_UID];
const LOCALIZED_SUBJECTS = [POST_UID, CATEGORY_UID, TAG_UID];
const PERMISSION_UID = 'admin::permission';

interface Permission {
  id: number;
  action: string;
  subject: string | null;
  properties: Record<string, unknown> | null;
  conditions: string[] | null;
}

/**
 * Strapi's Editor and Author roles can do with the blog's types what they can do with posts,
 * checked once per type (then an admin's changes in Settings → Roles stand):
 * - Strapi grants these roles the content types present at an app's first boot only: categories,
 *   tags and authors, added to an installed blog by an upgrade, get each role's post permissions
 *   (same actions, conditions and locales, every field).
 * - Strapi grants them no locale of a localized type (the `locales` property missing means none):
 *   a permission without it on posts, categories or tags is given every locale (`null`, which
 *   includes locales added later), as posts had before they were localized.
 */
let watchingFirstBoot = false;

/**
 * On an app's first boot the plugin bootstraps before Strapi creates its default roles: the
 * permissions Strapi then gives them on posts, categories and tags get every locale as they are
 * created (the next boot finds them so and records the types as done).
 */
const giveLocalesOnFirstBoot = (strapi: Core.Strapi) => {
  if (watchingFirstBoot) return;
  watchingFirstBoot = true;
  strapi.db.lifecycles.subscribe({
    models: [PERMISSION_UID],
    afterCreate: async (event: { result?: Permission & { role?: unknown } }) => {
      const permission = event.result;
      if (!permission?.subject || !LOCALIZED_SUBJECTS.includes(permission.subject)) return;
      if (permission.properties && 'locales' in permission.properties) return;
      const role = await strapi.db.query('admin::role').findOne({
        where: { permissions: { id: permission.id } },
        select: ['code'],
      });
      if (!DEFAULT_ROLES.includes(role?.code)) return;
      await strapi.db.query(PERMISSION_UID).update({
        where: { id: permission.id },
        data: { properties: { ...permission.properties, locales: null } },
      });
    },
  } as never);
};

/** The locales a post permission grants: the ones it names, else every locale. */
const localesOf = (permission: Permission) =>
  permission.properties && Array.isArray(permission.properties.locales)
    ? permission.properties.locales
    : null;

export const grantDefaultRolesOnce = async (strapi: Core.Strapi): Promise<string[]> => {
  const store = strapi.store({ type: 'plugin', name: PLUGIN_ID });
  const done = ((await store.get({ key: STORE_KEYS.defaultRolesGranted })) ?? []) as string[];
  const subjects = SUBJECTS.filter(
    (uid) => !done.includes(uid) && strapi.contentTypes[uid as never]
  );
  if (subjects.length === 0) return [];

  const roles = (await strapi.db
    .query('admin::role')
    .findMany({ where: { code: { $in: DEFAULT_ROLES } }, select: ['id'] })) as Array<{
    id: number;
  }>;
  if (roles.length === 0) {
    giveLocalesOnFirstBoot(strapi);
    return [];
  }

  const parts = permissionParts(strapi);
  const { isLocalized } = parts;

  for (const role of roles) {
    const permissions = (await strapi.db.query(PERMISSION_UID).findMany({
      where: { role: role.id, subject: { $in: SUBJECTS } },
    })) as Permission[];
    const posts = permissions.filter((permission) => permission.subject === POST_UID);

    for (const subject of subjects) {
      const own = permissions.filter((permission) => permission.subject === subject);
      if (own.length === 0 && subject !== POST_UID) {
        const added = posts.flatMap((template) => {
          const action = parts.action(template.action);
          if (!action?.subjects?.includes(subject)) return [];
          const properties = parts.properties(action, subject);
          return [
            {
              action: template.action,
              subject,
              properties: {
                ...properties,
                ...(isLocalized(subject) ? { locales: localesOf(template) } : {}),
              },
              conditions: template.conditions ?? [],
            },
          ];
        });
        // Straight to the table: Strapi's own path drops conditions it does not know yet, and the
        // admin's (`admin::is-creator`) are registered after the plugins' bootstrap.
        for (const permission of added) {
          await strapi.db
            .query(PERMISSION_UID)
            .create({ data: { ...permission, actionParameters: {}, role: role.id } });
        }
        continue;
      }
      if (!isLocalized(subject)) continue;
      for (const permission of own) {
        if (permission.properties && 'locales' in permission.properties) continue;
        await strapi.db.query(PERMISSION_UID).update({
          where: { id: permission.id },
          data: { properties: { ...permission.properties, locales: null } },
        });
      }
    }
  }

  await store.set({ key: STORE_KEYS.defaultRolesGranted, value: [...done, ...subjects] });
  return subjects;
};
