/**
 * A site's typed reads and writes with `@strapi/client`, as the README shows them: compiled by
 * tests/unit/contracts-export.test.ts against the package's `strapi-plugin-blog/contracts`.
 */
import { strapi } from '@strapi/client';
import type {
  CommentThread,
  FindComments,
  FindPost,
  FindPosts,
  Post,
  SubmitComment,
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
