import { createHash } from 'crypto';

import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

/**
 * Where the public reaches this server: the app's public URL (`server.url`) when it is an
 * absolute one, else the request's origin. Without a trailing slash.
 */
export const publicBase = (strapi: Core.Strapi, ctx: Context): string => {
  const configured = String(strapi.config.get('server.url') ?? '');
  return /^https?:\/\//.test(configured) ? configured.replace(/(?<!\/)\/+$/, '') : ctx.origin;
};

/** The URL a document is served at, for its `rel="self"` link or a sitemap index. */
export const servedUrl = (strapi: Core.Strapi, ctx: Context): string =>
  `${publicBase(strapi, ctx)}${ctx.path}`;

/**
 * Answers an XML document with `ETag` (the body's hash), `Cache-Control` and, when known,
 * `Last-Modified`; or 304 when the client's `If-None-Match` (or, without it,
 * `If-Modified-Since`) says it has this version.
 */
export const answerXml = (
  ctx: Context,
  document: { xml: string; lastModified?: Date },
  options: { type: string; cacheControl: string }
) => {
  const etag = `"${createHash('sha1').update(document.xml).digest('base64url')}"`;
  ctx.set('Cache-Control', options.cacheControl);
  ctx.set('ETag', etag);
  if (document.lastModified) ctx.lastModified = document.lastModified;
  ctx.status = 200;
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  ctx.type = options.type;
  ctx.body = document.xml;
};
