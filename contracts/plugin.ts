/**
 * The plugin's names, defined once for the server, the admin panel and the tests: its id, the
 * UIDs of its content types and components, and the actions a role is given.
 */

/** The plugin's id: `strapi.plugin('blog')`, its store, its config key, its admin routes. */
export const PLUGIN_ID = 'blog';

export const POST_UID = 'plugin::blog.post';
export const COMMENT_UID = 'plugin::blog.comment';
export const MODERATION_EVENT_UID = 'plugin::blog.moderation-event';
export const CATEGORY_UID = 'plugin::blog.category';
export const TAG_UID = 'plugin::blog.tag';
export const AUTHOR_UID = 'plugin::blog.author';

/** The content types an editor sees in the Content Manager. */
export type ContentTypeUid =
  | typeof POST_UID
  | typeof COMMENT_UID
  | typeof MODERATION_EVENT_UID
  | typeof CATEGORY_UID
  | typeof TAG_UID
  | typeof AUTHOR_UID;

export const LESSON_COMPONENT_UID = 'blog.lesson';
export const SEO_COMPONENT_UID = 'blog.seo';

export type ComponentUid = typeof LESSON_COMPONENT_UID | typeof SEO_COMPONENT_UID;

/** Content-API actions the Public role receives once, the first time each appears. */
export const PUBLIC_ACTIONS = [
  'plugin::blog.post.find',
  'plugin::blog.post.findOne',
  'plugin::blog.comment.find',
  'plugin::blog.comment.create',
  'plugin::blog.comment.form',
  'plugin::blog.comment.update',
  'plugin::blog.comment.report',
  'plugin::blog.feed.posts',
  'plugin::blog.feed.comments',
  'plugin::blog.category.find',
  'plugin::blog.tag.find',
  'plugin::blog.author.find',
  'plugin::blog.author.findOne',
  'plugin::blog.sitemap.index',
  'plugin::blog.preview.findPost',
  'plugin::blog.subscription.confirm',
  'plugin::blog.subscription.unsubscribePage',
  'plugin::blog.subscription.unsubscribe',
  'plugin::blog.moderationLink.show',
  'plugin::blog.moderationLink.act',
] as const;

export type PublicAction = (typeof PUBLIC_ACTIONS)[number];

/** Admin RBAC actions (Settings → Roles → Plugins → Blog). */
export const ADMIN_ACTIONS = {
  readLessons: 'plugin::blog.lessons.read',
  readComments: 'plugin::blog.comments.read',
  moderateComments: 'plugin::blog.comments.moderate',
  readSettings: 'plugin::blog.settings.read',
  updateSettings: 'plugin::blog.settings.update',
  importPosts: 'plugin::blog.posts.import',
} as const;

export type AdminActionName = keyof typeof ADMIN_ACTIONS;
export type AdminAction = (typeof ADMIN_ACTIONS)[AdminActionName];
