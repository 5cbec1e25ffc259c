import path from 'path';

import { compileStrapi } from '@strapi/strapi';

/**
 * Once per jest run: compiles the playground (a TypeScript Strapi app) into `playground/dist`,
 * so every API test boots the current code of the app around the built plugin. Not with
 * BLOG_TEST_PREBUILT=1: the caller compiled it already, and runs several jest runs at once
 * (`.ci/run`), which must not rewrite `playground/dist` under each other's Strapi.
 */
export default async function globalSetup() {
  if (process.env.BLOG_TEST_PREBUILT === '1') return;
  await compileStrapi({ appDir: path.resolve(__dirname, '..', '..', 'playground') });
}
