import type { CacheTag } from '../../../contracts/cache';
import type { PublicAction } from '../../../contracts/plugin';

/** A public read the cache may answer: its users-permissions action and the tags it shows. */
export interface CacheableRoute {
  action: PublicAction;
  tags: readonly CacheTag[];
  /**
   * The answer names the address it was asked at (a feed's `self` link, the sitemap's pages:
   * the request's origin unless `server.url` is absolute): kept apart per origin.
   */
  byOrigin: boolean;
}

const EVERYTHING: readonly CacheTag[] = ['content', 'comments', 'permissions'];
const NO_COMMENTS: readonly CacheTag[] = ['content', 'permissions'];

const route = (
  action: PublicAction,
  { tags = EVERYTHING, byOrigin = false }: { tags?: readonly CacheTag[]; byOrigin?: boolean } = {}
): CacheableRoute => ({ action, tags, byOrigin });

/**
 * The routes of routes/content-api.ts whose answers depend only on the database and the request's
 * URL (path, query and, for the XML ones, origin): never the comment form (a fresh token each time), the preview (a
 * token), the mail links or any write. Keyed by the path under `/api/blog` with each parameter
 * as `:`, e.g. `/posts/:/comments`.
 */
const ROUTES = new Map<string, CacheableRoute>([
  ['/feed.xml', route('plugin::blog.feed.posts', { byOrigin: true })],
  ['/sitemap.xml', route('plugin::blog.sitemap.index', { byOrigin: true })],
  ['/posts', route('plugin::blog.post.find')],
  ['/posts/:', route('plugin::blog.post.findOne')],
  ['/posts/:/comments', route('plugin::blog.comment.find')],
  ['/posts/:/comments/feed.xml', route('plugin::blog.feed.comments', { byOrigin: true })],
  ['/categories', route('plugin::blog.category.find', { tags: NO_COMMENTS })],
  ['/tags', route('plugin::blog.tag.find', { tags: NO_COMMENTS })],
  ['/authors', route('plugin::blog.author.find', { tags: NO_COMMENTS })],
  ['/authors/:', route('plugin::blog.author.findOne', { tags: NO_COMMENTS })],
]);

/** Which segments of a path are parameters: the second of `/posts/…` and `/authors/…`. */
const PARAMETER_AFTER = new Set(['posts', 'authors']);

/**
 * The cacheable route a path under the plugin's prefix names (`/posts/networking/comments`), or
 * undefined. Splits on `/` only (no pattern runs on the path); an empty segment (`//`, a trailing
 * `/`) names no cacheable route, and the request goes the ordinary way.
 */
export const cacheableRoute = (path: string): CacheableRoute | undefined => {
  const segments = path.split('/');
  if (segments.length < 2 || segments.length > 5 || segments[0] !== '') return undefined;
  const shape = segments
    .slice(1)
    .map((segment, i, all) => {
      if (segment === '') return '\u0000';
      return i === 1 && PARAMETER_AFTER.has(all[0]) ? ':' : segment;
    })
    .join('/');
  return ROUTES.get(`/${shape}`);
};
