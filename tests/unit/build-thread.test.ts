import { buildThread, type ThreadNode } from '../../server/src/utils/build-thread';

const node = (id: number, submittedAt: string | null = null): ThreadNode => ({
  id,
  documentId: `doc-${id}`,
  authorName: `Author ${id}`,
  authorUrl: null,
  content: `Content ${id}`,
  submittedAt,
  staff: false,
  editedAt: null,
});

const byId = (a: ThreadNode, b: ThreadNode) => a.id - b.id;
const map = (...nodes: ThreadNode[]) => new Map(nodes.map((n) => [n.id, n]));

describe('buildThread', () => {
  it('nests replies under their parents and names each parent', () => {
    const thread = buildThread(
      [1, 2],
      [
        { id: 3, parentId: 1 },
        { id: 4, parentId: 3 },
        { id: 5, parentId: 1 },
      ],
      map(node(1), node(2), node(3), node(4), node(5)),
      byId
    );
    expect(thread.map((t) => t.documentId)).toEqual(['doc-1', 'doc-2']);
    expect(thread[0].parent).toBeNull();
    expect(thread[0].replies.map((r) => [r.documentId, r.parent])).toEqual([
      ['doc-3', 'doc-1'],
      ['doc-5', 'doc-1'],
    ]);
    expect(thread[0].replies[0].replies[0]).toEqual({
      documentId: 'doc-4',
      authorName: 'Author 4',
      authorUrl: null,
      content: 'Content 4',
      submittedAt: null,
      staff: false,
      editedAt: null,
      parent: 'doc-3',
      replies: [],
    });
    expect(thread[1].replies).toEqual([]);
  });

  it('keeps the order of the roots and sorts replies with the comparator', () => {
    const thread = buildThread(
      [2, 1],
      [
        { id: 9, parentId: 2 },
        { id: 7, parentId: 2 },
      ],
      map(node(1), node(2), node(7), node(9)),
      byId
    );
    expect(thread.map((t) => t.documentId)).toEqual(['doc-2', 'doc-1']);
    expect(thread[0].replies.map((r) => r.documentId)).toEqual(['doc-7', 'doc-9']);
  });

  it('drops what it cannot place: missing rows and cycles', () => {
    const thread = buildThread(
      [1],
      [
        { id: 2, parentId: 1 },
        { id: 1, parentId: 2 },
        { id: 3, parentId: 99 },
      ],
      map(node(1), node(2), node(3)),
      byId
    );
    expect(thread).toHaveLength(1);
    expect(thread[0].replies.map((r) => r.documentId)).toEqual(['doc-2']);
    expect(thread[0].replies[0].replies).toEqual([]);
  });
});
