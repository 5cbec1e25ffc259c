import { ADMIN_ACTIONS, POST_UID } from '../../../contracts/plugin';

/** Admin routes under `/blog`: an authenticated admin whose role has the action. */
const guarded = (action: string) => ({
  policies: [
    'admin::isAuthenticatedAdmin',
    { name: 'admin::hasPermissions', config: { actions: [action] } },
  ],
});

/**
 * Schedules: the Content Manager's action on posts; the service checks it again on the post's
 * locale and conditions, as the Content Manager does.
 */
const onPosts = (action: 'read' | 'publish') => ({
  policies: [
    'admin::isAuthenticatedAdmin',
    {
      name: 'admin::hasPermissions',
      config: {
        actions: [{ action: `plugin::content-manager.explorer.${action}`, subject: POST_UID }],
      },
    },
  ],
});

export default {
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/lessons',
      handler: 'lessons.find',
      config: guarded(ADMIN_ACTIONS.readLessons),
    },
    {
      method: 'GET',
      path: '/comments',
      handler: 'moderation.find',
      config: guarded(ADMIN_ACTIONS.readComments),
    },
    {
      method: 'GET',
      path: '/comments/pending-count',
      handler: 'moderation.pendingCount',
      config: guarded(ADMIN_ACTIONS.readComments),
    },
    {
      method: 'GET',
      path: '/comments/posts',
      handler: 'moderation.posts',
      config: guarded(ADMIN_ACTIONS.readComments),
    },
    {
      method: 'POST',
      path: '/comments/bulk',
      handler: 'moderation.bulk',
      config: guarded(ADMIN_ACTIONS.moderateComments),
    },
    {
      method: 'PATCH',
      path: '/comments/:documentId',
      handler: 'moderation.updateStatus',
      config: guarded(ADMIN_ACTIONS.moderateComments),
    },
    {
      method: 'POST',
      path: '/comments/:documentId/restore',
      handler: 'moderation.restore',
      config: guarded(ADMIN_ACTIONS.moderateComments),
    },
    {
      method: 'POST',
      path: '/comments/:documentId/reply',
      handler: 'moderation.reply',
      config: guarded(ADMIN_ACTIONS.moderateComments),
    },
    {
      method: 'PUT',
      path: '/comments/:documentId/content',
      handler: 'moderation.edit',
      config: guarded(ADMIN_ACTIONS.moderateComments),
    },
    {
      method: 'GET',
      path: '/reply-name',
      handler: 'moderation.replyName',
      config: guarded(ADMIN_ACTIONS.moderateComments),
    },
    {
      method: 'PUT',
      path: '/reply-name',
      handler: 'moderation.setReplyName',
      config: guarded(ADMIN_ACTIONS.moderateComments),
    },
    {
      method: 'GET',
      path: '/comments/:documentId/events',
      handler: 'moderation.events',
      config: guarded(ADMIN_ACTIONS.readComments),
    },
    {
      method: 'GET',
      path: '/reports',
      handler: 'reports.find',
      config: guarded(ADMIN_ACTIONS.readComments),
    },
    {
      method: 'POST',
      path: '/imports',
      handler: 'imports.create',
      config: guarded(ADMIN_ACTIONS.importPosts),
    },
    {
      method: 'GET',
      path: '/imports',
      handler: 'imports.find',
      config: guarded(ADMIN_ACTIONS.importPosts),
    },
    {
      method: 'GET',
      path: '/imports/:id',
      handler: 'imports.findOne',
      config: guarded(ADMIN_ACTIONS.importPosts),
    },
    {
      method: 'GET',
      path: '/settings',
      handler: 'settings.find',
      config: guarded(ADMIN_ACTIONS.readSettings),
    },
    {
      method: 'PUT',
      path: '/settings',
      handler: 'settings.update',
      config: guarded(ADMIN_ACTIONS.updateSettings),
    },
    { method: 'GET', path: '/schedules', handler: 'schedules.find', config: onPosts('read') },
    { method: 'POST', path: '/schedules', handler: 'schedules.create', config: onPosts('publish') },
    {
      method: 'DELETE',
      path: '/schedules/:id',
      handler: 'schedules.cancel',
      config: onPosts('publish'),
    },
  ],
};
