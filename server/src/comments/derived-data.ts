import type { Core } from '@strapi/strapi';

import type { CommentStatus } from '../../../contracts/comments';
import createCommentCountsRepository from '../repositories/comment-counts';
import createModerationFactsRepository from '../repositories/moderation-facts';
import createThreadIndexRepository from '../repositories/thread-index';

/**
 * What the plugin keeps beside the comments so that reads cost the same whatever their number:
 * each comment's thread copies (its post's, parent's and thread root's documentIds,
 * repositories/thread-index.ts) and each post's count of approved comments
 * (repositories/comment-counts.ts). `refreshDerived` keeps both true after every comment write;
 * the moderation service calls it inside the write's transaction.
 */

/** The thread copies a comment's create writes with it (nobody else sets them). */
export const THREAD_COPIES = ['postDocumentId', 'parentDocumentId', 'rootDocumentId'];

export const threadCopies = (
  postDocumentId: string,
  parentDocumentId: string | null,
  rootDocumentId: string | null
) => ({
  postDocumentId,
  parentDocumentId,
  rootDocumentId: parentDocumentId ? rootDocumentId : null,
});

/** The comment before the write, as moderation-facts `current` reads it. */
interface Before {
  id: number;
  status: CommentStatus;
  postDocumentId: string | null;
}

export type CommentWrite =
  /** New comments (`count`, 1 when unsaid) of one post and status, written with their thread copies. */
  | { action: 'create'; postDocumentId: string; status: CommentStatus; count?: number }
  /** A comment's status changed, or it moved to another post or parent (`moved`), or both. */
  | {
      action: 'update';
      documentId: string;
      before: Before;
      status: CommentStatus;
      moved: boolean;
    }
  /** A comment deleted; its replies (their ids) moved up to its parent. */
  | { action: 'delete'; before: Before; replies: number[] };

/** +1 when a comment becomes approved, -1 when it stops being approved, else 0. */
const approvedDelta = (from: CommentStatus | null, to: CommentStatus | 'deleted') =>
  (to === 'approved' ? 1 : 0) - (from === 'approved' ? 1 : 0);

const createDerivedData = ({ strapi }: { strapi: Core.Strapi }) => {
  const threadIndex = createThreadIndexRepository({ strapi });
  const counts = createCommentCountsRepository({ strapi });
  const facts = createModerationFactsRepository({ strapi });

  return {
    /** Brings the thread copies and the counts up to date with a comment write just made. */
    async refreshDerived(write: CommentWrite) {
      switch (write.action) {
        case 'create':
          await counts.adjust(
            write.postDocumentId,
            approvedDelta(null, write.status) * (write.count ?? 1)
          );
          return;
        case 'update': {
          const { before } = write;
          if (!write.moved) {
            await counts.adjust(before.postDocumentId, approvedDelta(before.status, write.status));
            return;
          }
          // Its copies and its replies' follow the move; both posts are counted afresh.
          await threadIndex.refresh([before.id]);
          const after = await facts.current(write.documentId);
          await counts.recount([before.postDocumentId, after?.postDocumentId ?? null]);
          return;
        }
        case 'delete':
          await threadIndex.refresh(write.replies);
          await counts.adjust(
            write.before.postDocumentId,
            approvedDelta(write.before.status, 'deleted')
          );
      }
    },
  };
};

export type DerivedData = ReturnType<typeof createDerivedData>;
export default createDerivedData;
