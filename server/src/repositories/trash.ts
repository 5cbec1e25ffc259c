import type { Core } from '@strapi/strapi';

import type { CommentStatus, SettableStatus } from '../../../contracts/comments';
import { COMMENT_UID } from '../../../contracts/plugin';

import { MAX_THREAD_DEPTH } from './table-names';

export interface ThreadRow {
  id: number;
  documentId: string;
  status: CommentStatus;
  parentDocumentId: string | null;
}

export interface TrashedRow {
  id: number;
  documentId: string;
  trashedFrom: SettableStatus | null;
}

/**
 * The replies under a comment, to any depth, from its thread's rows: level by level, each once
 * (a cycle edited in by hand ends the walk), at most MAX_THREAD_DEPTH levels down.
 */
export const repliesUnder = <T extends Pick<ThreadRow, 'documentId' | 'parentDocumentId'>>(
  documentId: string,
  thread: T[]
): T[] => {
  const childrenOf = new Map<string, T[]>();
  for (const row of thread) {
    if (!row.parentDocumentId) continue;
    const children = childrenOf.get(row.parentDocumentId) ?? [];
    children.push(row);
    childrenOf.set(row.parentDocumentId, children);
  }
  const found: T[] = [];
  const seen = new Set([documentId]);
  let level = [documentId];
  for (let depth = 0; depth < MAX_THREAD_DEPTH && level.length > 0; depth += 1) {
    const next: string[] = [];
    for (const parent of level) {
      for (const child of childrenOf.get(parent) ?? []) {
        if (seen.has(child.documentId)) continue;
        seen.add(child.documentId);
        found.push(child);
        next.push(child.documentId);
      }
    }
    level = next;
  }
  return found;
};

/**
 * The comments the trash moves (comments/trash.ts), through the Query Engine: the moderation
 * middleware calls these inside a write it is already handling, so they must not go through the
 * Document Service again.
 */
const createTrashRepository = ({ strapi }: { strapi: Core.Strapi }) => {
  const comments = () => strapi.db.query(COMMENT_UID);

  return {
    /**
     * The replies under a comment, to any depth, that are not in the trash (a reply already in
     * it keeps its own subtree there). One statement on the thread-root index: the thread's
     * comments, walked down from the comment in memory.
     */
    async replyTree(documentId: string): Promise<ThreadRow[]> {
      const own = (await comments().findOne({
        where: { documentId },
        select: ['rootDocumentId'],
      })) as { rootDocumentId: string | null } | null;
      if (!own) return [];
      const thread = (await comments().findMany({
        where: { rootDocumentId: own.rootDocumentId ?? documentId, status: { $ne: 'trash' } },
        select: ['id', 'documentId', 'status', 'parentDocumentId'],
      })) as ThreadRow[];
      return repliesUnder(documentId, thread);
    },

    /** The comments in the trash because this one's delete took them there. */
    async trashedWith(documentId: string): Promise<TrashedRow[]> {
      return (await comments().findMany({
        where: { trashRoot: documentId, status: 'trash' },
        select: ['id', 'documentId', 'trashedFrom'],
      })) as TrashedRow[];
    },

    /** Moves these rows (all of status `from`) to the trash with the comment `root`. */
    async moveToTrash(ids: number[], from: CommentStatus, root: string, at: Date) {
      if (ids.length === 0) return;
      await comments().updateMany({
        where: { id: { $in: ids }, status: from },
        data: { status: 'trash', trashedFrom: from, trashedAt: at, trashRoot: root },
      });
    },

    /** Takes these rows (all trashed from `to`) out of the trash, back to `to`. */
    async takeOutOfTrash(ids: number[], to: SettableStatus) {
      if (ids.length === 0) return;
      await comments().updateMany({
        where: { id: { $in: ids }, status: 'trash' },
        data: { status: to, trashedFrom: null, trashedAt: null, trashRoot: null },
      });
    },

    /** A comment's status, or null when it does not exist. */
    async statusOf(documentId: string): Promise<CommentStatus | null> {
      const row = (await comments().findOne({ where: { documentId }, select: ['status'] })) as {
        status: CommentStatus;
      } | null;
      return row?.status ?? null;
    },

    /**
     * Comments in the trash since before `cutoff`, oldest first, at most `limit`: one range of the
     * (status, trashed_at) index.
     */
    async due(cutoff: Date, limit: number): Promise<Array<{ id: number; documentId: string }>> {
      return (await comments().findMany({
        where: { status: 'trash', trashedAt: { $lte: cutoff } },
        select: ['id', 'documentId'],
        orderBy: [{ trashedAt: 'asc' }, { id: 'asc' }],
        limit,
      })) as Array<{ id: number; documentId: string }>;
    },
  };
};

export type TrashRepository = ReturnType<typeof createTrashRepository>;
export default createTrashRepository;
