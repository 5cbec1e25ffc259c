/**
 * Categories, tags and authors, as the public routes answer them:
 * `GET /api/blog/categories`, `GET /api/blog/tags`, `GET /api/blog/authors/:slug`.
 */
import type { ListResponse, SingleResponse } from './common';
import type { Media } from './media';

/** A category as a post shows it. */
export interface CategoryRef {
  documentId: string;
  name: string;
  slug: string;
  locale: string;
  /** The parent category's slug, or null for a top-level category. */
  parent: { documentId: string; name: string; slug: string } | null;
}

/** A category in the list of categories: with its description and its count of published posts. */
export interface Category extends CategoryRef {
  description: string | null;
  /** Published posts in this category, in this locale. */
  postCount: number;
}

/** A tag as a post shows it. */
export interface TagRef {
  documentId: string;
  name: string;
  slug: string;
  locale: string;
}

/** A tag in the list of tags, with its count of published posts. */
export interface Tag extends TagRef {
  postCount: number;
}

/** An author as a post shows it. Never carries the linked admin user. */
export interface AuthorRef {
  documentId: string;
  name: string;
  slug: string;
  url: string | null;
  avatar: Media | null;
}

/** An author's page. */
export interface Author extends AuthorRef {
  bio: string | null;
  /** Published posts signed by this author, in the requested locale. */
  postCount: number;
}

/** Query of the category, tag and author lists (the locale counts their posts). */
export interface TaxonomyQuery {
  locale?: string;
  pagination?: { page?: number; pageSize?: number; start?: number; limit?: number };
}

export namespace FindCategories {
  export type Query = TaxonomyQuery;
  export type Response = ListResponse<Category>;
}

export namespace FindTags {
  export type Query = TaxonomyQuery;
  export type Response = ListResponse<Tag>;
}

export namespace FindAuthors {
  export type Query = TaxonomyQuery;
  export type Response = ListResponse<Author>;
}

export namespace FindAuthor {
  export interface Params {
    slug: string;
  }
  export interface Query {
    locale?: string;
  }
  export type Response = SingleResponse<Author>;
}
