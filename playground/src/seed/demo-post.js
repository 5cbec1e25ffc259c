'use strict';

const seed = require('../../data/networking-biggest-mistake.json');

const POST_UID = 'plugin::blog.post';
const COMMENT_UID = 'plugin::blog.comment';

const paragraph = (text) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

/**
 * Puts the seed post, "Networking biggest mistake?" (22 February 2008), and its approved
 * comment in the database, once: a restart finds the slug and writes nothing.
 */
async function seedDemoPost(strapi) {
  const { post, comments } = seed;
  const existing = await strapi.db.query(POST_UID).findOne({ where: { slug: post.slug } });
  if (existing) return { created: false };

  const created = await strapi.documents(POST_UID).create({
    data: {
      title: post.title,
      slug: post.slug,
      excerpt: post.excerpt,
      body: post.body.map(paragraph),
      originalDate: post.originalDate,
      authorName: post.authorName,
      lessonsHeading: post.lessonsHeading,
      lessons: post.lessons.map((text) => ({ text })),
      commentsEnabled: post.commentsEnabled,
    },
    status: 'published',
  });

  for (const comment of comments) {
    await strapi.documents(COMMENT_UID).create({
      data: {
        post: created.documentId,
        authorName: comment.authorName,
        content: comment.content,
        status: comment.status,
        submittedAt: comment.submittedAt,
      },
    });
  }
  return { created: true, documentId: created.documentId };
}

module.exports = { seedDemoPost };
