import type { Core } from '@strapi/strapi';

import { COMMENT_UID, POST_UID } from '../../../contracts/plugin';

type JoinTable = {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
};

/** The limit of recursive walks up or down a thread: a guard against a cycle edited in by hand. */
export const MAX_THREAD_DEPTH = 100;

/** The database column of an attribute, as Strapi's metadata names it. */
export const columnName = (attributes: Record<string, unknown>, name: string): string =>
  (attributes[name] as { columnName?: string }).columnName ?? name;

/**
 * The tables and columns the raw SQL of the plugin uses, read from Strapi's metadata so they
 * follow the host app's naming (identifier shortening included).
 */
export const commentTables = (strapi: Core.Strapi) => {
  const comment = strapi.db.metadata.get(COMMENT_UID);
  const post = strapi.db.metadata.get(POST_UID);
  const column = columnName;
  const link = (name: string) =>
    (comment.attributes[name] as unknown as { joinTable: JoinTable }).joinTable;
  const postLink = link('post');
  const parentLink = link('parent');
  return {
    comments: comment.tableName,
    commentDocumentId: column(comment.attributes, 'documentId'),
    status: column(comment.attributes, 'status'),
    submittedAt: column(comment.attributes, 'submittedAt'),
    /** The thread copies (see repositories/thread-index.ts). */
    commentPost: column(comment.attributes, 'postDocumentId'),
    commentParent: column(comment.attributes, 'parentDocumentId'),
    commentRoot: column(comment.attributes, 'rootDocumentId'),
    posts: post.tableName,
    postDocumentId: column(post.attributes, 'documentId'),
    /** comment ↔ post rows (a comment links to its post's draft and published rows). */
    postLink: {
      table: postLink.name,
      comment: postLink.joinColumn.name,
      post: postLink.inverseJoinColumn.name,
    },
    /** reply → parent. */
    parentLink: {
      table: parentLink.name,
      child: parentLink.joinColumn.name,
      parent: parentLink.inverseJoinColumn.name,
    },
  };
};
