/** A public route: users-permissions checks that the role has its action, no other policy. */
const route = (method: 'GET' | 'POST' | 'PATCH', path: string, handler: string) => ({
  method,
  path,
  handler,
  config: { policies: [] },
});

/**
 * Public routes under `/api/blog`. They go through users-permissions: each handler is an action
 * (`plugin::blog.post.find`, …, PUBLIC_ACTIONS in contracts/plugin.ts) an admin can grant or
 * revoke per role.
 */
export default {
  type: 'content-api',
  routes: [
    route('GET', '/feed.xml', 'feed.posts'),
    route('GET', '/sitemap.xml', 'sitemap.index'),
    route('GET', '/posts', 'post.find'),
    route('GET', '/posts/:slug/comments/feed.xml', 'feed.comments'),
    route('GET', '/posts/:slug', 'post.findOne'),
    route('GET', '/posts/:slug/comments', 'comment.find'),
    route('POST', '/posts/:slug/comments', 'comment.create'),
    route('GET', '/posts/:slug/comment-form', 'comment.form'),
    // Only with the comment's edit token (contracts/comments.ts EditComment).
    route('PATCH', '/comments/:documentId', 'comment.update'),
    route('POST', '/comments/:documentId/reports', 'comment.report'),
    route('GET', '/categories', 'category.find'),
    route('GET', '/tags', 'tag.find'),
    route('GET', '/authors', 'author.find'),
    route('GET', '/authors/:slug', 'author.findOne'),
    // Only with a preview token (contracts/preview.ts): the route's action alone shows nothing.
    route('GET', '/preview/posts/:documentId', 'preview.findPost'),
    // The mail's links (docs/notifications.md): each acts only with its signed token.
    route('GET', '/subscriptions/confirm', 'subscription.confirm'),
    route('GET', '/subscriptions/unsubscribe', 'subscription.unsubscribePage'),
    route('POST', '/subscriptions/unsubscribe', 'subscription.unsubscribe'),
    route('GET', '/moderation-links', 'moderationLink.show'),
    route('POST', '/moderation-links', 'moderationLink.act'),
  ],
};
