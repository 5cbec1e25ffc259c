import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

import { PLUGIN_ID } from '../../../contracts/plugin';

import { answerError } from './error-response';
import { createAreaOf, routerPath } from './plugin-paths';

/** The one admin route that takes an upload (routes/admin.ts: `POST /imports` under `/blog`). */
const IMPORTS_PATH = `/${PLUGIN_ID}/imports`;

/**
 * Keeps strangers' uploads off the disk on the admin routes (`/blog/...`). Strapi's body parser
 * writes every multipart file before the route's policies run, so a refused request would still
 * fill the temporary folder while it lasts. Registered ahead of Strapi's configured middlewares:
 * - multipart is taken by `POST /blog/imports` only (415 elsewhere);
 * - there, only with an admin access token Strapi's session manager accepts (401 otherwise):
 *   the signature and expiry are checked here, the session and the permission by the route's
 *   own policies afterwards.
 */

type SessionManager = (origin: 'admin') => {
  validateAccessToken: (token: string) => { isValid: boolean };
};

/** The bearer token's signature and expiry, as Strapi 5's admin strategy checks them first. */
const hasValidAdminToken = (strapi: Core.Strapi, ctx: Context) => {
  const [scheme, token, extra] = (ctx.get('Authorization') || '').split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer' || !token || extra !== undefined) return false;
  const manager = (strapi as unknown as { sessionManager?: SessionManager }).sessionManager;
  // Without a session manager (an older Strapi 5), the route's policies alone decide.
  if (typeof manager !== 'function') return true;
  try {
    return manager('admin').validateAccessToken(token).isValid === true;
  } catch {
    return false;
  }
};

export const createAdminUploadGuard = (strapi: Core.Strapi) => {
  const areaOf = createAreaOf(strapi);
  return async (ctx: Context, next: Next) => {
    if (areaOf(ctx.path) !== 'admin' || !ctx.request.is('multipart')) return next();
    const isImport =
      ctx.method === 'POST' && routerPath(ctx.path).replace(/\/$/, '') === IMPORTS_PATH;
    if (!isImport) {
      return answerError(ctx, 415, 'UnsupportedMediaTypeError', 'This route takes no upload');
    }
    if (!hasValidAdminToken(strapi, ctx)) {
      return answerError(ctx, 401, 'UnauthorizedError', 'Log in to the admin to upload an export');
    }
    return next();
  };
};
