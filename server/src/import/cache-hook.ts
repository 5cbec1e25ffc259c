import type { Core } from '@strapi/strapi';

/**
 * The one place the importer says it wrote rows outside `strapi.db.query` and
 * `strapi.documents` (raw link-table rows and the approved count, db/batch-rows.ts and
 * repositories/comment-counts.ts), inside the post's transaction, after each batch of comments.
 * The public response cache (issue 17) invalidates what a post's comments show from here; until
 * it exists this does nothing.
 */
export const importWroteRows = (strapi: Core.Strapi, postDocumentId: string): void => {
  void strapi;
  void postDocumentId;
};
