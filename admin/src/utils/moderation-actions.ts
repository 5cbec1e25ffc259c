import type { CommentStatus } from '../../../contracts/comments';

export type RowAction = CommentStatus | 'delete';

/** The statuses an editor can move a comment to from its current one, then delete. */
export const actionsFor = (status: CommentStatus, canModerate: boolean): RowAction[] => {
  if (!canModerate) return [];
  const moves = (['approved', 'pending', 'spam', 'rejected'] as const).filter(
    (next) => next !== status
  );
  return [...moves, 'delete'];
};

/** Bulk actions offered for a selection: every status, then delete. */
export const bulkActions = (canModerate: boolean): RowAction[] =>
  canModerate ? ['approved', 'pending', 'spam', 'rejected', 'delete'] : [];

/** Tabs in the order editors work them: held comments first. */
export const STATUS_TABS: CommentStatus[] = ['pending', 'approved', 'spam', 'rejected'];
