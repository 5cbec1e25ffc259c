import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from '../../../contracts/plugin';

/**
 * Which of the plugin's route families a request path belongs to, as the router would match it:
 * `public` for the content API (`/api/blog/...`, with the app's `api.rest.prefix`), `admin` for
 * the admin routes (`/blog/...`), null for anything else. The router matches paths without case
 * and with percent-encoding decoded, so the path is read the same way here.
 */
export type PluginArea = 'public' | 'admin' | null;

const under = (path: string, root: string) => path === root || path.startsWith(`${root}/`);

/** A request path as the router matches it: decoded, without case, single slashes. */
export const routerPath = (raw: string) => {
  let path = raw;
  try {
    path = decodeURIComponent(raw);
  } catch {
    // A malformed escape: the router does not decode it either.
  }
  return path.toLowerCase().replace(/\/{2,}/g, '/');
};

export const createAreaOf = (strapi: Core.Strapi) => {
  const prefix = routerPath(String(strapi.config.get('api.rest.prefix', '/api'))).replace(
    /\/$/,
    ''
  );
  return (rawPath: string): PluginArea => {
    const path = routerPath(rawPath);
    if (under(path, `${prefix}/${PLUGIN_ID}`)) return 'public';
    if (under(path, `/${PLUGIN_ID}`)) return 'admin';
    return null;
  };
};
