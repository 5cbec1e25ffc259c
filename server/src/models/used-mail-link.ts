import { expiringKeyModel } from './expiring-key';

/**
 * A database-only table (no content type, no API): one row per moderation link that was used
 * (a keyed hash of its nonce) and until when the link would have been good. Using a link is one
 * atomic insert-or-nothing in the transaction of the change it makes, so a link acts once across
 * instances; rows past their time are pruned with the flood marks.
 */
export const USED_MAIL_LINK_UID = 'plugin::blog.used-mail-link';

export const usedMailLinkModel = expiringKeyModel(
  USED_MAIL_LINK_UID,
  'used-mail-link',
  'blog_used_mail_links'
);
