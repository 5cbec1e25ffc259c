import type { Core } from '@strapi/strapi';

import type { CommentStatus } from '../../../contracts/comments';
import createCommentCountsRepository, { type CountChange } from '../repositories/comment-counts';
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
  /** Its parent's documentId (thread copy): null for a root. */
  parentDocumentId: string | null;
}

export type CommentWrite =
  /** New approved comments of one post (how many, and how many roots), written with their thread copies. */
  | { action: 'create'; postDocumentId: string; counts: CountChange }
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

/**
 * How a comment that stays where it is moves its post's counts going from its status `before`
 * to `to`: +1 when it becomes approved, -1 when it stops being approved (the roots count too when
 * it is a root), else nothing.
 */
const statusChange = (before: Before, to: CommentStatus | 'deleted') => {
  const approved = (to === 'approved' ? 1 : 0) - (before.status === 'approved' ? 1 : 0);
  return { approved, approvedRoots: before.parentDocumentId === null ? approved : 0 };
};

const createDerivedData = ({ strapi }: { strapi: Core.Strapi }) => {
  const threadIndex = createThreadIndexRepository({ strapi });
  const counts = createCommentCountsRepository({ strapi });
  const facts = createModerationFactsRepository({ strapi });

  return {
    /** Brings the thread copies and the counts up to date with a comment write just made. */
    async refreshDerived(write: CommentWrite) {
      switch (write.action) {
        case 'create':
          await counts.adjust(write.postDocumentId, write.counts);
          return;
        case 'update': {
          const { before } = write;
          if (!write.moved) {
            await counts.adjust(before.postDocumentId, statusChange(before, write.status));
            return;
          }
          // Its copies and its replies' follow the move; both posts are counted afresh.
          await threadIndex.refresh([before.id]);
          const after = await facts.current(write.documentId);
          await counts.recount([before.postDocumentId, after?.postDocumentId ?? null]);
          return;
        }
        case 'delete': {
          const { before, replies } = write;
          await threadIndex.refresh(replies);
          if (before.parentDocumentId === null && replies.length > 0) {
            // A root's replies are roots now: the approved ones among them join the roots count.
            await counts.recount([before.postDocumentId]);
            return;
          }
          await counts.adjust(before.postDocumentId, statusChange(before, 'deleted'));
        }
      }
    },
  };
};

export type DerivedData = ReturnType<typeof createDerivedData>;
export default createDerivedData;
