/** Must not compile: a public post has no author email (contracts-export.test.ts checks). */
import type { Post } from 'strapi-plugin-blog/contracts';

export const email = (post: Post): string => post.authorEmail;
