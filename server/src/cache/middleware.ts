import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

import { PLUGIN_ID } from '../../../contracts/plugin';
import type { CacheConfig } from '../config';

import { captureAnswer, sendAnswer, stillCurrent, type CachedAnswer } from './answer';
import { cacheableRoute, type CacheableRoute } from './cacheable-routes';
import type { ByteBudgetLru } from './lru';
import type { PublicPermissions } from './public-permissions';
import type { CacheVersions, TagVersions } from './versions';

/** What Strapi's router left on the context (@strapi/core compose-endpoint and auth). */
type RouterState = {
  route?: { config?: { auth?: { scope?: unknown } } };
  auth?: { strategy?: { name?: string }; credentials?: unknown };
};

/** Whether Strapi ran this route's own controller for this request, and for whom. */
const builtByRoute = (ctx: Context, route: CacheableRoute) => {
  const state = ctx.state as RouterState;
  const scope = state.route?.config?.auth?.scope;
  return Array.isArray(scope) && scope.length === 1 && scope[0] === route.action;
};

const anonymousToStrapi = (ctx: Context) => {
  const { auth } = ctx.state as RouterState;
  return auth?.strategy?.name === 'users-permissions' && !auth.credentials;
};

/**
 * The public cache's Koa middleware (docs/caching.md), after Strapi's own (errors, security,
 * CORS, query parsing) and before its router. For a GET of a cacheable route
 * (cache/cacheable-routes.ts):
 * - a request without credentials reads the tags' versions (one statement) and, when the Public
 *   role may use the route and a kept answer is still current, is answered from memory;
 * - otherwise Strapi's router answers as ever (its permission check included), and a 200 it
 *   built for a request without credentials is kept with the versions read before it was built.
 * Every 200 of these routes leaves with an ETag (304 on `If-None-Match`) and `Cache-Control`.
 */
export const createPublicCacheMiddleware = ({
  strapi,
  config,
  answers,
  versions,
  permissions,
  counts,
}: {
  strapi: Core.Strapi;
  /** Read on each request: a benchmark turns the cache off and on while Strapi runs. */
  config: () => CacheConfig;
  answers: ByteBudgetLru<CachedAnswer>;
  versions: CacheVersions;
  permissions: PublicPermissions;
  /** Answers from memory and answers built and kept, since boot. */
  counts: { hits: number; misses: number };
}) => {
  const prefix = `${String(strapi.config.get('api.rest.prefix', '/api')).replace(/\/$/, '')}/${PLUGIN_ID}/`;

  return async (ctx: Context, next: Next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || !ctx.path.startsWith(prefix)) {
      return next();
    }
    const route = cacheableRoute(ctx.path.slice(prefix.length - 1));
    if (!route) return next();

    const { enabled, cacheControl, surrogateKeyHeader } = config();
    const anonymous = ctx.request.headers.authorization === undefined;
    const key = `${route.byOrigin ? ctx.origin : ''} ${ctx.path}?${ctx.querystring}`;
    let seen: TagVersions | null = null;
    if (enabled && anonymous && permissions.available()) {
      seen = await versions.read();
      if ((await permissions.actions(seen.permissions)).has(route.action)) {
        const kept = answers.get(key);
        if (kept && stillCurrent(kept, seen, route.tags)) {
          counts.hits += 1;
          sendAnswer(ctx, kept, { shared: true, status: 'HIT', surrogateKeyHeader });
          return undefined;
        }
      } else {
        // Strapi's own check answers the refusal; nothing is kept.
        seen = null;
      }
    }

    await next();

    if (ctx.status !== 200 || !builtByRoute(ctx, route)) return undefined;
    const shared = anonymous && anonymousToStrapi(ctx);
    const answer = captureAnswer(ctx, {
      versions: seen ? Object.fromEntries(route.tags.map((tag) => [tag, seen![tag]])) : {},
      tags: route.tags,
      jsonCacheControl: cacheControl,
    });
    if (!answer) return undefined;
    const keep = Boolean(seen) && shared;
    if (keep) {
      counts.misses += 1;
      answers.set(key, answer, answer.body.length);
    }
    sendAnswer(ctx, answer, {
      shared,
      status: keep ? 'MISS' : undefined,
      surrogateKeyHeader,
    });
    return undefined;
  };
};
