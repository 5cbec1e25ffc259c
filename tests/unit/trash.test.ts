import { restoredStatus } from '../../server/src/comments/trash';
import { repliesUnder } from '../../server/src/repositories/trash';
import { MAX_THREAD_DEPTH } from '../../server/src/repositories/table-names';

const row = (documentId: string, parentDocumentId: string | null) => ({
  documentId,
  parentDocumentId,
});

describe('the replies a delete takes to the trash', () => {
  it('are every reply under the comment, to any depth, and nothing beside it', () => {
    const thread = [
      row('root', null),
      row('a', 'root'),
      row('a1', 'a'),
      row('a1x', 'a1'),
      row('b', 'root'),
      row('b1', 'b'),
    ];
    expect(repliesUnder('a', thread).map((r) => r.documentId)).toEqual(['a1', 'a1x']);
    expect(
      repliesUnder('root', thread)
        .map((r) => r.documentId)
        .sort()
    ).toEqual(['a', 'a1', 'a1x', 'b', 'b1']);
    expect(repliesUnder('b1', thread)).toEqual([]);
  });

  it('ends on a cycle edited in by hand, and stops at the deepest thread there can be', () => {
    const cycle = [row('x', 'y'), row('y', 'x'), row('z', 'y')];
    expect(repliesUnder('x', cycle).map((r) => r.documentId)).toEqual(['y', 'z']);

    const chain = Array.from({ length: MAX_THREAD_DEPTH + 50 }, (_, n) =>
      row(`c${n + 1}`, `c${n}`)
    );
    expect(repliesUnder('c0', chain)).toHaveLength(MAX_THREAD_DEPTH);
  });
});

describe('the status a restore gives back', () => {
  it('is the one the comment had, pending for anything unknown', () => {
    for (const status of ['pending', 'approved', 'spam', 'rejected'] as const) {
      expect(restoredStatus(status)).toBe(status);
    }
    for (const odd of [null, undefined, 'trash', 'deleted', '']) {
      expect(restoredStatus(odd)).toBe('pending');
    }
  });
});
