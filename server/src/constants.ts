export const PLUGIN_ID = 'blog';

export const POST_UID = 'plugin::blog.post';
export const COMMENT_UID = 'plugin::blog.comment';
export const LESSON_COMPONENT_UID = 'blog.lesson';

/** Content-API actions the Public role receives once, the first time each appears. */
export const PUBLIC_ACTIONS = [
  'plugin::blog.post.find',
  'plugin::blog.post.findOne',
  'plugin::blog.comment.find',
] as const;

/** Keys of the plugin store. */
export const STORE_KEYS = {
  grantedPublicActions: 'granted-public-actions',
  layoutDefaultsApplied: 'content-manager-layout-defaults-applied',
} as const;
