import { createHash } from 'crypto';

import type { Context } from 'koa';

import {
  CACHE_STATUS_HEADER,
  SURROGATE_KEY_ALL,
  surrogateKeyOf,
  type CacheTag,
} from '../../../contracts/cache';

import type { TagVersions } from './versions';

/** A public answer as the cache keeps it: the bytes sent and the headers that describe them. */
export interface CachedAnswer {
  /** The versions of the route's tags when the answer was built (read before its data). */
  versions: Partial<TagVersions>;
  body: Buffer;
  type: string;
  etag: string;
  cacheControl: string;
  lastModified: string | null;
  surrogateKeys: string;
}

/** Whether an answer built with `versions` still shows what the tags now cover. */
export const stillCurrent = (
  answer: CachedAnswer,
  now: TagVersions,
  tags: readonly CacheTag[]
): boolean => tags.every((tag) => answer.versions[tag] === now[tag]);

export const surrogateKeysOf = (tags: readonly CacheTag[]) =>
  [SURROGATE_KEY_ALL, ...tags.map(surrogateKeyOf)].join(' ');

/** A strong ETag: the body's SHA-1, so two instances give the same answer the same tag. */
const etagOf = (body: Buffer) => `"${createHash('sha1').update(body).digest('base64url')}"`;

/**
 * The answer a controller built (a 200 with a JSON object, or a text such as a feed), as bytes
 * with its headers; undefined for a body the cache does not take (a stream).
 */
export const captureAnswer = (
  ctx: Context,
  options: {
    versions: Partial<TagVersions>;
    tags: readonly CacheTag[];
    jsonCacheControl: string;
  }
): CachedAnswer | undefined => {
  const { body } = ctx;
  let bytes: Buffer;
  if (Buffer.isBuffer(body)) bytes = body;
  else if (typeof body === 'string') bytes = Buffer.from(body);
  else if (
    body !== null &&
    typeof body === 'object' &&
    typeof (body as { pipe?: unknown }).pipe !== 'function'
  ) {
    // What Koa would send for the object (koa/lib/application.js respond: JSON.stringify).
    bytes = Buffer.from(JSON.stringify(body));
  } else return undefined;
  const type = ctx.response.get('Content-Type') || 'application/json; charset=utf-8';
  const json = type.startsWith('application/json');
  return {
    versions: options.versions,
    body: bytes,
    type,
    etag: ctx.response.get('ETag') || etagOf(bytes),
    cacheControl: (!json && ctx.response.get('Cache-Control')) || options.jsonCacheControl,
    lastModified: ctx.response.get('Last-Modified') || null,
    surrogateKeys: surrogateKeysOf(options.tags),
  };
};

/**
 * Sends `answer`: its headers, then 304 when the client's `If-None-Match` (or
 * `If-Modified-Since`) says it has it, else the bytes. `shared`: the answer may be kept by
 * shared caches (a request without credentials); else it is marked `private`.
 */
export const sendAnswer = (
  ctx: Context,
  answer: CachedAnswer,
  options: { shared: boolean; status?: 'HIT' | 'MISS'; surrogateKeyHeader: string | null }
) => {
  ctx.status = 200;
  ctx.set('ETag', answer.etag);
  ctx.set('Cache-Control', options.shared ? answer.cacheControl : 'private, no-cache');
  if (answer.lastModified) ctx.set('Last-Modified', answer.lastModified);
  if (options.shared && options.surrogateKeyHeader) {
    ctx.set(options.surrogateKeyHeader, answer.surrogateKeys);
  }
  if (options.status) ctx.set(CACHE_STATUS_HEADER, options.status);
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  ctx.type = answer.type;
  ctx.body = answer.body;
};
