/**
 * The public cache's names, shared by the server, its docs and the tests (docs/caching.md).
 *
 * A tag covers a part of what public answers show; every write that can change that part gives
 * the tag a new version (in the database, shared by every instance), and every cached answer
 * remembers the versions of the tags it depends on.
 */
export const CACHE_TAGS = ['content', 'comments', 'permissions'] as const;

/**
 * - `content`: posts, their translations, lessons, SEO, media, categories, tags, authors,
 *   locales, the plugin's settings: any write Strapi makes that is not one of the two below.
 * - `comments`: comments and their moderation log (counts, threads, comment feeds).
 * - `permissions`: the users-permissions roles and their actions (who may read what).
 */
export type CacheTag = (typeof CACHE_TAGS)[number];

/** Says whether an answer came from the cache (`HIT`) or was built (`MISS`). */
export const CACHE_STATUS_HEADER = 'X-Blog-Cache';

/** The surrogate key of a tag (CDNs that purge by key); `blog` names every public answer. */
export const surrogateKeyOf = (tag: CacheTag) => `blog-${tag}`;
export const SURROGATE_KEY_ALL = 'blog';
