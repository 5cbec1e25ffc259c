import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from '../../../contracts/plugin';
import { postUrlOf } from '../sitemap/post-url';
import { getPluginConfig } from '../utils/plugin-config';
import { getSecret, keyedHash } from '../utils/secret';

import { signLink, type LinkClaims } from './link-token';

/**
 * Where the mail's links point: `mail.publicUrl`, else Strapi's `server.url` when absolute, else
 * this server on localhost (a development setup). Without a trailing slash.
 */
export const publicServerUrl = (strapi: Core.Strapi): string => {
  const configured = getPluginConfig(strapi).mail.publicUrl;
  if (configured) return configured.replace(/(?<!\/)\/+$/, '');
  const url = String(strapi.config.get('server.url') ?? '');
  if (/^https?:\/\//.test(url)) return url.replace(/(?<!\/)\/+$/, '');
  return `http://localhost:${strapi.config.get('server.port', 1337)}`;
};

/** The route paths of the links, under the content API's prefix. */
export const LINK_PATHS = {
  confirm: `/${PLUGIN_ID}/subscriptions/confirm`,
  unsubscribe: `/${PLUGIN_ID}/subscriptions/unsubscribe`,
  moderate: `/${PLUGIN_ID}/moderation-links`,
} as const;

export const linkUrl = (
  strapi: Core.Strapi,
  path: keyof typeof LINK_PATHS,
  claims: LinkClaims
): string => {
  const prefix = String(strapi.config.get('api.rest.prefix', '/api')).replace(/\/$/, '');
  const token = signLink(getSecret(strapi), claims);
  return `${publicServerUrl(strapi)}${prefix}${LINK_PATHS[path]}?token=${token}`;
};

/** A post's page on the site (`sitemap.postUrl`, else `feed.postUrl`), or null. */
export const postPageUrl = (strapi: Core.Strapi, post: { slug: string; locale: string | null }) => {
  const config = getPluginConfig(strapi);
  return postUrlOf(config.sitemap.postUrl ?? config.feed.postUrl)?.(post) ?? null;
};

/** The Moderation view in the admin panel. */
export const moderationViewUrl = (strapi: Core.Strapi): string => {
  const admin = String(strapi.config.get('admin.url', '/admin')).replace(/\/$/, '');
  const base = /^https?:\/\//.test(admin) ? admin : `${publicServerUrl(strapi)}${admin}`;
  return `${base}/plugins/${PLUGIN_ID}/moderation`;
};

/** The keyed hash an address's subscriptions are found by (and its links carry). */
export const emailKeyOf = (strapi: Core.Strapi, email: string) =>
  keyedHash(getSecret(strapi), `subscriber:${email.trim().toLowerCase()}`);
