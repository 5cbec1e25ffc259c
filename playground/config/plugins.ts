import type { Core } from '@strapi/strapi';

import { PLUGIN_DIR } from './paths';

/** The example site's address (examples/site, `npm run example`). */
const siteUrl = (env: Core.Config.Shared.ConfigParams['env']) =>
  env('SITE_URL', 'http://localhost:3000').replace(/(?<!\/)\/+$/, '');

/**
 * Strapi's email plugin through an SMTP server when `SMTP_HOST` and `SMTP_PORT` are set (the
 * tests start one in-process, tests/helpers/smtp.ts); Strapi's default provider otherwise.
 */
const email = (env: Core.Config.Shared.ConfigParams['env']) => {
  const host = env('SMTP_HOST', '');
  const port = env.int('SMTP_PORT', 0);
  if (!host || !port) return {};
  const user = env('SMTP_USERNAME', '');
  return {
    email: {
      config: {
        provider: 'nodemailer',
        providerOptions: {
          host,
          port,
          secure: env.bool('SMTP_SECURE', false),
          ignoreTLS: env.bool('SMTP_IGNORE_TLS', false),
          ...(user ? { auth: { user, pass: env('SMTP_PASSWORD', '') } } : {}),
          // A mail server that does not answer fails the send (the outbox tries again later).
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 20_000,
        },
        settings: {
          defaultFrom: env('SMTP_FROM', 'blog@playground.localhost'),
          defaultReplyTo: env('SMTP_FROM', 'blog@playground.localhost'),
        },
      },
    },
  };
};

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  ...email(env),
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
      // Who is mailed a held comment, comma-separated (`npm run demo` names the demo admin).
      moderatorEmails: env.array('BLOG_MODERATOR_EMAILS', []).filter(Boolean),
      // A post's page, for the mails' links and the sitemap (`npm run demo` names the example
      // site's); unset, the mails carry no post link and the sitemap answers 404.
      ...(env('BLOG_POST_URL', '') ? { sitemap: { postUrl: env('BLOG_POST_URL', '') } } : {}),
      // The public cache (docs/caching.md): on, 32 MB, unless these say otherwise.
      cache: {
        enabled: env.bool('BLOG_CACHE_ENABLED', true),
        maxBytes: env.int('BLOG_CACHE_MAX_BYTES', 32 * 1024 * 1024),
        cacheControl: env('BLOG_CACHE_CONTROL', 'public, no-cache'),
        purge: {
          url: env('BLOG_CACHE_PURGE_URL', '') || null,
          method: env('BLOG_CACHE_PURGE_METHOD', 'POST'),
        },
      },
    },
  },
});
