/**
 * The plugin's GraphQL API (with `@strapi/plugin-graphql`): its root fields, their arguments,
 * and where an answer differs from the REST one. Every other type answers the fields of the
 * REST contracts (`Post`, `Category`, `Tag`, `Author`, …) under the same names.
 */
import type { Media, MediaFormat } from './media';

/** The plugin's queries, each answering as the REST route beside it. */
export const BLOG_GRAPHQL_QUERIES = [
  /** `GET /api/blog/posts` */
  'blogPosts',
  /** `GET /api/blog/posts/:slug` (null when there is none) */
  'blogPost',
  /** `GET /api/blog/posts/:slug/comments` */
  'blogComments',
  /** `GET /api/blog/posts/:slug/comment-form` */
  'blogCommentForm',
  /** `GET /api/blog/categories` */
  'blogCategories',
  /** `GET /api/blog/tags` */
  'blogTags',
  /** `GET /api/blog/authors` */
  'blogAuthors',
  /** `GET /api/blog/authors/:slug` (null when there is none) */
  'blogAuthor',
] as const;
export type BlogGraphqlQuery = (typeof BLOG_GRAPHQL_QUERIES)[number];

/** The plugin's mutations, each answering as the REST route beside it. */
export const BLOG_GRAPHQL_MUTATIONS = [
  /** `POST /api/blog/posts/:slug/comments` */
  'createBlogComment',
  /** `PATCH /api/blog/comments/:documentId` */
  'updateBlogComment',
  /** `POST /api/blog/comments/:documentId/reports` */
  'reportBlogComment',
] as const;
export type BlogGraphqlMutation = (typeof BLOG_GRAPHQL_MUTATIONS)[number];

/** A format of an image: as REST's `formats[name]`, with its name (GraphQL has no maps). */
export interface GraphqlMediaFormat extends MediaFormat {
  /** Strapi's format name: `thumbnail`, `small`, `medium`, `large`. */
  name: string;
}

/** An image as GraphQL answers it: `formats` is a list, in the order REST answers its keys. */
export type GraphqlMedia = Omit<Media, 'formats'> & { formats: GraphqlMediaFormat[] };

/**
 * A comparison of one field, as REST's `filters[field][$operator]` without the `$`: `eq`,
 * `in`, `containsi`, `null`, … and `not` (a comparison of the same field). Text search
 * (`contains`, `startsWithi`, …) is for text fields only.
 */
export interface GraphqlFieldFilter<T> {
  eq?: T | null;
  ne?: T | null;
  lt?: T;
  lte?: T;
  gt?: T;
  gte?: T;
  in?: T[];
  notIn?: T[];
  between?: [T, T];
  null?: boolean;
  notNull?: boolean;
  not?: GraphqlFieldFilter<T>;
}

export interface GraphqlTextFilter extends GraphqlFieldFilter<string> {
  eqi?: string;
  nei?: string;
  contains?: string;
  notContains?: string;
  containsi?: string;
  notContainsi?: string;
  startsWith?: string;
  startsWithi?: string;
  endsWith?: string;
  endsWithi?: string;
  not?: GraphqlTextFilter;
}

/** A post's category, tag or author, by slug or name. */
export interface GraphqlTaxonomyFilter {
  slug?: GraphqlTextFilter;
  name?: GraphqlTextFilter;
  and?: GraphqlTaxonomyFilter[];
  or?: GraphqlTaxonomyFilter[];
  not?: GraphqlTaxonomyFilter;
}

/**
 * `blogPosts(filters: …)`: the fields REST's `filters` takes (`POST_PUBLIC_FILTER_FIELDS`, a
 * lesson's text, a category's, tag's or author's slug or name), checked by the same rules and
 * limits (`limits.query`).
 */
export interface GraphqlPostFilters {
  documentId?: GraphqlTextFilter;
  title?: GraphqlTextFilter;
  slug?: GraphqlTextFilter;
  excerpt?: GraphqlTextFilter;
  authorName?: GraphqlTextFilter;
  lessonsHeading?: GraphqlTextFilter;
  originalDate?: GraphqlFieldFilter<string>;
  createdAt?: GraphqlFieldFilter<string>;
  updatedAt?: GraphqlFieldFilter<string>;
  publishedAt?: GraphqlFieldFilter<string>;
  commentsEnabled?: GraphqlFieldFilter<boolean>;
  lessons?: { text?: GraphqlTextFilter };
  categories?: GraphqlTaxonomyFilter;
  tags?: GraphqlTaxonomyFilter;
  author?: GraphqlTaxonomyFilter;
  and?: GraphqlPostFilters[];
  or?: GraphqlPostFilters[];
  not?: GraphqlPostFilters;
}

/** Arguments of the list queries; `locale` defaults to the app's default locale. */
export interface GraphqlListArgs {
  locale?: string;
  page?: number;
  pageSize?: number;
}

export interface GraphqlPostsArgs extends GraphqlListArgs {
  /** For example `["title:asc"]`; newest first by default. */
  sort?: string[];
  filters?: GraphqlPostFilters;
}
