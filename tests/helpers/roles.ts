import type { TestApp } from './strapi';

let sequence = 0;

/**
 * An admin role with exactly the given actions (plugin ones and others), and a user in it.
 * Returns a bearer token for that user.
 */
export async function adminWithActions(app: TestApp, actions: string[]): Promise<string> {
  sequence += 1;
  const { strapi } = app;
  const role = await strapi.service('admin::role').create({
    name: `Test role ${sequence} ${Date.now()}`,
    description: `Actions: ${actions.join(', ') || 'none'}`,
  });
  await strapi.service('admin::role').assignPermissions(
    role.id,
    actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] }))
  );
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
