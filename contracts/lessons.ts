/**
 * `GET /blog/lessons` (admin): every lesson across posts, for the plugin's Lessons view.
 */
import type { PagePagination } from './common';

/**
 * `draft`: never published (or unpublished); `published`: the draft is the published text;
 * `modified`: published, with draft changes made since.
 */
export type PostState = 'draft' | 'published' | 'modified';

export interface LessonRow {
  /** The component's id. */
  id: number;
  text: string;
  /** 1-based number of the lesson in its post. */
  position: number;
  /** The post (its draft) in the language this lesson belongs to, and its publication state. */
  post: {
    documentId: string;
    title: string;
    slug: string;
    locale: string | null;
    state: PostState;
  };
}

export namespace FindLessons {
  export interface Query {
    q?: string;
    page?: number;
    pageSize?: number;
  }
  export interface Response {
    data: LessonRow[];
    meta: { pagination: PagePagination };
  }
}
