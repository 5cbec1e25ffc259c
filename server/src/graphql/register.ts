import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import { COMMENT_UID, MODERATION_EVENT_UID, POST_UID } from '../constants';
import { requestClientIp } from '../utils/client-ip';
import { getService } from '../utils/get-service';

import { createGraphqlLimits } from './limits';
import { typeDefs } from './schema';

interface GraphqlExtension {
  shadowCRUD: (uid: string) => { disable: () => void };
  use: (configuration: unknown) => void;
}

type Args = Record<string, unknown>;
type ResolverContext = { state: { auth: unknown }; koaContext: Context };

/** `page`/`pageSize` as the REST query's `pagination`, leaving out what was not asked. */
const pageArgs = (args: Args) => ({
  page: args.page ?? 1,
  ...(args.pageSize === undefined || args.pageSize === null ? {} : { pageSize: args.pageSize }),
});

/** The users-permissions action each query answers under, the same as its REST route's. */
const scope = (action: string) => ({ auth: { scope: [`plugin::blog.${action}`] } });

/**
 * Adds the plugin's queries and mutation to Strapi's GraphQL schema when the GraphQL plugin is
 * installed, and turns off the generated CRUD of the plugin's types: their generated queries would
 * bypass the public whitelist, and their mutations the moderation rules.
 */
export const registerGraphql = (strapi: Core.Strapi) => {
  if (!strapi.plugin('graphql')) return;
  const extension = strapi.plugin('graphql').service('extension') as unknown as GraphqlExtension;
  for (const uid of [POST_UID, COMMENT_UID, MODERATION_EVENT_UID]) {
    extension.shadowCRUD(uid).disable();
  }

  // Every plugin field goes through the cost and answer-size bounds (graphql/limits.ts).
  const limits = createGraphqlLimits(strapi);
  const bounded = (action: string) => ({ ...scope(action), middlewares: [limits] });

  extension.use(() => ({
    typeDefs,
    resolvers: {
      Query: {
        blogPosts: async (_parent: unknown, args: Args, context: ResolverContext) => {
          const query: Record<string, unknown> = { pagination: pageArgs(args) };
          if (args.sort) query.sort = args.sort;
          const { data, pagination } = await getService('posts', { strapi }).findPublished(
            query,
            context.state.auth
          );
          return { data, pagination };
        },
        blogPost: (_parent: unknown, args: Args) =>
          getService('posts', { strapi }).findPublishedBySlug(String(args.slug)),
        blogComments: async (_parent: unknown, args: Args) => {
          const query: Record<string, unknown> = { pagination: pageArgs(args) };
          if (args.order) query.sort = `submittedAt:${args.order}`;
          return getService('comments', { strapi }).findApprovedThread(String(args.slug), query);
        },
        blogCommentForm: (_parent: unknown, args: Args) =>
          getService('comments', { strapi }).form(String(args.slug)),
      },
      Mutation: {
        createBlogComment: async (_parent: unknown, args: Args, context: ResolverContext) => {
          const settings = await getService('settings', { strapi }).get();
          const ctx = context.koaContext;
          return getService('comments', { strapi }).submit(
            String(args.slug),
            {
              data: args.data,
              formToken: args.formToken ?? undefined,
              [settings.honeypotField]: args.honeypot ?? undefined,
            },
            { ip: ctx ? requestClientIp(ctx) : null, userAgent: ctx?.get('user-agent') || null }
          );
        },
      },
    },
    resolversConfig: {
      'Query.blogPosts': bounded('post.find'),
      'Query.blogPost': bounded('post.findOne'),
      'Query.blogComments': bounded('comment.find'),
      'Query.blogCommentForm': bounded('comment.form'),
      'Mutation.createBlogComment': bounded('comment.create'),
    },
  }));
};
