import type { Core } from '@strapi/strapi';

import { COMMENT_UID, POST_UID } from '../../../contracts/plugin';
import { columnsOf, relationLink, tableName } from '../db/metadata';

/** The limit of recursive walks up or down a thread: a guard against a cycle edited in by hand. */
export const MAX_THREAD_DEPTH = 100;

/**
 * The tables and columns the raw SQL of the plugin uses, read from Strapi's metadata (see
 * db/metadata.ts) so they follow the host app's naming (identifier shortening included).
 */
export const commentTables = (strapi: Core.Strapi) => {
  const comment = columnsOf(strapi, COMMENT_UID);
  const post = columnsOf(strapi, POST_UID);
  const postLink = relationLink(strapi, COMMENT_UID, 'post');
  const parentLink = relationLink(strapi, COMMENT_UID, 'parent');
  return {
    comments: tableName(strapi, COMMENT_UID),
    commentDocumentId: comment('documentId'),
    status: comment('status'),
    submittedAt: comment('submittedAt'),
    /** The thread copies (see repositories/thread-index.ts). */
    commentPost: comment('postDocumentId'),
    commentParent: comment('parentDocumentId'),
    commentRoot: comment('rootDocumentId'),
    posts: tableName(strapi, POST_UID),
    postDocumentId: post('documentId'),
    /** comment ↔ post rows (a comment links to its post's draft and published rows). */
    postLink: { table: postLink.table, comment: postLink.owner, post: postLink.target },
    /** reply → parent. */
    parentLink: { table: parentLink.table, child: parentLink.owner, parent: parentLink.target },
  };
};
