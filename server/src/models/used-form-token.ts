/**
 * A database-only table (no content type, no API): one row per comment form token that has been
 * used for an accepted comment (a keyed hash of the token) and until when that token would have
 * been good. The unique index makes "use this token" one atomic insert-or-nothing, so a token is
 * good for one comment across several Strapi instances; rows past their time are pruned with the
 * flood marks.
 */
export const USED_FORM_TOKEN_UID = 'plugin::blog.used-form-token';

export const usedFormTokenModel = {
  uid: USED_FORM_TOKEN_UID,
  singularName: 'used-form-token',
  tableName: 'blog_used_form_tokens',
  attributes: {
    id: { type: 'increments' },
    key: { type: 'string', column: { notNullable: true } },
    until: { type: 'biginteger', column: { notNullable: true } },
  },
  indexes: [{ name: 'blog_used_form_tokens_key_uq', columns: ['key'], type: 'unique' }],
};
