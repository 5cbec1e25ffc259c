/**
 * The preview route: `GET /api/blog/preview/posts/:documentId`, a post's draft (or published
 * version) for a site's preview page, with the token the Content Manager's "Open preview" put in
 * the site's address.
 */
import type { Post } from './posts';

/** The header a site may send the token in, instead of `?token=`. */
export const PREVIEW_TOKEN_HEADER = 'X-Blog-Preview';

/** A post version as a preview shows it: a public post, whose `publishedAt` is null for a draft. */
export type PreviewPost = Omit<Post, 'publishedAt'> & { publishedAt: string | null };

export namespace FindPreviewPost {
  export interface Params {
    documentId: string;
  }
  export interface Query {
    /** The version's language: the one the token names (default: the app's default locale). */
    locale?: string;
    /** The preview token, unless it is sent in the `X-Blog-Preview` header. */
    token?: string;
  }
  export interface Response {
    data: PreviewPost;
    /** Which version this is, and until when the token reads it. */
    meta: { preview: { status: 'draft' | 'published'; expiresAt: string } };
  }
}
