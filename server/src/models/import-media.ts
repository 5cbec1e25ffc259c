import type { DatabaseModel } from './database-model';

/**
 * A database-only table (no content type, no API): the Media Library file each image URL of an
 * import became, so a second run of the same export reuses the file instead of fetching it again.
 * `sourceKey` is a hash of the URL (a URL may be longer than an index takes).
 */
export const IMPORT_MEDIA_UID = 'plugin::blog.import-media';

/** The Media Library file an image URL of an import became. */
export interface ImportMediaRow {
  id: number;
  sourceKey: string;
  sourceUrl: string;
  fileId: number;
}

export const importMediaModel = {
  uid: IMPORT_MEDIA_UID,
  singularName: 'import-media',
  tableName: 'blog_import_media',
  attributes: {
    id: { type: 'increments' },
    sourceKey: { type: 'string', column: { notNullable: true } },
    sourceUrl: { type: 'text', column: { notNullable: true } },
    fileId: { type: 'integer', column: { notNullable: true } },
  },
  indexes: [{ name: 'blog_import_media_source_uq', columns: ['source_key'], type: 'unique' }],
} satisfies DatabaseModel<ImportMediaRow>;
