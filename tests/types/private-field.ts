/** Must not compile: a public post has no author email (contracts-export.test.ts checks). */
import type { Post } from 'strapi-plugin-blog/contracts';

export const email = (post: Post): string => post.authorEmail;

/** Must not compile either: a public author never carries the admin user it is linked to. */
export const adminUser = (post: Post): unknown => post.author?.user;
