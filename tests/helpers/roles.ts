import type { TestApp } from './strapi';

let sequence = 0;

/** A permission of a role: on a subject, with properties such as `{ locales: ['fr'] }`. */
export interface PermissionInput {
  action: string;
  subject: string;
  properties?: Record<string, unknown>;
}

/**
 * An admin role with exactly the given actions (plugin ones and others, or permissions on a
 * subject), and a user in it. Returns a bearer token for that user.
 */
export async function adminWithActions(
  app: TestApp,
  actions: Array<string | PermissionInput>
): Promise<string> {
  sequence += 1;
  const { strapi } = app;
  const permissions = actions.map((action) =>
    typeof action === 'string'
      ? { action, subject: null, properties: {}, conditions: [] }
      : { properties: {}, ...action, conditions: [] }
  );
  const role = await strapi.service('admin::role').create({
    name: `Test role ${sequence} ${Date.now()}`,
    description: `Actions: ${permissions.map((permission) => permission.action).join(', ') || 'none'}`,
  });
  await strapi.service('admin::role').assignPermissions(role.id, permissions);
  const email = `editor${sequence}.${Date.now()}@example.com`;
  const password = 'Editor-pass-1';
  await strapi.service('admin::user').create({
    email,
    firstname: 'Test',
    lastname: `Editor ${sequence}`,
    password,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  const res = await app.http().post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}

/** Strapi's default admin roles, as `createRolesIfNoneExist` makes them on a fresh database. */
export type DefaultRole = 'strapi-author' | 'strapi-editor';

/**
 * An admin user in one of Strapi's default roles (unchanged), plus, when `extraActions` are
 * given, a role of their own with those actions (a user's abilities are the union of their
 * roles'). Returns a bearer token for that user.
 */
export async function adminInDefaultRole(
  app: TestApp,
  code: DefaultRole,
  extraActions: string[] = []
): Promise<string> {
  sequence += 1;
  const { strapi } = app;
  const role = await strapi.db.query('admin::role').findOne({ where: { code } });
  if (!role) throw new Error(`no default role ${code}`);
  const roles = [role.id];
  if (extraActions.length) {
    const extra = await strapi.service('admin::role').create({
      name: `Extra role ${sequence} ${Date.now()}`,
      description: `Actions: ${extraActions.join(', ')}`,
    });
    await strapi.service('admin::role').assignPermissions(
      extra.id,
      extraActions.map((action) => ({ action, subject: null, properties: {}, conditions: [] }))
    );
    roles.push(extra.id);
  }
  const email = `${code}${sequence}.${Date.now()}@example.com`;
  const password = 'Default-role-1';
  await strapi.service('admin::user').create({
    email,
    firstname: 'Default',
    lastname: code === 'strapi-author' ? `Author ${sequence}` : `Editor ${sequence}`,
    password,
    isActive: true,
    registrationToken: null,
    roles,
  });
  const res = await app.http().post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}
