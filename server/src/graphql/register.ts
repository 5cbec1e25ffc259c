import type { Core, UID } from '@strapi/strapi';

import type { BlogGraphqlMutation, BlogGraphqlQuery } from '../../../contracts/graphql';
import {
  AUTHOR_UID,
  CATEGORY_UID,
  COMMENT_UID,
  MODERATION_EVENT_UID,
  POST_UID,
  TAG_UID,
  type PublicAction,
} from '../../../contracts/plugin';
import { filterKindOf } from '../validation/filter-values';

import { filterTypeDefs } from './filters';
import { createGraphqlLimits } from './limits';
import { createResolvers } from './resolvers';
import { typeDefs } from './schema';
import { taxonomyTypeDefs } from './schema-taxonomy';

interface GraphqlExtension {
  shadowCRUD: (uid: string) => { disable: () => void };
  use: (configuration: unknown) => void;
}

/**
 * The plugin's content types: none gets Strapi's generated types, queries or mutations. Their
 * generated queries would bypass the public whitelist (an author's admin user, every import key)
 * and their mutations the moderation rules. The components (`blog.lesson`, `blog.seo`) keep
 * their generated types: they have no private field, and a host app's own content types may use
 * them (the playground's article does), whose GraphQL types need them.
 */
const PLUGIN_CONTENT_TYPES = [
  POST_UID,
  COMMENT_UID,
  MODERATION_EVENT_UID,
  CATEGORY_UID,
  TAG_UID,
  AUTHOR_UID,
];

/**
 * The users-permissions action each root field answers under: the action of the REST route it
 * mirrors, so granting or revoking one for a role does both.
 */
const QUERY_ACTIONS: Record<BlogGraphqlQuery, PublicAction> = {
  blogPosts: 'plugin::blog.post.find',
  blogPost: 'plugin::blog.post.findOne',
  blogComments: 'plugin::blog.comment.find',
  blogCommentForm: 'plugin::blog.comment.form',
  blogCategories: 'plugin::blog.category.find',
  blogTags: 'plugin::blog.tag.find',
  blogAuthors: 'plugin::blog.author.find',
  blogAuthor: 'plugin::blog.author.findOne',
};
const MUTATION_ACTIONS: Record<BlogGraphqlMutation, PublicAction> = {
  createBlogComment: 'plugin::blog.comment.create',
  updateBlogComment: 'plugin::blog.comment.update',
  reportBlogComment: 'plugin::blog.comment.report',
};

/**
 * Adds the plugin's queries and mutation to Strapi's GraphQL schema when the GraphQL plugin is
 * installed, and turns off the generated CRUD of the plugin's types.
 */
export const registerGraphql = (strapi: Core.Strapi) => {
  if (!strapi.plugin('graphql')) return;
  const extension = strapi.plugin('graphql').service('extension') as unknown as GraphqlExtension;
  for (const uid of PLUGIN_CONTENT_TYPES) {
    extension.shadowCRUD(uid).disable();
  }

  // Every plugin field goes through the cost and answer-size bounds (graphql/limits.ts).
  const limits = createGraphqlLimits(strapi);
  const configOf = (type: string, actions: Record<string, PublicAction>) =>
    Object.entries(actions).map(([field, action]) => [
      `${type}.${field}`,
      { auth: { scope: [action] }, middlewares: [limits] },
    ]);
  const resolversConfig = Object.fromEntries([
    ...configOf('Query', QUERY_ACTIONS),
    ...configOf('Mutation', MUTATION_ACTIONS),
  ]);

  extension.use(() => {
    const attributes = strapi.getModel(POST_UID as UID.ContentType).attributes as Record<
      string,
      { type: string }
    >;
    // documentId is not among a Strapi 5 model's attributes; it is a string.
    const kindOf = (field: string) =>
      filterKindOf(field === 'documentId' ? 'string' : (attributes[field]?.type ?? ''));
    return {
      typeDefs: [typeDefs, taxonomyTypeDefs, filterTypeDefs(kindOf)].join('\n'),
      resolvers: createResolvers(strapi),
      resolversConfig,
    };
  });
};
