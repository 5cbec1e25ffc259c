import type { CommentStatus, SettableStatus } from '../../../contracts/comments';

/** What a row's (or a selection's) buttons do: set a status, delete (to the trash), restore. */
export type RowAction = SettableStatus | 'delete' | 'restore';

const SETTABLE: SettableStatus[] = ['approved', 'pending', 'spam', 'rejected'];

/**
 * The statuses an editor can move a comment to from its current one, then delete (to the trash);
 * a comment in the trash can only be restored.
 */
export const actionsFor = (status: CommentStatus, canModerate: boolean): RowAction[] => {
  if (!canModerate) return [];
  if (status === 'trash') return ['restore'];
  return [...SETTABLE.filter((next) => next !== status), 'delete'];
};

/**
 * Bulk actions offered for a selection made on a status tab: every other status, then delete.
 * Every row of a tab has its status, so moving them there would change nothing.
 */
export const bulkActions = (tab: CommentStatus, canModerate: boolean): RowAction[] =>
  actionsFor(tab, canModerate);

/** Tabs in the order editors work them: held comments first, the trash last. */
export const STATUS_TABS: CommentStatus[] = ['pending', 'approved', 'spam', 'rejected', 'trash'];

/** Whether a row of this status can be answered or edited from the queue. */
export const canAnswer = (status: CommentStatus) => status === 'pending' || status === 'approved';
export const canEdit = (status: CommentStatus) => status !== 'trash';

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

/** One bulk request of an undo: a status set back, or a delete or restore done in reverse. */
export type UndoChange =
  | { status: SettableStatus; documentIds: string[] }
  | { action: 'delete' | 'restore'; documentIds: string[] };

/**
 * The requests that undo an action: a delete's undo is a restore (each comment, with the
 * replies that went with it, gets its former status back on the server), a restore's is a delete;
 * a status change's is one status change per former status, the comments of each in the order
 * they were changed. Comments whose status did not change are left alone.
 */
export const undoChanges = (before: Before[], action: RowAction): UndoChange[] => {
  const ids = (rows: Before[]) => [...new Set(rows.map((row) => row.documentId))];
  if (action === 'delete') {
    const documentIds = ids(before.filter((row) => row.status !== 'trash'));
    return documentIds.length ? [{ action: 'restore', documentIds }] : [];
  }
  if (action === 'restore') {
    const documentIds = ids(before.filter((row) => row.status === 'trash'));
    return documentIds.length ? [{ action: 'delete', documentIds }] : [];
  }
  const groups = new Map<SettableStatus, string[]>();
  for (const { documentId, status } of before) {
    if (status === action || status === 'trash') continue;
    const group = groups.get(status) ?? [];
    if (!group.includes(documentId)) group.push(documentId);
    groups.set(status, group);
  }
  return [...groups].map(([status, documentIds]) => ({ status, documentIds }));
};

/**
 * What undoes a moderator's reply, and the toast's sentence that says so: the reply goes to the
 * trash (restorable from its tab), then the comment it answered, if the reply approved it, is
 * held again. Mails already sent for the approval are not called back: the sentence says what
 * the undo does, nothing more.
 */
export const replyUndo = (
  parent: Before & { authorName: string },
  replyId: string
): { message: { id: string; values: Record<string, string> }; changes: UndoChange[] } => {
  const changes: UndoChange[] = [{ action: 'delete', documentIds: [replyId] }];
  if (parent.status !== 'pending') {
    return { message: { id: 'moderation.reply.undoable', values: {} }, changes };
  }
  changes.push({ status: 'pending', documentIds: [parent.documentId] });
  return {
    message: { id: 'moderation.reply.undoableApproved', values: { name: parent.authorName } },
    changes,
  };
};

/** What the Reported view's buttons do: approve (which clears the reports), spam, reject. */
export type ReportedAction = Extract<SettableStatus, 'approved' | 'spam' | 'rejected'>;

/**
 * What undoes a status change in the Reported view, and the toast's sentence that says so: the
 * comment gets its former status back. Approving cleared its reports on the server, and they are
 * gone for good: the sentence says they stay cleared (so the comment leaves the Reported view).
 * Marking it spam or rejecting it keeps its reports: once undone it is listed again. Null when
 * the status did not change (nothing to set back).
 */
export const reportedUndo = (
  before: Before,
  action: ReportedAction
): { message: { id: string; values: Record<string, string> }; changes: UndoChange[] } | null => {
  const changes = undoChanges([before], action);
  if (changes.length === 0) return null;
  return { message: { id: `reports.undoable.${action}`, values: {} }, changes };
};
