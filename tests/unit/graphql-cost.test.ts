import { parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

import {
  operationCost,
  pageItems,
  type AstFragments,
  type CostModel,
} from '../../server/src/graphql/cost';

const limits = { defaultLimit: 25, maxLimit: 100 };
const page = (args: Record<string, unknown>) => pageItems(args.pageSize, limits);
const costs: CostModel = {
  items: { blogPosts: page, blogTags: page, blogPost: () => 1 },
  nestedLists: ['categories', 'tags'],
};

const costOf = (document: string, variables: Record<string, unknown> = {}) => {
  const { definitions } = parse(document);
  const operation = definitions.find(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition'
  )!;
  const fragments: AstFragments = Object.fromEntries(
    definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition')
      .map((d) => [d.name.value, d])
  );
  return operationCost(operation, fragments, variables, costs);
};

describe('operationCost', () => {
  it('sums 1 + the page size of every plugin field, default and maximum applied', () => {
    expect(costOf('{ blogPosts { data { slug } } }')).toBe(26);
    expect(
      costOf(
        '{ a: blogPosts(pageSize: 5) { pagination { total } } b: blogPost(slug: "x") { title } }'
      )
    ).toBe(8);
    expect(costOf('{ blogPosts(pageSize: 100000) { data { slug } } }')).toBe(101);
    expect(costOf('{ blogPosts(pageSize: -1) { data { slug } } }')).toBe(101);
    expect(costOf('query ($n: Int) { blogPosts(pageSize: $n) { data { slug } } }', { n: 3 })).toBe(
      4
    );
    expect(costOf('{ __typename other: readerComments { id } }')).toBe(0);
  });

  it('counts aliases, inline fragments and every spread of a fragment', () => {
    expect(costOf('{ a: blogPost(slug: "a") { title } b: blogPost(slug: "b") { title } }')).toBe(4);
    expect(
      costOf(
        '{ ... on Query { blogPost(slug: "a") { title } } ...F ...F } fragment F on Query { blogPost(slug: "b") { title } }'
      )
    ).toBe(6);
  });

  it('reads fragments nested 2^40 times over in linear time', () => {
    // F0 spreads F1 twice, F1 spreads F2 twice, …: 2^40 blogPost fields once expanded.
    const depth = 40;
    const fragments = Array.from({ length: depth }, (_, i) =>
      i === depth - 1
        ? `fragment F${i} on Query { blogPost(slug: "x") { title } }`
        : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`
    ).join('\n');
    expect(costOf(`{ ...F0 }\n${fragments}`)).toBe(2 * 2 ** (depth - 1));
  });

  it('counts a post’s categories and tags once more per item, wherever they are selected', () => {
    // 1 + 25 × (1 + 2)
    expect(costOf('{ blogPosts { data { slug tags { slug } categories { slug } } } }')).toBe(76);
    expect(
      costOf('{ blogPosts(pageSize: 100) { data { a: tags { slug } b: tags { slug } } } }')
    ).toBe(1 + 100 * 3);
    expect(costOf('{ blogPost(slug: "x") { tags { slug } } }')).toBe(3);
    // In fragments and inline fragments on the post, each spread counted.
    expect(
      costOf(
        `{ blogPosts(pageSize: 10) { data { ...L ... on BlogPost { categories { slug } } } }
           blogPost(slug: "x") { ...L ...L } }
         fragment L on BlogPost { tags { slug } }`
      )
    ).toBe(1 + 10 * 3 + 1 + 1 * 3);
    // A tag list is the list itself, not a nested one; pagination is not per item.
    expect(costOf('{ blogTags(pageSize: 100) { data { slug } pagination { total } } }')).toBe(101);
    // Outside a plugin field, a field of that name costs nothing.
    expect(costOf('{ readerComments { tags { id } } }')).toBe(0);
  });

  it('reads nested fragments 2^40 times over in linear time, inside an item too', () => {
    const depth = 40;
    const fragments = Array.from({ length: depth }, (_, i) =>
      i === depth - 1
        ? `fragment F${i} on BlogPost { tags { slug } }`
        : `fragment F${i} on BlogPost { ...F${i + 1} ...F${i + 1} }`
    ).join('\n');
    expect(costOf(`{ blogPost(slug: "x") { ...F0 } }\n${fragments}`)).toBe(
      1 + (1 + 2 ** (depth - 1))
    );
  });

  it('ends on a fragment cycle (GraphQL refuses those before execution)', () => {
    expect(
      costOf(
        '{ ...A } fragment A on Query { blogPost(slug: "a") { title } ...B } fragment B on Query { ...A }'
      )
    ).toBe(2);
  });
});
