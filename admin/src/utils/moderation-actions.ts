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

/**
 * Bulk actions offered for a selection made on a status tab: every other status, then delete.
 * Every row of a tab has its status, so moving them there would change nothing.
 */
export const bulkActions = (tab: CommentStatus, canModerate: boolean): RowAction[] =>
  actionsFor(tab, canModerate);

/** Tabs in the order editors work them: held comments first. */
export const STATUS_TABS: CommentStatus[] = ['pending', 'approved', 'spam', 'rejected'];

/** The sentence a toast says once `count` comments had `action` done ("3 comments approved"). */
export const doneMessage = (action: RowAction, count: number) => ({
  id: `moderation.done.${action}`,
  values: { count },
});

/** A comment as it was before a status change: what an undo sets back. */
export interface Before {
  documentId: string;
  status: CommentStatus;
}

/**
 * The status changes that undo a change: one per former status (a bulk request each), the
 * comments of each in the order they were changed. Comments whose status did not change are
 * left alone.
 */
export const undoChanges = (
  before: Before[],
  to: CommentStatus
): Array<{ status: CommentStatus; documentIds: string[] }> => {
  const groups = new Map<CommentStatus, string[]>();
  for (const { documentId, status } of before) {
    if (status === to) continue;
    const ids = groups.get(status) ?? [];
    if (!ids.includes(documentId)) ids.push(documentId);
    groups.set(status, ids);
  }
  return [...groups].map(([status, documentIds]) => ({ status, documentIds }));
};
