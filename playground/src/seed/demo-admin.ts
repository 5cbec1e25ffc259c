import type { Core } from '@strapi/strapi';

const DEFAULT_EMAIL = 'admin@example.com';
const DEFAULT_PASSWORD = 'Demo-admin-1';

export const demoAdminCredentials = () => ({
  email: process.env.DEMO_ADMIN_EMAIL || DEFAULT_EMAIL,
  password: process.env.DEMO_ADMIN_PASSWORD || DEFAULT_PASSWORD,
});

/** Creates the demo's super admin once; an existing account is left as it is. */
export async function seedDemoAdmin(strapi: Core.Strapi) {
  const { email, password } = demoAdminCredentials();
  const users = strapi.service('admin::user');
  if (await users.exists({ email })) return { created: false, email };

  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdmin) return { created: false, email };
  await users.create({
    email,
    firstname: 'Demo',
    lastname: 'Admin',
    password,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  return { created: true, email };
}
