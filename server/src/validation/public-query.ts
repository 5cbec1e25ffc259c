import { errors, pagination as paginationUtils } from '@strapi/utils';

import { isPlainObject } from '../utils/is-plain-object';

import { parseBooleanValue } from './filter-values';
import { limitError } from './query-cost';

/**
 * Whitelisting of public query strings. Strapi's own content-API validation runs after this
 * (in the services); this layer decides which keys, fields and orders a public route accepts at
 * all, so nothing private, relational or unknown reaches the query engine.
 */

export type SortOrder = 'asc' | 'desc';
export type SortSpec = Array<Record<string, SortOrder>>;

export interface PageRequest {
  start: number;
  limit: number;
  /** The request used `page`/`pageSize` (or nothing) rather than `start`/`limit`. */
  isPaged: boolean;
}

const invalid = (message: string, details: Record<string, unknown> = {}) =>
  new errors.ValidationError(message, { source: 'query', ...details });

export const rejectUnknownQueryKeys = (query: Record<string, unknown>, allowed: string[]) => {
  for (const key of Object.keys(query)) {
    if (!allowed.includes(key)) {
      throw invalid(`Invalid query parameter "${key}"`, { key, param: key });
    }
  }
};

const SORT_ITEM = /^([a-z]\w*)(?::(asc|desc))?$/i;

/**
 * Accepts Strapi's sort forms (`a`, `a:desc`, `a,b:desc`, `['a','b:desc']`, `{ a: 'desc' }`,
 * `[{ a: 'desc' }]`) on the listed fields and returns one normal form.
 */
export const parseSort = (sort: unknown, allowed: readonly string[]): SortSpec => {
  const out: SortSpec = [];
  const push = (field: string, order: string) => {
    const direction = order.toLowerCase();
    if (!allowed.includes(field)) {
      throw invalid(`Invalid key ${field}`, { key: field, param: 'sort' });
    }
    if (direction !== 'asc' && direction !== 'desc') {
      throw invalid(`Invalid sort order "${order}"`, { key: field, param: 'sort' });
    }
    out.push({ [field]: direction });
  };
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const part of value.split(',').map((item) => item.trim())) {
        const match = SORT_ITEM.exec(part);
        if (!match) {
          throw invalid(`Invalid sort parameter "${part}"`, { param: 'sort' });
        }
        push(match[1], match[2] ?? 'asc');
      }
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (isPlainObject(value)) {
      for (const [field, order] of Object.entries(value)) {
        if (typeof order !== 'string') {
          throw invalid(`Invalid sort order for ${field}`, { key: field, param: 'sort' });
        }
        push(field, order);
      }
    } else {
      throw invalid('Invalid sort parameter', { param: 'sort' });
    }
  };

  if (sort !== undefined) visit(sort);
  return out;
};

const INTEGER = /^-?\d{1,16}$/;

/** A safe integer (a number, or its digits as the query string gives them), or a 400. */
const toInteger = (value: unknown, name: string): number => {
  const number = typeof value === 'string' && INTEGER.test(value) ? Number(value) : value;
  if (typeof number === 'number' && Number.isSafeInteger(number)) return number;
  throw invalid(`Invalid pagination parameter "${name}": expected a whole number`, {
    param: `pagination[${name}]`,
  });
};

export interface PageLimits {
  defaultLimit: number;
  maxLimit: number | null;
  /** The most rows a request may skip (`limits.query.maxOffset`); none when not given. */
  maxOffset?: number;
}

/**
 * Strapi's two pagination styles with its config (`api.rest.defaultLimit`, `api.rest.maxLimit`).
 * Top-level `start`/`limit` are read as `pagination[start]`/`pagination[limit]`. Only safe
 * integers are read, and a page that starts past `maxOffset` rows is refused (400): skipping
 * rows costs the database as much as reading them.
 */
export const parsePagination = (
  query: Record<string, unknown>,
  limits: PageLimits
): PageRequest => {
  const raw = query.pagination ?? {};
  if (!isPlainObject(raw)) {
    throw invalid('Invalid pagination parameter', { param: 'pagination' });
  }
  const merged: Record<string, unknown> = { ...raw };
  for (const key of ['start', 'limit'] as const) {
    if (query[key] !== undefined) merged[key] = query[key];
  }

  const args: Record<string, number> = {};
  for (const [key, value] of Object.entries(merged)) {
    if (!['page', 'pageSize', 'start', 'limit', 'withCount'].includes(key)) {
      throw invalid(`Invalid pagination parameter "${key}"`, { param: `pagination[${key}]` });
    }
    if (key === 'withCount') {
      try {
        parseBooleanValue(value);
      } catch {
        throw invalid('pagination[withCount] must be true or false', {
          param: 'pagination[withCount]',
        });
      }
    } else {
      args[key] = toInteger(value, key);
    }
  }
  if (args.page !== undefined && args.page < 1) {
    throw invalid('pagination[page] must be 1 or more', { param: 'pagination[page]' });
  }
  if (args.pageSize !== undefined && args.pageSize < 1) {
    throw invalid('pagination[pageSize] must be 1 or more', { param: 'pagination[pageSize]' });
  }
  if (args.start !== undefined && args.start < 0) {
    throw invalid('pagination[start] must be 0 or more', { param: 'pagination[start]' });
  }

  const isOffset = 'start' in args || 'limit' in args;
  const isPaged = 'page' in args || 'pageSize' in args;
  if (isOffset && isPaged) {
    throw invalid('Use either page/pageSize or start/limit pagination, not both', {
      param: 'pagination',
    });
  }

  const { start, limit } = paginationUtils.withDefaultPagination(args, {
    defaults: {
      offset: { limit: limits.defaultLimit },
      page: { pageSize: limits.defaultLimit },
    },
    maxLimit: limits.maxLimit ?? -1,
  });
  if (limits.maxOffset !== undefined && start > limits.maxOffset) {
    throw limitError('maxOffset', limits.maxOffset, start, { param: 'pagination' });
  }
  return { start, limit, isPaged: !isOffset };
};

export const paginationMeta = (page: PageRequest, total: number) =>
  page.isPaged
    ? paginationUtils.transformPagedPaginationInfo(page, total)
    : paginationUtils.transformOffsetPaginationInfo(page, total);
