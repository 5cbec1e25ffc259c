import type { TestApp } from './strapi';

/** A users-permissions role as its admin API answers it (Settings → Roles). */
type RoleTree = {
  permissions: Record<
    string,
    { controllers: Record<string, Record<string, { enabled: boolean }>> }
  >;
} & Record<string, unknown>;

/**
 * Grants or revokes one of the blog's actions (`controller.action`, e.g. `post.find`) on the
 * Public role as an admin does in Settings → Users & Permissions → Roles: through the admin API,
 * on `app`. Answers whether the action was granted before.
 */
export const setPublicAction = async (
  app: Pick<TestApp, 'http' | 'strapi'>,
  auth: { Authorization: string },
  [controller, action]: [string, string],
  enabled: boolean
): Promise<boolean> => {
  const role = await app.strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' } });
  const tree = (await app.http().get(`/users-permissions/roles/${role.id}`).set(auth).expect(200))
    .body.role as RoleTree;
  const permission = tree.permissions['plugin::blog'].controllers[controller][action];
  const before = permission.enabled;
  permission.enabled = enabled;
  await app.http().put(`/users-permissions/roles/${role.id}`).set(auth).send(tree).expect(200);
  return before;
};
