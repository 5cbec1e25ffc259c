/** Values only the server uses; the plugin's names are in `contracts/plugin.ts`. */

/** Keys of the plugin store. */
export const STORE_KEYS = {
  grantedPublicActions: 'granted-public-actions',
  /** The types whose layout defaults version 0.1.0 applied (read once, on upgrade). */
  layoutDefaultsApplied: 'content-manager-layout-defaults-applied',
  /** Per type, the fields whose layout defaults were applied. */
  layoutFieldsApplied: 'content-manager-layout-fields-applied',
  /** The types whose permissions Strapi's Editor and Author roles were given. */
  defaultRolesGranted: 'default-roles-granted',
  settings: 'moderation-settings',
  /** Followed by an admin user's id: the name their replies show (services/moderator-replies.ts). */
  replyNamePrefix: 'reply-name-',
  postsChangedAt: 'posts-changed-at',
} as const;
