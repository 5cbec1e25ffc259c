/**
 * Aho–Corasick over token sequences: every pattern found in one left-to-right pass over the
 * tokens, whatever the number of patterns. Each pattern carries a rank (its place in the list);
 * a search reports the lowest rank found, at O(1) per token: every node knows the lowest rank of
 * the patterns ending there or at any node its failure links reach.
 */
export interface TokenAutomaton {
  /** The lowest rank of a pattern found in `tokens`, or Infinity. Stops early at `floor`. */
  lowestRank(tokens: readonly string[], floor?: number): number;
  readonly patterns: number;
}

// Far more distinct tokens than lists of 10,000 entries of 200 characters can hold (2,000,000),
// and node * WIDTH + id stays an exact integer for as many nodes.
const WIDTH = 2 ** 26;

export const buildAutomaton = (
  patterns: ReadonlyArray<{ tokens: readonly string[]; rank: number }>
): TokenAutomaton => {
  const ids = new Map<string, number>();
  const idOf = (token: string) => {
    let id = ids.get(token);
    if (id === undefined) {
      if (ids.size === WIDTH) throw new Error('Too many distinct tokens for one automaton');
      id = ids.size;
      ids.set(token, id);
    }
    return id;
  };
  // Node 0 is the root. Edges live in one map keyed by node and token id: node * WIDTH + id.
  const edges = new Map<number, number>();
  const best: number[] = [Infinity];
  const fail: number[] = [0];
  const children: number[][] = [[]];

  for (const { tokens, rank } of patterns) {
    if (tokens.length === 0) continue;
    let node = 0;
    for (const token of tokens) {
      const id = idOf(token);
      let next = edges.get(node * WIDTH + id);
      if (next === undefined) {
        next = best.length;
        best.push(Infinity);
        fail.push(0);
        children.push([]);
        edges.set(node * WIDTH + id, next);
        children[node].push(id);
      }
      node = next;
    }
    best[node] = Math.min(best[node], rank);
  }
  const step = (node: number, token: number): number => {
    let at = node;
    for (;;) {
      const next = edges.get(at * WIDTH + token);
      if (next !== undefined) return next;
      if (at === 0) return 0;
      at = fail[at];
    }
  };

  // Breadth first: a node's failure link is shallower, so it is complete when the node is reached.
  const queue: number[] = [];
  for (const token of children[0]) queue.push(edges.get(token) as number);
  for (let head = 0; head < queue.length; head += 1) {
    const node = queue[head];
    for (const token of children[node]) {
      const child = edges.get(node * WIDTH + token) as number;
      fail[child] = node === 0 ? 0 : step(fail[node], token);
      best[child] = Math.min(best[child], best[fail[child]]);
      queue.push(child);
    }
  }
  children.length = 0;

  return {
    patterns: patterns.length,
    lowestRank(tokens, floor = -Infinity) {
      let lowest = Infinity;
      let node = 0;
      for (const token of tokens) {
        const id = ids.get(token);
        node = id === undefined ? 0 : step(node, id);
        if (best[node] < lowest) {
          lowest = best[node];
          if (lowest <= floor) break;
        }
      }
      return lowest;
    },
  };
};
