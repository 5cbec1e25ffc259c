/**
 * A database-only table (no content type, no API): one row per flood key (a hashed IP or email)
 * holding when that key may comment again. The unique index makes "may I comment now?" one
 * atomic upsert, so the limit holds across several Strapi instances on one database.
 */
export const FLOOD_MARK_UID = 'plugin::blog.flood-mark';

export const floodMarkModel = {
  uid: FLOOD_MARK_UID,
  singularName: 'flood-mark',
  tableName: 'blog_flood_marks',
  attributes: {
    id: { type: 'increments' },
    key: { type: 'string', column: { notNullable: true } },
    until: { type: 'biginteger', column: { notNullable: true } },
  },
  indexes: [{ name: 'blog_flood_marks_key_uq', columns: ['key'], type: 'unique' }],
};
