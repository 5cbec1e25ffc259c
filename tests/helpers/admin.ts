import type { TestApp } from './strapi';

export const DEMO_ADMIN = { email: 'admin@example.com', password: 'Demo-admin-1' };

/** Logs in as the playground's demo admin and returns a bearer token for admin routes. */
export async function adminToken(app: TestApp, credentials = DEMO_ADMIN): Promise<string> {
  const res = await app.http().post('/admin/login').send(credentials);
  if (res.status !== 200) {
    throw new Error(`Admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.data.token as string;
}
