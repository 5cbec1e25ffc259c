import type { GraphqlPostFilters } from '../../../contracts/graphql';
import { POST_PUBLIC_FILTER_FIELDS } from '../../../contracts/posts';
import { OPERATORS_BY_KIND, type FilterKind } from '../validation/filter-values';

/**
 * `blogPosts(filters: …)`: GraphQL input types for the filters REST's `GET /api/blog/posts`
 * takes, and their translation into REST's form (`{ tags: { slug: { $eq } } }`), which the
 * posts service then checks exactly as it checks a REST query (fields, operators, values,
 * `limits.query`). Only the public fields have an input field: a filter on any other is refused
 * by GraphQL's validation, before any resolver runs.
 */

/** Every post filter field names one of the contract's (a compile error otherwise). */
type PostFilterField = (typeof POST_PUBLIC_FILTER_FIELDS)[number];
const everyFieldTyped: Record<Exclude<PostFilterField, keyof GraphqlPostFilters>, never> = {};
void everyFieldTyped;

const LOGICAL = ['and', 'or', 'not'];

/** The operator names GraphQL takes: REST's, without the `$`. */
const OPERATORS = new Set(
  [...Object.values(OPERATORS_BY_KIND).flat(), '$not'].map((operator) => operator.slice(1))
);

/** The GraphQL filter input of each kind a post field has, and the type of its values. */
const INPUT_OF_KIND: Partial<Record<FilterKind, { name: string; value: string }>> = {
  string: { name: 'BlogTextFilter', value: 'String' },
  date: { name: 'BlogDateFilter', value: 'String' },
  datetime: { name: 'BlogDateTimeFilter', value: 'String' },
  boolean: { name: 'BlogBooleanFilter', value: 'Boolean' },
};

const DESCRIPTION: Partial<Record<FilterKind, string>> = {
  string: 'Compares a text field: REST’s filter operators without the $ (eq, in, containsi, …).',
  date: 'Compares a date (YYYY-MM-DD): REST’s filter operators without the $.',
  datetime: 'Compares an ISO 8601 date and time: REST’s filter operators without the $.',
  boolean: 'Compares a true/false field: REST’s filter operators without the $.',
};

const operatorInput = (kind: FilterKind) => {
  const { name, value } = INPUT_OF_KIND[kind]!;
  const fields = OPERATORS_BY_KIND[kind].map((operator) => {
    const key = operator.slice(1);
    if (key === 'null' || key === 'notNull') return `    ${key}: Boolean`;
    if (['in', 'notIn', 'between'].includes(key)) return `    ${key}: [${value}!]`;
    return `    ${key}: ${value}`;
  });
  return `  "${DESCRIPTION[kind]}"
  input ${name} {
${fields.join('\n')}
    not: ${name}
  }`;
};

/**
 * The filter input types, for the post's public fields typed by `kindOf` (from the post's
 * schema): a field of a kind without an input here is a programming error, found at boot.
 */
export const filterTypeDefs = (kindOf: (field: PostFilterField) => FilterKind | null) => {
  const postFields = POST_PUBLIC_FILTER_FIELDS.map((field) => {
    const kind = kindOf(field);
    const input = kind ? INPUT_OF_KIND[kind] : undefined;
    if (!input) throw new Error(`The post field ${field} has no GraphQL filter (kind ${kind})`);
    if (OPERATORS.has(field) || LOGICAL.includes(field)) {
      throw new Error(`The post field ${field} has an operator's name`);
    }
    return `    ${field}: ${input.name}`;
  });
  const kinds = Object.keys(INPUT_OF_KIND) as FilterKind[];
  return /* GraphQL */ `
${kinds.map(operatorInput).join('\n\n')}

  "A post's category, tag or author, by its slug or name."
  input BlogTaxonomyFilter {
    slug: BlogTextFilter
    name: BlogTextFilter
    and: [BlogTaxonomyFilter!]
    or: [BlogTaxonomyFilter!]
    not: BlogTaxonomyFilter
  }

  "A lesson of the post, by its text."
  input BlogLessonFilter {
    text: BlogTextFilter
  }

  "Which posts to list, as REST's filters (with the same limits.query bounds)."
  input BlogPostFilters {
${postFields.join('\n')}
    lessons: BlogLessonFilter
    categories: BlogTaxonomyFilter
    tags: BlogTaxonomyFilter
    author: BlogTaxonomyFilter
    and: [BlogPostFilters!]
    or: [BlogPostFilters!]
    not: BlogPostFilters
  }
`;
};

/**
 * GraphQL's filters in REST's form: each operator and `and`/`or`/`not` gets its `$`, fields stay
 * as they are (no public field has an operator's name: `filterTypeDefs` checks it). A field or
 * `and`/`or`/`not` given as null is left out, as if not given; an operator's null is kept (`eq:
 * null` is "is null"). GraphQL has checked the shape already; the posts service checks the rest.
 */
export const toRestFilters = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(toRestFilters);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (LOGICAL.includes(key)) {
      if (child !== null) out[`$${key}`] = toRestFilters(child);
    } else if (OPERATORS.has(key)) {
      out[`$${key}`] = toRestFilters(child);
    } else if (child !== null) {
      out[key] = toRestFilters(child);
    }
  }
  return out;
};
