export const PLUGIN_ID = 'blog';

export const POST_UID = 'plugin::blog.post';
export const COMMENT_UID = 'plugin::blog.comment';
export const MODERATION_EVENT_UID = 'plugin::blog.moderation-event';
export const CATEGORY_UID = 'plugin::blog.category';
export const TAG_UID = 'plugin::blog.tag';
export const AUTHOR_UID = 'plugin::blog.author';
export const LESSON_COMPONENT_UID = 'blog.lesson';
export const SEO_COMPONENT_UID = 'blog.seo';

/** Content-API actions the Public role receives once, the first time each appears. */
export const PUBLIC_ACTIONS = [
  'plugin::blog.post.find',
  'plugin::blog.post.findOne',
  'plugin::blog.comment.find',
  'plugin::blog.comment.create',
  'plugin::blog.comment.form',
  'plugin::blog.feed.posts',
  'plugin::blog.feed.comments',
  'plugin::blog.category.find',
  'plugin::blog.tag.find',
  'plugin::blog.author.find',
  'plugin::blog.author.findOne',
  'plugin::blog.sitemap.index',
] as const;

/** Admin RBAC actions (Settings → Roles → Plugins → Blog). */
export const ACTIONS = {
  readLessons: 'plugin::blog.lessons.read',
  readComments: 'plugin::blog.comments.read',
  moderateComments: 'plugin::blog.comments.moderate',
  readSettings: 'plugin::blog.settings.read',
  updateSettings: 'plugin::blog.settings.update',
  importPosts: 'plugin::blog.posts.import',
} as const;

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
  postsChangedAt: 'posts-changed-at',
} as const;
