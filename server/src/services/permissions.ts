import type { Core } from '@strapi/strapi';

import { PLUGIN_ID, PUBLIC_ACTIONS } from '../../../contracts/plugin';
import { STORE_KEYS } from '../constants';

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
  let waitingForPublicRole = false;

  /**
   * On an app's first boot the blog may bootstrap before users-permissions has created its
   * roles (plugins bootstrap in config order, and a project lists only `blog`): grant when the
   * Public role is created, in the same boot.
   */
  const grantWhenPublicRoleIsCreated = (actions: readonly string[]) => {
    if (waitingForPublicRole) return;
    waitingForPublicRole = true;
    strapi.db.lifecycles.subscribe({
      models: [ROLE_UID],
      afterCreate: async (event: { result?: { type?: string } }) => {
        if (!waitingForPublicRole || event.result?.type !== 'public') return;
        waitingForPublicRole = false;
        await service.grantPublicActionsOnce(actions);
      },
    } as never);
  };

  const service = {
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
        grantWhenPublicRoleIsCreated(actions);
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
  return service;
};

export type PermissionsService = ReturnType<typeof createPermissionsService>;
export default createPermissionsService;
