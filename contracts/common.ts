/**
 * Shapes shared by every route of the plugin: Strapi's `{ data, meta }` envelope,
 * its pagination meta and its error body.
 */

/** `meta.pagination` when the request paged with `pagination[page]` / `pagination[pageSize]`. */
export interface PagePagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

/** `meta.pagination` when the request paged with `pagination[start]` / `pagination[limit]`. */
export interface OffsetPagination {
  start: number;
  limit: number;
  total: number;
}

export type Pagination = PagePagination | OffsetPagination;

export interface ListResponse<T> {
  data: T[];
  meta: { pagination: Pagination };
}

export interface SingleResponse<T> {
  data: T;
  meta: Record<string, never>;
}

/** Strapi's error body, as every 4xx of the plugin answers it. */
export interface ErrorResponse {
  data: null;
  error: {
    status: number;
    name: string;
    message: string;
    details: Record<string, unknown>;
  };
}
