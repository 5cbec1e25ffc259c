import type { CacheTag } from '../../../contracts/cache';
import { COMMENT_UID, MODERATION_EVENT_UID } from '../../../contracts/plugin';
import { CACHE_VERSION_UID } from '../models/cache-version';
import { COMMENT_REPORT_UID } from '../models/comment-report';
import { FLOOD_MARK_UID } from '../models/flood-mark';
import { IMPORT_JOB_UID } from '../models/import-job';
import { IMPORT_MEDIA_UID } from '../models/import-media';
import { MAIL_OUTBOX_UID } from '../models/mail-outbox';
import { MAIL_SUBSCRIPTION_UID } from '../models/mail-subscription';
import { PUBLICATION_SCHEDULE_UID } from '../models/publication-schedule';
import { USED_FORM_TOKEN_UID } from '../models/used-form-token';
import { USED_MAIL_LINK_UID } from '../models/used-mail-link';

/**
 * The plugin's tables no public answer reads: flood marks, used tokens and links, the mail
 * outbox and subscriptions, reports, import jobs, schedules (a schedule publishes through the
 * Document Service, which is a `content` write), and the cache's own versions.
 */
const UNSEEN = new Set<string>([
  CACHE_VERSION_UID,
  COMMENT_REPORT_UID,
  FLOOD_MARK_UID,
  IMPORT_JOB_UID,
  IMPORT_MEDIA_UID,
  MAIL_OUTBOX_UID,
  MAIL_SUBSCRIPTION_UID,
  PUBLICATION_SCHEDULE_UID,
  USED_FORM_TOKEN_UID,
  USED_MAIL_LINK_UID,
]);

const COMMENTS: readonly CacheTag[] = ['comments'];
const PERMISSIONS: readonly CacheTag[] = ['permissions'];
const CONTENT: readonly CacheTag[] = ['content'];
const NONE: readonly CacheTag[] = [];

/**
 * The tags a write to a model changes. Everything not known to be unseen is `content`: a model
 * added by another plugin, the core store (settings, the default locale), media, locales. So a
 * write nobody thought of empties the cache rather than leave it stale. Admin users, roles,
 * API tokens and sessions (`admin::`) are never shown on public routes, and requests with
 * credentials are not answered from the cache.
 */
export const tagsOfModel = (uid: string): readonly CacheTag[] => {
  if (uid === COMMENT_UID || uid === MODERATION_EVENT_UID) return COMMENTS;
  if (uid === 'plugin::users-permissions.permission' || uid === 'plugin::users-permissions.role') {
    return PERMISSIONS;
  }
  if (UNSEEN.has(uid) || uid.startsWith('admin::')) return NONE;
  return CONTENT;
};
