import { hasNul } from './json-input';

/**
 * Whether a slug from a public path could name a post or an author at all: text within a uid's
 * length and without NUL (which PostgreSQL refuses in a query). Any other is answered "not found"
 * without asking the database.
 */
export const isPossibleSlug = (slug: unknown): slug is string =>
  typeof slug === 'string' && slug.length > 0 && slug.length <= 255 && !hasNul(slug);
