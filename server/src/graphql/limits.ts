import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import type { BlogGraphqlMutation, BlogGraphqlQuery } from '../../../contracts/graphql';
import { getPageLimits, getPluginConfig } from '../utils/plugin-config';

import {
  operationCost,
  pageItems,
  type AstFragments,
  type AstOperation,
  type CostModel,
} from './cost';

/** What a resolver middleware of Strapi's GraphQL plugin (resolversConfig `middlewares`) gets. */
type Resolve = (parent: unknown, args: unknown, context: object, info: ResolveInfo) => unknown;
interface ResolveInfo {
  operation: AstOperation;
  fragments: AstFragments;
  variableValues: Record<string, unknown>;
  path: { key: string | number };
  returnType: unknown;
}

/** What an operation's first plugin field found: its cost, and the refusal if over the limit. */
interface Verdict {
  cost: number;
  refusal: (Error & { path?: Array<string | number> }) | null;
  /** The refusal was answered once already. */
  answered: boolean;
}

const graphqlLimitError = (
  message: string,
  limit: 'maxCost' | 'maxAnswerBytes',
  max: number,
  actual: number
) =>
  new errors.ValidationError(`${message}: ${actual}, at most ${max} (limits.graphql.${limit})`, {
    source: 'graphql',
    limit,
    max,
    actual,
  });

/**
 * The bounds on what one GraphQL request may ask of the plugin, as a resolver middleware for each
 * of its root fields:
 *
 * - cost (`limits.graphql.maxCost`), checked before the field's resolver runs, so before any SQL:
 *   computed once per operation of a request (3,000 aliases cost one computation), refused on
 *   every plugin field of an operation over it;
 * - answer size (`limits.graphql.maxAnswerBytes`): the bytes of data the plugin's resolvers
 *   answered in the request so far, as JSON; a field that would go over answers an error instead.
 */
export const createGraphqlLimits = (strapi: Core.Strapi) => {
  const page = (args: Record<string, unknown>) => pageItems(args.pageSize, getPageLimits(strapi));
  const one = () => 1;
  // Every root field of the plugin has its items (a compile error otherwise).
  const items: Record<BlogGraphqlQuery | BlogGraphqlMutation, CostModel['items'][string]> = {
    blogPosts: page,
    blogComments: page,
    blogCategories: page,
    blogTags: page,
    blogAuthors: page,
    blogPost: one,
    blogCommentForm: one,
    blogAuthor: one,
    createBlogComment: one,
    updateBlogComment: one,
    reportBlogComment: one,
  };
  const costs: CostModel = { items, nestedLists: ['categories', 'tags'] };

  /** Per request (its context), per operation: the verdict; and the bytes answered so far. */
  const verdicts = new WeakMap<object, WeakMap<object, Verdict>>();
  const answered = new WeakMap<object, number>();

  const verdictOf = (context: object, info: ResolveInfo, maxCost: number): Verdict => {
    let byOperation = verdicts.get(context);
    if (!byOperation) {
      byOperation = new WeakMap();
      verdicts.set(context, byOperation);
    }
    let verdict = byOperation.get(info.operation);
    if (!verdict) {
      const cost = operationCost(info.operation, info.fragments, info.variableValues ?? {}, costs);
      const refusal =
        cost > maxCost
          ? graphqlLimitError(
              'This operation asks too much of the blog (each blog field costs 1, a list 1 per item it may answer, and a post’s categories or tags 1 more per post)',
              'maxCost',
              maxCost,
              cost
            )
          : null;
      verdict = { cost, refusal, answered: false };
      byOperation.set(info.operation, verdict);
    }
    return verdict;
  };

  /**
   * A refused operation answers its refusal once: the first of its plugin fields throws it, a
   * later one throws the same error when its type cannot be null (the whole answer is null
   * then) and answers null otherwise. The error carries its path, so GraphQL takes it as it is
   * instead of building a new error per field (which scans the document for its location: with
   * thousands of aliases, the document times the aliases).
   */
  const refuse = (verdict: Verdict, info: ResolveInfo) => {
    const refusal = verdict.refusal!;
    if (!verdict.answered) {
      verdict.answered = true;
      refusal.path = [info.path.key];
      throw refusal;
    }
    if (String(info.returnType).endsWith('!')) throw refusal;
    return null;
  };

  return async (
    resolve: Resolve,
    parent: unknown,
    args: unknown,
    context: object,
    info: ResolveInfo
  ) => {
    const { maxCost, maxAnswerBytes } = getPluginConfig(strapi).limits.graphql;
    const verdict = verdictOf(context, info, maxCost);
    if (verdict.refusal) return refuse(verdict, info);

    const result = await resolve(parent, args, context, info);
    const bytes = Buffer.byteLength(JSON.stringify(result) ?? '');
    const total = (answered.get(context) ?? 0) + bytes;
    if (total > maxAnswerBytes) {
      throw graphqlLimitError(
        'The blog’s answer to this request is too large, in bytes',
        'maxAnswerBytes',
        maxAnswerBytes,
        total
      );
    }
    answered.set(context, total);
    return result;
  };
};
