import type { Core, UID } from '@strapi/strapi';

import type { CommentStatus } from '../../contracts/comments';

const POST_UID = 'plugin::blog.post' as UID.ContentType;
const COMMENT_UID = 'plugin::blog.comment' as UID.ContentType;

let sequence = 0;
const next = () => {
  sequence += 1;
  return sequence;
};

export const paragraph = (text: string) => ({
  type: 'paragraph',
  children: [{ type: 'text', text }],
});

export interface PostInput {
  title?: string;
  slug?: string;
  originalDate?: string | null;
  lessons?: string[];
  lessonsHeading?: string;
  authorName?: string;
  commentsEnabled?: boolean;
  body?: string[];
}

/** Creates a post through the Document Service: published unless `draft` is set. */
export async function createPost(
  strapi: Core.Strapi,
  input: PostInput = {},
  { draft = false }: { draft?: boolean } = {}
) {
  const n = next();
  const title = input.title ?? `Test post ${n}`;
  const created = await strapi.documents(POST_UID).create({
    data: {
      title,
      slug: input.slug ?? `test-post-${n}-${Date.now()}`,
      originalDate: input.originalDate === undefined ? '2020-01-01' : input.originalDate,
      authorName: input.authorName ?? 'Test Author',
      lessonsHeading: input.lessonsHeading ?? 'Lessons',
      lessons: (input.lessons ?? []).map((text) => ({ text })),
      commentsEnabled: input.commentsEnabled ?? true,
      body: (input.body ?? [`Body of ${title}`]).map(paragraph),
    },
    status: draft ? 'draft' : 'published',
  } as never);
  return created as unknown as { documentId: string; slug: string; title: string };
}

export interface CommentInput {
  post: string;
  parent?: string;
  status?: CommentStatus;
  authorName?: string;
  authorEmail?: string;
  authorUrl?: string;
  content?: string;
  submittedAt?: string | null;
  ipHash?: string;
  userAgent?: string;
}

/**
 * Creates a comment through the Document Service as the importer does: the moderation engine
 * keeps the given status (and logs it).
 */
export async function createComment(strapi: Core.Strapi, input: CommentInput) {
  const n = next();
  const moderation = strapi.plugin('blog').service('moderation');
  const created = await moderation.runAs({ type: 'importer', name: 'tests' }, () =>
    strapi.documents(COMMENT_UID).create({
      data: {
        post: input.post,
        parent: input.parent,
        status: input.status ?? 'approved',
        authorName: input.authorName ?? `Reader ${n}`,
        authorEmail: input.authorEmail ?? `reader${n}@example.com`,
        authorUrl: input.authorUrl,
        content: input.content ?? `Comment number ${n}`,
        submittedAt:
          input.submittedAt === undefined
            ? new Date(Date.UTC(2024, 0, 1, 0, 0, n)).toISOString()
            : input.submittedAt,
        ipHash: input.ipHash ?? `hash-${n}`,
        userAgent: input.userAgent ?? 'TestAgent/1.0',
      },
    } as never)
  );
  return created as unknown as { documentId: string };
}
