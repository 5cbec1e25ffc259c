import type { CommentStatus } from '../../../contracts/comments';

/** A comment status's Badge colour in the side panels. */
export const STATUS_BADGE: Record<CommentStatus, 'warning' | 'success' | 'danger' | 'neutral'> = {
  pending: 'warning',
  approved: 'success',
  spam: 'danger',
  rejected: 'neutral',
  trash: 'neutral',
};
