import { PLUGIN_ID } from '../../../contracts/plugin';

import type { CommentStatus } from '../../../contracts/comments';

/** What the Moderation view is opened on: a post's comments, one comment, one status tab. */
export interface ModerationFilter {
  post?: string;
  comment?: string;
  status?: CommentStatus;
}

/**
 * The Moderation view's address with its filters in the query (`?post=…&status=…`), from the
 * admin's root as the router takes it (`/plugins/blog/moderation`).
 */
export const moderationPath = (filter: ModerationFilter = {}): string => {
  const query = new URLSearchParams();
  for (const key of ['status', 'post', 'comment'] as const) {
    const value = filter[key];
    if (value) query.set(key, value);
  }
  const search = query.toString();
  return `/plugins/${PLUGIN_ID}/moderation${search ? `?${search}` : ''}`;
};
