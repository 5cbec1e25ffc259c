import fs from 'fs';
import path from 'path';

import type { Core, UID } from '@strapi/strapi';

const POST_UID = 'plugin::blog.post' as UID.ContentType;
const COMMENT_UID = 'plugin::blog.comment' as UID.ContentType;

export interface SeedData {
  post: {
    title: string;
    slug: string;
    originalDate: string;
    authorName: string | null;
    excerpt: string | null;
    body: string[];
    lessonsHeading: string;
    lessons: string[];
    commentsEnabled: boolean;
  };
  comments: Array<{
    authorName: string;
    status: 'approved';
    submittedAt: string | null;
    content: string;
  }>;
}

export const readSeed = (appDir: string): SeedData =>
  JSON.parse(
    fs.readFileSync(path.join(appDir, 'data', 'networking-biggest-mistake.json'), 'utf8')
  ) as SeedData;

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

/**
 * Puts the seed post, "Networking biggest mistake?" (22 February 2008), and its approved
 * comment in the database, once: a restart finds the slug and writes nothing.
 */
export async function seedDemoPost(strapi: Core.Strapi) {
  const { post, comments } = readSeed(strapi.dirs.app.root);
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
  } as never);

  // Through the moderation engine as an importer: the source's status is kept, and logged.
  const moderation = strapi.plugin('blog').service('moderation');
  await moderation.runAs({ type: 'importer', name: 'demo seed' }, async () => {
    for (const comment of comments) {
      await strapi.documents(COMMENT_UID).create({
        data: {
          post: created.documentId,
          authorName: comment.authorName,
          content: comment.content,
          status: comment.status,
          submittedAt: comment.submittedAt,
          moderationReason: 'importer: approved on the original blog',
        },
      } as never);
    }
  });
  return { created: true, documentId: created.documentId };
}
