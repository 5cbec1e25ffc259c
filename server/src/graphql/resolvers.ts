import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import type {
  BlogGraphqlMutation,
  BlogGraphqlQuery,
  GraphqlMediaFormat,
} from '../../../contracts/graphql';
import type { Media } from '../../../contracts/media';
import { requestClientIp } from '../utils/client-ip';
import { getService } from '../utils/get-service';
import { checkJsonInput } from '../validation/json-input';

import { toRestFilters } from './filters';

type Args = Record<string, unknown>;
type ResolverContext = { state: { auth: unknown }; koaContext: Context };
type Resolver = (parent: unknown, args: Args, context: ResolverContext) => unknown;

/** An argument given as null is taken as not given (`locale: null` is the default locale). */
const given = (value: unknown) => (value === null ? undefined : value);

/** GraphQL enum values cannot hold `-`: `off_topic` is REST's `off-topic`. */
const restReason = (value: unknown) =>
  typeof value === 'string' ? value.replace(/_/g, '-') : value;

/** `page`/`pageSize` as the REST query's `pagination`, leaving out what was not asked. */
const pageArgs = (args: Args) => ({
  page: args.page ?? 1,
  ...(args.pageSize === undefined || args.pageSize === null ? {} : { pageSize: args.pageSize }),
});

/** A list query's REST query: its locale (when given) and its page. */
const listQuery = (args: Args): Record<string, unknown> => ({
  ...(given(args.locale) === undefined ? {} : { locale: args.locale }),
  pagination: pageArgs(args),
});

/**
 * The plugin's resolvers: each root field calls the service its REST route calls, with the same
 * query (so the same checks, the same 4xx errors and the same answer), never Strapi's generated
 * CRUD.
 */
export const createResolvers = (strapi: Core.Strapi) => {
  const posts = () => getService('posts', { strapi });
  const comments = () => getService('comments', { strapi });
  const taxonomy = () => getService('taxonomy', { strapi });

  const Query: Record<BlogGraphqlQuery, Resolver> = {
    blogPosts: async (_parent, args, context) => {
      const query = listQuery(args);
      if (args.sort) query.sort = args.sort;
      if (given(args.filters) !== undefined) {
        // A NUL in a value is refused (400) before PostgreSQL would fail on it (REST refuses it
        // in the address).
        checkJsonInput({ filters: args.filters });
        query.filters = toRestFilters(args.filters);
      }
      const { data, pagination } = await posts().findPublished(query, context.state.auth);
      return { data, pagination };
    },
    blogPost: (_parent, args) => posts().findPublishedBySlug(String(args.slug), given(args.locale)),
    blogComments: (_parent, args) => {
      const query = listQuery(args);
      if (args.order) query.sort = `submittedAt:${args.order}`;
      return comments().findApprovedThread(String(args.slug), query);
    },
    blogCommentForm: (_parent, args) => comments().form(String(args.slug), given(args.locale)),
    blogCategories: (_parent, args) => taxonomy().categories(listQuery(args)),
    blogTags: (_parent, args) => taxonomy().tags(listQuery(args)),
    blogAuthors: (_parent, args) => taxonomy().authors(listQuery(args)),
    blogAuthor: (_parent, args) => {
      const locale = given(args.locale);
      return taxonomy().author(String(args.slug), locale === undefined ? {} : { locale });
    },
  };

  const Mutation: Record<BlogGraphqlMutation, Resolver> = {
    createBlogComment: async (_parent, args, context) => {
      const settings = await getService('settings', { strapi }).get();
      const ctx = context.koaContext;
      return comments().submit(
        String(args.slug),
        {
          data: args.data,
          formToken: args.formToken ?? undefined,
          [settings.honeypotField]: args.honeypot ?? undefined,
        },
        {
          ip: ctx ? requestClientIp(ctx) : null,
          userAgent: ctx?.get('user-agent') || null,
          locale: given(args.locale),
        }
      );
    },
    updateBlogComment: (_parent, args, context) => {
      const ctx = context.koaContext;
      return getService('readerActions', { strapi }).edit(
        args.documentId,
        { data: { content: args.content }, token: args.token },
        undefined,
        { ip: ctx ? requestClientIp(ctx) : null }
      );
    },
    reportBlogComment: (_parent, args, context) => {
      const ctx = context.koaContext;
      const note = given(args.note);
      return getService('readerActions', { strapi }).report(
        args.documentId,
        { data: { reason: restReason(args.reason), ...(note === undefined ? {} : { note }) } },
        { ip: ctx ? requestClientIp(ctx) : null }
      );
    },
  };

  return {
    Query,
    Mutation,
    BlogMedia: {
      /** REST's map of formats as a list, each with its name, in REST's order. */
      formats: (media: Media): GraphqlMediaFormat[] =>
        Object.entries(media.formats).map(([name, format]) => ({ name, ...format })),
    },
  };
};
