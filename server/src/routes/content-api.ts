/**
 * Public routes under `/api/blog`. They go through users-permissions: each handler is an action
 * (`plugin::blog.post.find`, …) an admin can grant or revoke per role.
 */
export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/feed.xml', handler: 'feed.posts', config: { policies: [] } },
    { method: 'GET', path: '/sitemap.xml', handler: 'sitemap.index', config: { policies: [] } },
    { method: 'GET', path: '/posts', handler: 'post.find', config: { policies: [] } },
    {
      method: 'GET',
      path: '/posts/:slug/comments/feed.xml',
      handler: 'feed.comments',
      config: { policies: [] },
    },
    { method: 'GET', path: '/posts/:slug', handler: 'post.findOne', config: { policies: [] } },
    {
      method: 'GET',
      path: '/posts/:slug/comments',
      handler: 'comment.find',
      config: { policies: [] },
    },
    {
      method: 'POST',
      path: '/posts/:slug/comments',
      handler: 'comment.create',
      config: { policies: [] },
    },
    {
      method: 'GET',
      path: '/posts/:slug/comment-form',
      handler: 'comment.form',
      config: { policies: [] },
    },
    { method: 'GET', path: '/categories', handler: 'category.find', config: { policies: [] } },
    { method: 'GET', path: '/tags', handler: 'tag.find', config: { policies: [] } },
    { method: 'GET', path: '/authors', handler: 'author.find', config: { policies: [] } },
    {
      method: 'GET',
      path: '/authors/:slug',
      handler: 'author.findOne',
      config: { policies: [] },
    },
  ],
};
