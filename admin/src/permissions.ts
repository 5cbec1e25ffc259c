import { ADMIN_ACTIONS, type AdminActionName } from '../../contracts/plugin';

/** The plugin's RBAC actions, as the admin's `useRBAC` and menu links take them. */
const action = (name: AdminActionName) => [{ action: ADMIN_ACTIONS[name], subject: null }];

export const PERMISSIONS = {
  readLessons: action('readLessons'),
  readComments: action('readComments'),
  moderateComments: action('moderateComments'),
  readSettings: action('readSettings'),
  updateSettings: action('updateSettings'),
  importPosts: action('importPosts'),
};

/** Any of these opens the Blog page. */
export const PAGE_PERMISSIONS = [
  ...PERMISSIONS.readComments,
  ...PERMISSIONS.readLessons,
  ...PERMISSIONS.importPosts,
];
