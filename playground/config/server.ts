import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  app: {
    // Demo keys: a real deployment sets APP_KEYS.
    keys: env.array('APP_KEYS', ['playground-key-1', 'playground-key-2']),
  },
  // Behind a reverse proxy, trust its X-Forwarded-For (the tests set this to give each
  // simulated reader an address of their own). Off by default: the socket address counts.
  proxy: { koa: env.bool('IS_PROXIED', false) },
  logger: {
    updates: { enabled: false },
    startup: { enabled: env.bool('STRAPI_STARTUP_BANNER', true) },
  },
});
