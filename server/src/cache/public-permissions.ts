import type { Core } from '@strapi/strapi';

/** The users-permissions content type holding each role's actions. */
const PERMISSION_UID = 'plugin::users-permissions.permission';

/**
 * The actions of users-permissions' Public role, read again only when the `permissions` tag's
 * version changes (any write to a role or a permission gives it a new one). It answers what
 * users-permissions' own check answers for a request without credentials: that check reads the
 * same rows (`findPublicPermissions`) and allows a route whose action is among them.
 */
const createPublicPermissions = ({ strapi }: { strapi: Core.Strapi }) => {
  let known: { version: string; actions: Set<string> } | null = null;

  return {
    /** Whether users-permissions runs here: without it, no request is anonymous-public. */
    available(): boolean {
      return Boolean(strapi.plugin('users-permissions'));
    },

    async actions(version: string): Promise<Set<string>> {
      if (known && known.version === version) return known.actions;
      const rows = (await strapi.db.query(PERMISSION_UID as never).findMany({
        select: ['action'],
        where: { role: { type: 'public' } },
      })) as Array<{ action: string }>;
      known = { version, actions: new Set(rows.map((row) => row.action)) };
      return known.actions;
    },
  };
};

export type PublicPermissions = ReturnType<typeof createPublicPermissions>;
export default createPublicPermissions;
