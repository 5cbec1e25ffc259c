import { errors } from '@strapi/utils';

import { isPlainObject } from '../utils/is-plain-object';

import {
  filterKindOf,
  FilterValueError,
  LIST_OPERATORS,
  OPERATORS_BY_KIND,
  parseBooleanValue,
  parseScalarValue,
  type FilterKind,
} from './filter-values';
import {
  assertWithinLimits,
  emptyCost,
  limitError,
  type QueryCost,
  type QueryLimits,
} from './query-cost';

/**
 * The `filters` of a public list, checked whole before any SQL: only the listed fields, the
 * operators their type takes, values of their type, in the shapes Strapi's query engine handles
 * (it answers 500 on any other), and within the query limits (query-cost.ts).
 */

/** The filterable fields of a model: a field's kind, or a nested tree for a component or relation (a join). */
export interface FilterTree {
  [field: string]: FilterKind | FilterTree;
}

type Attributes = Record<string, { type: string }>;

/**
 * The filter tree of these fields of a model, each typed from the model's attributes, plus the
 * listed joins. `documentId` is not among a Strapi 5 model's attributes; it is a string.
 */
export const filterTreeOf = (
  attributes: Attributes,
  fields: readonly string[],
  joins: Record<string, FilterTree> = {}
): FilterTree => {
  const tree: FilterTree = {};
  for (const field of fields) {
    const type = field === 'documentId' ? 'string' : attributes[field]?.type;
    const kind = type ? filterKindOf(type) : null;
    if (!kind) throw new Error(`${field} cannot be a public filter (type ${type ?? 'unknown'})`);
    tree[field] = kind;
  }
  return { ...tree, ...joins };
};

const LOGICAL = ['$and', '$or'];

const invalid = (message: string, path: string[], details: Record<string, unknown> = {}) =>
  new errors.ValidationError(message, { source: 'query', ...details, path: path.join('.') });

const own = (tree: FilterTree, key: string) =>
  Object.prototype.hasOwnProperty.call(tree, key) ? tree[key] : undefined;

/**
 * A list as the query string gives one: an array, or (past qs's `arrayLimit`) an object whose
 * keys are all indexes. Null for anything else.
 */
const asList = (value: unknown): unknown[] | null => {
  if (Array.isArray(value)) return value;
  if (!isPlainObject(value)) return null;
  const keys = Object.keys(value);
  if (keys.length === 0 || !keys.every((key) => /^\d{1,9}$/.test(key))) return null;
  return keys.sort((a, b) => Number(a) - Number(b)).map((key) => value[key]);
};

/**
 * Checks `filters` against the tree and the limits and answers them in the form the query engine
 * takes (lists as arrays, values cast to their field's type, a component's mixed keys grouped
 * under one `$and`). Throws Strapi's ValidationError (400) on anything else.
 */
export const parseFilters = (
  filters: unknown,
  tree: FilterTree,
  limits: QueryLimits
): Record<string, unknown> | undefined => {
  if (filters === undefined) return undefined;
  if (!isPlainObject(filters)) {
    throw new errors.ValidationError('Invalid filters: expected an object', {
      source: 'query',
      param: 'filters',
    });
  }
  if (Object.keys(filters).length === 0) return undefined;
  const cost: QueryCost = emptyCost();

  /** A key at this path: its depth is the number of keys on the path (list indexes are not). */
  const enter = (path: string[]) => {
    const depth = path.filter((key) => !/^\d+$/.test(key)).length;
    cost.depth = Math.max(cost.depth, depth);
    // Stops before going deeper, so the walk's own recursion stays bounded too.
    if (depth > limits.maxDepth) {
      throw limitError('maxDepth', limits.maxDepth, depth, {
        param: 'filters',
        path: path.join('.'),
      });
    }
  };

  /**
   * Each key of an object of filters, entered (its depth checked) and answered by `answer`, in an
   * object of the same keys. An empty object is refused.
   */
  const eachKey = (
    value: Record<string, unknown>,
    path: string[],
    answer: (key: string, child: unknown, at: string[]) => unknown
  ) => {
    const keys = Object.keys(value);
    if (keys.length === 0) throw invalid(`Invalid filters: nothing at ${path.join('.')}`, path);
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const at = [...path, key];
      enter(at);
      out[key] = answer(key, value[key], at);
    }
    return out;
  };

  const scalar = (kind: FilterKind, value: unknown, path: string[], nullable: boolean) => {
    if (value === null && nullable) return null;
    if (typeof value === 'string') cost.longestValue = Math.max(cost.longestValue, value.length);
    try {
      return parseScalarValue(kind, value);
    } catch (error) {
      if (!(error instanceof FilterValueError)) throw error;
      throw invalid(`Invalid filter value at ${path.join('.')}: ${error.message}`, path);
    }
  };

  /** What follows a field: a value (`$eq`), or an object of the operators its kind takes. */
  const fieldWhere = (value: unknown, kind: FilterKind, path: string[]): unknown => {
    if (Array.isArray(value)) {
      throw invalid(
        `Invalid filter value at ${path.join('.')}: expected a single value (a list needs $in)`,
        path
      );
    }
    if (!isPlainObject(value)) {
      cost.conditions += 1;
      return scalar(kind, value, path, true);
    }
    return eachKey(value, path, (key, child, at) => {
      if (key === '$not') {
        return fieldWhere(child, kind, at);
      } else if (LOGICAL.includes(key)) {
        throw invalid(
          `Invalid filters: ${key} at ${at.join('.')} is under a field; put it above the field`,
          at,
          { key }
        );
      } else if (!key.startsWith('$')) {
        throw invalid(`Invalid key ${key}`, at, { key });
      } else if (!OPERATORS_BY_KIND[kind].includes(key)) {
        throw invalid(`Invalid filter operator "${key}" for ${path.join('.')} (${kind})`, at, {
          key,
        });
      } else if (LIST_OPERATORS.includes(key)) {
        return listValue(key, child, kind, at);
      } else if (key === '$null' || key === '$notNull') {
        cost.conditions += 1;
        try {
          return parseBooleanValue(child);
        } catch {
          throw invalid(`Invalid filter value at ${at.join('.')}: expected true or false`, at);
        }
      } else {
        if (Array.isArray(child) || isPlainObject(child)) {
          throw invalid(`Invalid filter value at ${at.join('.')}: expected a single value`, at);
        }
        cost.conditions += 1;
        return scalar(kind, child, at, key === '$eq' || key === '$ne');
      }
    });
  };

  const listValue = (operator: string, value: unknown, kind: FilterKind, path: string[]) => {
    const list = asList(value);
    const wanted = operator === '$between' ? 'two values' : 'a list of values';
    if (!list || list.length === 0 || (operator === '$between' && list.length !== 2)) {
      throw invalid(`Invalid filter value at ${path.join('.')}: expected ${wanted}`, path);
    }
    cost.conditions += operator === '$between' ? 1 : list.length;
    return list.map((item, index) => {
      const at = [...path, String(index)];
      if (Array.isArray(item) || isPlainObject(item) || item === null) {
        throw invalid(`Invalid filter value at ${at.join('.')}: expected ${wanted}`, at);
      }
      return scalar(kind, item, at, false);
    });
  };

  /** An object of fields and `$and`/`$or`/`$not` on the model (or component) of this tree. */
  const where = (value: unknown, node: FilterTree, path: string[], isJoin: boolean) => {
    if (!isPlainObject(value)) {
      throw invalid(
        path.length
          ? `Invalid filters: a field or $and/$or/$not must follow ${path.join('.')}`
          : 'Invalid filters: a value must follow a field',
        path
      );
    }
    const out = eachKey(value, path, (key, child, at) => {
      if (LOGICAL.includes(key)) {
        const list = asList(child);
        if (!list?.length) {
          throw invalid(`Invalid filters: ${key} takes a list of filters`, at, { key });
        }
        return list.map((item, index) => where(item, node, [...at, String(index)], false));
      } else if (key === '$not') {
        return where(child, node, at, false);
      } else if (key.startsWith('$')) {
        throw invalid(
          `Invalid filters: operator "${key}" at ${at.join('.')} where a field is expected`,
          at,
          { key }
        );
      } else {
        const field = own(node, key);
        if (field === undefined) throw invalid(`Invalid key ${key}`, at, { key });
        if (typeof field === 'string') {
          return fieldWhere(child, field, at);
        } else {
          cost.joins += 1;
          return where(child, field, at, true);
        }
      }
    });
    // Under a component or relation, Strapi's query engine takes either fields or a single
    // $and/$or (and reads $not as a comparison of ids): any other mix is grouped under one $and,
    // which keeps it on the same join.
    const outKeys = Object.keys(out);
    const operators = outKeys.filter((key) => key.startsWith('$'));
    if (isJoin && operators.length && (outKeys.length > 1 || operators[0] === '$not')) {
      return { $and: outKeys.map((key) => ({ [key]: out[key] })) };
    }
    return out;
  };

  const parsed = where(filters, tree, [], false);
  assertWithinLimits(cost, limits);
  return parsed;
};
