import { expiringKeyModel } from './expiring-key';

/**
 * A database-only table (no content type, no API): one row per flood key (a hashed IP or email)
 * holding when that key may comment again. "May I comment now?" is one atomic upsert.
 */
export const FLOOD_MARK_UID = 'plugin::blog.flood-mark';

export const floodMarkModel = expiringKeyModel(FLOOD_MARK_UID, 'flood-mark', 'blog_flood_marks');
