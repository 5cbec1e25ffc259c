import type { Core } from '@strapi/strapi';

import { PLUGIN_ID, PUBLIC_ACTIONS, STORE_KEYS } from '../constants';

const PERMISSION_UID = 'plugin::users-permissions.permission';
const ROLE_UID = 'plugin::users-permissions.role';

/**
 * One-time grants of the plugin's public read actions to the Public role.
 *
 * Each action is granted the first time the plugin sees it and is then remembered in the
 * plugin store, so an action an admin later revokes in Settings → Roles stays revoked.
 */
const createPermissionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });

  return {
    async grantPublicActionsOnce(actions: readonly string[] = PUBLIC_ACTIONS): Promise<string[]> {
      if (!strapi.plugin('users-permissions')) {
        return [];
      }

      const granted = ((await store().get({ key: STORE_KEYS.grantedPublicActions })) ??
        []) as string[];
      const toGrant = actions.filter((action) => !granted.includes(action));
      if (toGrant.length === 0) {
        return [];
      }

      const publicRole = await strapi.db.query(ROLE_UID).findOne({ where: { type: 'public' } });
      if (!publicRole) {
        strapi.log.warn('[blog] No Public role found: public read access was not granted.');
        return [];
      }

      const existing = await strapi.db.query(PERMISSION_UID).findMany({
        where: { action: { $in: toGrant }, role: publicRole.id },
        select: ['action'],
      });
      const present = new Set(existing.map((permission: { action: string }) => permission.action));

      for (const action of toGrant) {
        if (!present.has(action)) {
          await strapi.db.query(PERMISSION_UID).create({ data: { action, role: publicRole.id } });
        }
      }

      await store().set({ key: STORE_KEYS.grantedPublicActions, value: [...granted, ...toGrant] });
      return toGrant;
    },
  };
};

export type PermissionsService = ReturnType<typeof createPermissionsService>;
export default createPermissionsService;
