/**
 * A site's typed reads and writes with `@strapi/client`, as docs/rest-api.md shows them: compiled by
 * tests/unit/contracts-export.test.ts against the package's `strapi-plugin-blog/contracts`.
 */
import { strapi } from '@strapi/client';
import type {
  CommentThread,
  FindAuthor,
  FindComments,
  FindPost,
  FindPosts,
  FindTags,
  Post,
  SubmitComment,
  Tag,
} from 'strapi-plugin-blog/contracts';

const client = strapi({ baseURL: 'http://localhost:1337/api' });

export async function listPosts(page = 1): Promise<FindPosts.Response> {
  const res = await client.fetch(`/blog/posts?pagination[page]=${page}`);
  return (await res.json()) as FindPosts.Response;
}

export async function getPost(slug: string): Promise<Post> {
  const res = await client.fetch(`/blog/posts/${encodeURIComponent(slug)}`);
  const { data } = (await res.json()) as FindPost.Response;
  return data;
}

export async function getThread(slug: string): Promise<CommentThread[]> {
  const res = await client.fetch(`/blog/posts/${encodeURIComponent(slug)}/comments`);
  const { data } = (await res.json()) as FindComments.Response;
  return data;
}

export async function submitComment(
  slug: string,
  body: SubmitComment.Body
): Promise<SubmitComment.Response['data']> {
  const res = await client.fetch(`/blog/posts/${encodeURIComponent(slug)}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return ((await res.json()) as SubmitComment.Response).data;
}

export const lessonLines = (post: Post): string[] =>
  post.lessons.map((lesson) => `${lesson.position}. ${lesson.text}`);

export async function getTranslation(slug: string, locale: string): Promise<Post> {
  const res = await client.fetch(
    `/blog/posts/${encodeURIComponent(slug)}?locale=${encodeURIComponent(locale)}`
  );
  return ((await res.json()) as FindPost.Response).data;
}

export async function listTags(locale: string): Promise<Tag[]> {
  const res = await client.fetch(`/blog/tags?locale=${encodeURIComponent(locale)}`);
  return ((await res.json()) as FindTags.Response).data;
}

export async function postsTagged(slug: string): Promise<FindPosts.Response> {
  const res = await client.fetch(
    `/blog/posts?filters[tags][slug][$eq]=${encodeURIComponent(slug)}`
  );
  return (await res.json()) as FindPosts.Response;
}

export async function authorPage(slug: string): Promise<FindAuthor.Response['data']> {
  const res = await client.fetch(`/blog/authors/${encodeURIComponent(slug)}`);
  return ((await res.json()) as FindAuthor.Response).data;
}

/** `hreflang` links a site writes for a post's other languages. */
export const alternates = (post: Post, url: (locale: string, slug: string) => string) =>
  post.localizations.map((other) => ({
    hreflang: other.locale,
    href: url(other.locale, other.slug),
  }));

/** The cover's alternative text, or the title when an editor left it empty. */
export const coverAlt = (post: Post): string => post.cover?.alternativeText ?? post.title;

export const byline = (post: Post): string => post.author?.name ?? post.authorName ?? '';
