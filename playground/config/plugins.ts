import type { Core } from '@strapi/strapi';

import { PLUGIN_DIR } from './paths';

/** The example site's address (examples/site, `npm run example`). */
const siteUrl = (env: Core.Config.Shared.ConfigParams['env']) =>
  env('SITE_URL', 'http://localhost:3000').replace(/(?<!\/)\/+$/, '');

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  'users-permissions': {
    config: { jwtSecret: env('JWT_SECRET', 'playground-users-permissions-jwt-secret') },
  },
  // GraphQL (the plugin adds its queries and mutation); no Apollo landing page, which loads
  // from a CDN.
  graphql: {
    config: {
      landingPage: false,
      playgroundAlways: false,
      // Strapi's own bounds on its generated queries (the blog's fields have their own cost limit).
      depthLimit: 10,
      defaultLimit: 25,
      maxLimit: 100,
    },
  },
  // The plugin under development, loaded from the repository root (its built `dist/`).
  blog: {
    enabled: true,
    resolve: PLUGIN_DIR,
    config: {
      // "Open preview" on a post shows it in the example site (`npm run example`).
      preview: {
        url: `${siteUrl(env)}/{locale}/posts/{slug}?document={documentId}&preview={token}`,
      },
    },
  },
});
