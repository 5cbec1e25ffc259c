import type { Core } from '@strapi/strapi';

import { AUTHOR_UID, CATEGORY_UID, COMMENT_UID, POST_UID, TAG_UID } from '../../contracts/plugin';
import type { CommentStatus } from '../../contracts/comments';

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
  /** The language to create the post in (default: the app's default locale). */
  locale?: string;
  /** documentIds of categories, tags (same locale) and an author. */
  categories?: string[];
  tags?: string[];
  author?: string;
  /** A Media Library file id. */
  cover?: number;
  seo?: Record<string, unknown>;
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
      ...(input.categories ? { categories: input.categories } : {}),
      ...(input.tags ? { tags: input.tags } : {}),
      ...(input.author ? { author: input.author } : {}),
      ...(input.cover ? { cover: input.cover } : {}),
      ...(input.seo ? { seo: input.seo } : {}),
    },
    ...(input.locale ? { locale: input.locale } : {}),
    status: draft ? 'draft' : 'published',
  } as never);
  return created as unknown as { documentId: string; slug: string; title: string };
}

/**
 * Adds (or replaces) a post's version in another locale, published unless `draft` is set.
 */
export async function translatePost(
  strapi: Core.Strapi,
  documentId: string,
  locale: string,
  input: PostInput & { title: string; slug: string },
  { draft = false }: { draft?: boolean } = {}
) {
  const updated = await strapi.documents(POST_UID).update({
    documentId,
    locale,
    data: {
      title: input.title,
      slug: input.slug,
      lessonsHeading: input.lessonsHeading ?? 'Lessons',
      lessons: (input.lessons ?? []).map((text) => ({ text })),
      body: (input.body ?? [`Body of ${input.title}`]).map(paragraph),
      ...(input.categories ? { categories: input.categories } : {}),
      ...(input.tags ? { tags: input.tags } : {}),
      ...(input.author ? { author: input.author } : {}),
      ...(input.seo ? { seo: input.seo } : {}),
    },
  } as never);
  if (!draft) {
    await strapi.documents(POST_UID).publish({ documentId, locale } as never);
  }
  return updated as unknown as { documentId: string; slug: string; title: string };
}

/** Makes sure the app has this locale (Settings → Internationalization). */
export async function ensureLocale(strapi: Core.Strapi, code: string, name = code) {
  const locales = strapi.plugin('i18n').service('locales');
  if (!(await locales.findByCode(code))) await locales.create({ code, name });
}

export async function createCategory(
  strapi: Core.Strapi,
  input: { name: string; slug?: string; parent?: string; description?: string; locale?: string }
) {
  const { locale, ...data } = input;
  return (await strapi.documents(CATEGORY_UID).create({
    data: { slug: slugOf(input.name), ...data },
    ...(locale ? { locale } : {}),
  } as never)) as unknown as { documentId: string; slug: string; name: string };
}

export async function createTag(
  strapi: Core.Strapi,
  input: { name: string; slug?: string; locale?: string }
) {
  const { locale, ...data } = input;
  return (await strapi.documents(TAG_UID).create({
    data: { slug: slugOf(input.name), ...data },
    ...(locale ? { locale } : {}),
  } as never)) as unknown as { documentId: string; slug: string; name: string };
}

export async function createAuthor(
  strapi: Core.Strapi,
  input: { name: string; slug?: string; bio?: string; url?: string; avatar?: number }
) {
  return (await strapi.documents(AUTHOR_UID).create({
    data: { slug: slugOf(input.name), ...input },
  } as never)) as unknown as { documentId: string; slug: string; name: string };
}

const slugOf = (name: string) =>
  `${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}-${next()}`;

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
