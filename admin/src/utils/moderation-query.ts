import { COMMENT_STATUSES, type CommentStatus } from '../../../contracts/comments';

/**
 * What the Moderation view shows, as its address says it (`?status=&post=&comment=&q=&page=`):
 * a link (moderation-link.ts) opens the view on it, and the view writes it back as the editor
 * moves, so Back, Forward and a reload keep the view.
 */
export interface ModerationQuery {
  status: CommentStatus;
  /** A post's documentId: only its comments. */
  post: string | null;
  /** A comment's documentId: that comment alone. */
  comment: string | null;
  /** The search, trimmed. */
  q: string;
  page: number;
}

export const DEFAULT_MODERATION_QUERY: ModerationQuery = {
  status: 'pending',
  post: null,
  comment: null,
  q: '',
  page: 1,
};

/** A documentId as Strapi makes them (letters and digits), within the server's 64 characters. */
const DOCUMENT_ID = /^[a-z\d]{1,64}$/i;
/** The server's bounds: a search of 200 characters at most, page 100,000 at most. */
const MAX_SEARCH = 200;
const MAX_PAGE = 100_000;
const PAGE = /^\d{1,6}$/;

const documentIdOf = (value: string | null): string | null =>
  value !== null && DOCUMENT_ID.test(value) ? value : null;

const statusOf = (value: string | null): CommentStatus =>
  COMMENT_STATUSES.find((status) => status === value) ?? DEFAULT_MODERATION_QUERY.status;

const pageOf = (value: string | null): number => {
  if (value === null || !PAGE.test(value)) return DEFAULT_MODERATION_QUERY.page;
  const page = Number(value);
  return page >= 1 && page <= MAX_PAGE ? page : DEFAULT_MODERATION_QUERY.page;
};

/**
 * The view's state from its address. A value the view cannot use (an unknown status, a post
 * that is no documentId, a page that is no whole number in bounds) is left out: the view opens
 * on its default for it, and the server is never asked something it refuses.
 */
export const readModerationQuery = (params: URLSearchParams): ModerationQuery => ({
  status: statusOf(params.get('status')),
  post: documentIdOf(params.get('post')),
  comment: documentIdOf(params.get('comment')),
  q: (params.get('q') ?? '').trim().slice(0, MAX_SEARCH),
  page: pageOf(params.get('page')),
});

/**
 * The address's query for a state, defaults left out (`/moderation` is the pending tab, page 1),
 * in a fixed order: `status`, `post`, `comment`, `q`, `page`.
 */
export const writeModerationQuery = (query: ModerationQuery): URLSearchParams => {
  const params = new URLSearchParams();
  if (query.status !== DEFAULT_MODERATION_QUERY.status) params.set('status', query.status);
  if (query.post) params.set('post', query.post);
  if (query.comment) params.set('comment', query.comment);
  if (query.q) params.set('q', query.q);
  if (query.page !== DEFAULT_MODERATION_QUERY.page) params.set('page', String(query.page));
  return params;
};
