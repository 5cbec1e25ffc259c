import { expiringKeyModel } from './expiring-key';

/**
 * A database-only table (no content type, no API): one row per comment form token that has been
 * used for an accepted comment (a keyed hash of the token) and until when that token would have
 * been good. "Use this token" is one atomic insert-or-nothing, so a token is good for one comment
 * across several Strapi instances; rows past their time are pruned with the flood marks.
 */
export const USED_FORM_TOKEN_UID = 'plugin::blog.used-form-token';

export const usedFormTokenModel = expiringKeyModel(
  USED_FORM_TOKEN_UID,
  'used-form-token',
  'blog_used_form_tokens'
);
