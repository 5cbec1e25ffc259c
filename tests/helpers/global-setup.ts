import path from 'path';

import { compileStrapi } from '@strapi/strapi';

/**
 * Once per jest run: compiles the playground (a TypeScript Strapi app) into `playground/dist`,
 * so every API test boots the current code of the app around the built plugin.
 */
export default async function globalSetup() {
  await compileStrapi({ appDir: path.resolve(__dirname, '..', '..', 'playground') });
}
