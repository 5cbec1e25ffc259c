import { errors } from '@strapi/utils';

/**
 * The cost model of a public query, checked before any SQL. A query's cost is what the database
 * must do for it whatever the data: every condition is a comparison per row, every filter through
 * a component or relation is a join (Strapi joins again for each occurrence, so two joins through
 * the five lessons of each post multiply the rows to 25 per post, ten to 5^10), every level of
 * nesting is a level of SQL, and a long `$containsi` value is scanned for in every row. Each
 * bound is one of `limits.query` in the plugin's config.
 */
export interface QueryLimits {
  /** Conditions (field + operator) in all; a `$in`/`$notIn` counts one per value. */
  maxConditions: number;
  /** Keys on the way from `filters` to a value: `$and`/`$or`/`$not`, fields and operators. */
  maxDepth: number;
  /** Filters through a component or relation, each occurrence (each is another join). */
  maxJoins: number;
  /** Characters in one filter value. */
  maxValueLength: number;
}

export type QueryLimitName = keyof QueryLimits | 'maxOffset';

/** What a `filters` object asks of the database, counted over the whole object. */
export interface QueryCost {
  conditions: number;
  joins: number;
  /** The deepest value, in keys from `filters`. */
  depth: number;
  /** The longest string value, in characters. */
  longestValue: number;
}

export const emptyCost = (): QueryCost => ({ conditions: 0, joins: 0, depth: 0, longestValue: 0 });

const WHAT: Record<QueryLimitName, string> = {
  maxConditions: 'Too many filter conditions',
  maxDepth: 'Filters nested too deep',
  maxJoins: 'Too many filters through lessons or other components and relations (each is a join)',
  maxValueLength: 'A filter value is too long',
  maxOffset: 'Pagination goes past the last page a list answers',
};

const UNIT: Record<QueryLimitName, string> = {
  maxConditions: 'conditions',
  maxDepth: 'levels',
  maxJoins: 'joins',
  maxValueLength: 'characters',
  maxOffset: 'rows skipped',
};

/**
 * Strapi's 400 for a query over one of its limits. The message says which limit and by how much;
 * `details` names it for programs: `{ source: 'query', limit: 'maxJoins', max: 2, actual: 10 }`.
 */
export const limitError = (
  limit: QueryLimitName,
  max: number,
  actual: number,
  details: Record<string, unknown> = {}
) =>
  new errors.ValidationError(
    `${WHAT[limit]}: ${actual} ${UNIT[limit]}, at most ${max} (limits.query.${limit})`,
    { source: 'query', ...details, limit, max, actual }
  );

/** Throws the first limit the cost is over, as a 400 naming it. */
export const assertWithinLimits = (cost: QueryCost, limits: QueryLimits) => {
  const checks: Array<[keyof QueryLimits, number]> = [
    ['maxDepth', cost.depth],
    ['maxJoins', cost.joins],
    ['maxConditions', cost.conditions],
    ['maxValueLength', cost.longestValue],
  ];
  for (const [limit, actual] of checks) {
    if (actual > limits[limit])
      throw limitError(limit, limits[limit], actual, { param: 'filters' });
  }
};
