import { CommentsForbiddenError } from './errors';

/**
 * What an admin without `comments.read` does not see of a comment through the Document Service
 * (the Content Manager's reads): who wrote it (email, IP hash, user agent) and why the rules
 * judged it so (the moderation reason can name a disallowed word). Nor may their queries filter
 * or sort on these fields, which would tell the values one comparison at a time.
 */
export const PRIVATE_COMMENT_FIELDS = ['authorEmail', 'ipHash', 'userAgent', 'moderationReason'];

const PRIVATE = new Set(PRIVATE_COMMENT_FIELDS);

/** Deeper than any query or document Strapi builds; a guard, not a limit anyone meets. */
const MAX_DEPTH = 32;

/** A field path in a sort string (`authorEmail:asc`, `parent.ipHash`, `a,b`). */
const SORT_SEPARATORS = /[\s,.:]+/;

const namesPrivate = (value: unknown, inSort: boolean, depth: number): boolean => {
  if (depth > MAX_DEPTH) return true;
  if (typeof value === 'string') {
    return inSort && value.split(SORT_SEPARATORS).some((part) => PRIVATE.has(part));
  }
  if (Array.isArray(value)) return value.some((item) => namesPrivate(item, inSort, depth + 1));
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value as Record<string, unknown>).some(
    ([key, item]) =>
      PRIVATE.has(key) ||
      namesPrivate(item, inSort || key === 'sort' || key === 'orderBy', depth + 1)
  );
};

/**
 * Refuses a read whose filters, sort or populate name a private field (anywhere: `$and`,
 * through `parent`, `replies` or a post's `comments`). Filter values are the reader's data and
 * are not looked at; only keys, and the field names of a sort.
 */
export const refusePrivateQuery = (params: Record<string, unknown>) => {
  const { filters, sort, populate } = params;
  if (
    namesPrivate(filters, false, 0) ||
    namesPrivate(sort, true, 0) ||
    namesPrivate(populate, false, 0)
  ) {
    throw new CommentsForbiddenError(
      'Filtering or sorting comments on private fields needs the permission to read comments'
    );
  }
};

/** Removes the private fields from every object of a result, nested relations included. */
export const stripPrivateFields = <T>(value: T, depth = 0): T => {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (const item of value) stripPrivateFields(item, depth + 1);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (PRIVATE.has(key)) delete record[key];
    else stripPrivateFields(record[key], depth + 1);
  }
  return value;
};
