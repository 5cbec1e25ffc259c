import { buildSchema, parse, validate } from 'graphql';

import { POST_PUBLIC_FILTER_FIELDS } from '../../contracts/posts';
import { filterTypeDefs, toRestFilters } from '../../server/src/graphql/filters';
import { filterKindOf } from '../../server/src/validation/filter-values';

/** The post's public filter fields as the post's schema types them. */
const TYPES: Record<string, string> = {
  documentId: 'string',
  title: 'string',
  slug: 'uid',
  excerpt: 'text',
  originalDate: 'date',
  authorName: 'string',
  lessonsHeading: 'string',
  commentsEnabled: 'boolean',
  createdAt: 'datetime',
  updatedAt: 'datetime',
  publishedAt: 'datetime',
};
const kindOf = (field: string) => filterKindOf(TYPES[field]);

const schema = buildSchema(`${filterTypeDefs(kindOf)}
  type Query { posts(filters: BlogPostFilters): Int }`);
const errorsOf = (filters: string) =>
  validate(schema, parse(`{ posts(filters: ${filters}) }`)).map((error) => error.message);

describe('GraphQL post filters', () => {
  it('has an input field for every public filter field, and none for a private one', () => {
    expect(
      errorsOf(
        '{ title: { containsi: "a" }, originalDate: { between: ["2020-01-01", "2021-01-01"] } }'
      )
    ).toEqual([]);
    expect(
      errorsOf('{ commentsEnabled: { eq: true }, tags: { slug: { in: ["a", "b"] } } }')
    ).toEqual([]);
    expect(
      errorsOf(
        '{ or: [{ author: { name: { eqi: "x" } } }, { not: { lessons: { text: { null: true } } } }] }'
      )
    ).toEqual([]);
    for (const field of POST_PUBLIC_FILTER_FIELDS) {
      expect(errorsOf(`{ ${field}: { null: false } }`)).toEqual([]);
    }
    expect(errorsOf('{ importKey: { eq: "x" } }')).toEqual([
      'Field "importKey" is not defined by type "BlogPostFilters".',
    ]);
    expect(errorsOf('{ author: { user: { id: { eq: 1 } } } }')).toHaveLength(1);
    // Text search is for text: not on a boolean or a date.
    expect(errorsOf('{ commentsEnabled: { contains: "t" } }')).toHaveLength(1);
    expect(errorsOf('{ createdAt: { startsWith: "2020" } }')).toHaveLength(1);
  });

  it('refuses a post field whose kind has no filter input, at boot', () => {
    expect(() =>
      filterTypeDefs((field) => (field === 'title' ? 'integer' : kindOf(field)))
    ).toThrow(/title has no GraphQL filter/);
  });

  it('translates GraphQL filters into REST’s, leaving out null fields', () => {
    expect(
      toRestFilters({
        tags: { slug: { eq: 'a', not: { in: ['b'] } } },
        or: [{ title: { containsi: 'x' } }, { commentsEnabled: { eq: null } }],
        author: null,
        not: null,
      })
    ).toEqual({
      tags: { slug: { $eq: 'a', $not: { $in: ['b'] } } },
      $or: [{ title: { $containsi: 'x' } }, { commentsEnabled: { $eq: null } }],
    });
    // graphql-js gives input objects without a prototype.
    const input = Object.assign(Object.create(null), { slug: { eq: 'x' } });
    expect(toRestFilters({ categories: input })).toEqual({ categories: { slug: { $eq: 'x' } } });
  });
});
