import type { CommentThread, PublicComment } from '../../../contracts/comments';

export interface ThreadNode extends Omit<PublicComment, 'parent'> {
  id: number;
}

/**
 * Nests replies under their parents. `roots` keep their order; replies under each comment
 * follow `order` (the order the rows were read in). A link whose parent is not present is
 * dropped, so nothing appears outside its thread.
 */
export const buildThread = (
  roots: number[],
  links: Array<{ id: number; parentId: number }>,
  nodes: Map<number, ThreadNode>,
  compare: (a: ThreadNode, b: ThreadNode) => number
): CommentThread[] => {
  const childrenOf = new Map<number, number[]>();
  for (const { id, parentId } of links) {
    const children = childrenOf.get(parentId) ?? [];
    children.push(id);
    childrenOf.set(parentId, children);
  }

  const toThread = (id: number, parent: string | null, seen: Set<number>): CommentThread | null => {
    const node = nodes.get(id);
    if (!node || seen.has(id)) return null;
    seen.add(id);
    const children = (childrenOf.get(id) ?? [])
      .map((childId) => nodes.get(childId))
      .filter((child): child is ThreadNode => child !== undefined)
      .sort(compare);
    const { id: _id, ...fields } = node;
    return {
      ...fields,
      parent,
      replies: children
        .map((child) => toThread(child.id, node.documentId, seen))
        .filter((reply): reply is CommentThread => reply !== null),
    };
  };

  const seen = new Set<number>();
  return roots
    .map((id) => toThread(id, null, seen))
    .filter((thread): thread is CommentThread => thread !== null);
};
