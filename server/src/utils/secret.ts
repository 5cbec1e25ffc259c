import { createHash, createHmac } from 'crypto';

import type { Core } from '@strapi/strapi';

import { getPluginConfig } from './plugin-config';

/**
 * The plugin's secret: `config.secret`, or one derived from the app's keys (`APP_KEYS`), so a
 * default install salts IP hashes and signs form tokens without any setup.
 */
export const getSecret = (strapi: Core.Strapi): string => {
  const configured = getPluginConfig(strapi).secret;
  if (configured) return configured;
  const keys = (strapi.config.get('server.app.keys') as string[] | undefined) ?? [];
  return createHash('sha256')
    .update(`strapi-plugin-blog:${keys.join(',')}`)
    .digest('hex');
};

/** A keyed hash: the only form in which an IP address is ever stored. */
export const keyedHash = (secret: string, value: string) =>
  createHmac('sha256', secret).update(value).digest('hex');
