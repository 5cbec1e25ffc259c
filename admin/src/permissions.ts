/** The plugin's RBAC actions, as the admin's `useRBAC` and menu links take them. */
const action = (name: string) => [{ action: `plugin::blog.${name}`, subject: null }];

export const PERMISSIONS = {
  readLessons: action('lessons.read'),
  readComments: action('comments.read'),
  moderateComments: action('comments.moderate'),
  readSettings: action('settings.read'),
  updateSettings: action('settings.update'),
  importPosts: action('posts.import'),
};

/** Any of these opens the Blog page. */
export const PAGE_PERMISSIONS = [
  ...PERMISSIONS.readComments,
  ...PERMISSIONS.readLessons,
  ...PERMISSIONS.importPosts,
];
