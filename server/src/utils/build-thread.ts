import type { CommentThread, PublicComment } from '../../../contracts/comments';

export interface ThreadNode extends Omit<PublicComment, 'parent'> {
  id: number;
}

/**
 * Nests replies under their parents. `roots` keep the order they are given in; the replies
 * under each comment are sorted by `compare` (the public list passes oldest first), whatever
 * order the rows were read in. A reply whose parent is not among `nodes` is dropped with its own
 * replies, so nothing appears outside its thread; a comment is placed once even if the links
 * make a cycle.
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
