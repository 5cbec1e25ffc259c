import fc from 'fast-check';

import { POST_PUBLIC_FILTER_FIELDS } from '../../contracts/posts';
import lessonSchema from '../../server/src/components/lesson.json';
import postSchema from '../../server/src/content-types/post/schema.json';
import config from '../../server/src/config';
import { filterTreeOf, parseFilters } from '../../server/src/validation/filters';

// The post's attributes as `strapi.getModel()` answers them: the schema's, and the timestamps
// Strapi adds to every content type.
const postAttributes = {
  ...postSchema.attributes,
  createdAt: { type: 'datetime' },
  updatedAt: { type: 'datetime' },
  publishedAt: { type: 'datetime' },
};
const tree = filterTreeOf(postAttributes, POST_PUBLIC_FILTER_FIELDS, {
  lessons: filterTreeOf(lessonSchema.attributes, ['text']),
});
const limits = config.default.limits.query;
const parse = (filters: unknown) => parseFilters(filters, tree, limits);

const refusal = (details: Record<string, unknown>) =>
  expect.objectContaining({ name: 'ValidationError', details: expect.objectContaining(details) });

/** `count` branches of `$or`, each filtering on the lessons (each one join). */
const lessonBranches = (count: number) => ({
  $or: Array.from({ length: count }, (_, i) => ({ lessons: { text: { $containsi: `x${i}` } } })),
});

describe('filterTreeOf', () => {
  it('types each public field from the schema', () => {
    expect(tree).toMatchObject({
      documentId: 'string',
      title: 'string',
      slug: 'string',
      originalDate: 'date',
      commentsEnabled: 'boolean',
      createdAt: 'datetime',
      lessons: { text: 'string' },
    });
  });

  it('refuses to build a filter on a field that cannot be one', () => {
    expect(() => filterTreeOf(postAttributes, ['body'])).toThrow('body cannot be a public filter');
    expect(() => filterTreeOf(postAttributes, ['nothing'])).toThrow('nothing cannot be');
  });
});

describe('parseFilters: what stays allowed', () => {
  it.each([
    [{ title: 'x' }],
    [{ title: { $eq: 'x' } }],
    [{ title: null }],
    [{ title: { $not: { $containsi: 'x' } } }],
    [{ $or: [{ title: 'a' }, { lessons: { text: { $contains: 'b' } } }] }],
    [{ $and: [{ $not: { title: 'x' } }] }],
    [{ title: { $in: ['a', 'b'] } }],
    [{ originalDate: { $between: ['2000-01-01', '2030-12-31'] } }],
    [{ originalDate: { $lt: '2024-02-29' } }],
    [{ createdAt: { $gte: '2024-01-31T10:00:00.123+02:00' } }],
    [{ commentsEnabled: { $eq: 'false' } }],
    [{ excerpt: { $null: 'true' } }],
    [{ lessons: { text: { $containsi: 'x' } } }],
    [{ lessons: { $or: [{ text: { $containsi: 'a' } }, { text: { $containsi: 'b' } }] } }],
    [{ lessons: { $or: [{ text: 'a' }, { text: 'b' }] } }],
  ])('accepts %j', (filters) => {
    expect(() => parse(filters)).not.toThrow();
  });

  it('answers values in the form the query engine takes', () => {
    expect(
      parse({
        commentsEnabled: 't',
        createdAt: { $gt: '2024-01-31T10:00:00+02:00' },
        updatedAt: { $lt: '2024-01-31' },
        // Past qs's arrayLimit a list comes as an object of indexes.
        $or: { 0: { title: 'a' }, 101: { title: 'b' } },
      })
    ).toEqual({
      commentsEnabled: true,
      createdAt: { $gt: '2024-01-31T08:00:00.000Z' },
      updatedAt: { $lt: '2024-01-31T00:00:00.000Z' },
      $or: [{ title: 'a' }, { title: 'b' }],
    });
    expect(parse(undefined)).toBeUndefined();
    expect(parse({})).toBeUndefined();
  });

  it('keeps a component’s mixed keys on one join, as one $and', () => {
    expect(parse({ lessons: { text: 'a', $or: [{ text: 'b' }, { text: 'c' }] } })).toEqual({
      lessons: { $and: [{ text: 'a' }, { $or: [{ text: 'b' }, { text: 'c' }] }] },
    });
    expect(parse({ lessons: { $not: { text: 'a' } } })).toEqual({
      lessons: { $and: [{ $not: { text: 'a' } }] },
    });
  });
});

describe('parseFilters: shapes and values the query engine fails on', () => {
  it.each([
    [{ comments: { authorEmail: 'x' } }, 'comments'],
    [{ authorEmail: { $eq: 'x' } }, 'authorEmail'],
    [{ importKey: 'x' }, 'importKey'],
    [{ constructor: 'x' }, 'constructor'],
    [{ __proto__: { x: 1 } }, undefined],
    [{ lessons: { id: 1 } }, 'lessons.id'],
    [{ title: { nested: 'x' } }, 'title.nested'],
    [{ $or: [{ secret: 1 }] }, '$or.0.secret'],
    [{ title: { $where: 'x' } }, 'title.$where'],
    [{ $eq: 'x' }, '$eq'],
    [{ title: { $or: [{ $eq: 'x' }] } }, 'title.$or'],
    [{ title: { $eq: { $eq: 'x' } } }, 'title.$eq'],
    [{ title: { $between: 'a' } }, 'title.$between'],
    [{ title: { $between: ['a', 'b', 'c'] } }, 'title.$between'],
    [{ title: { $jsonSupersetOf: 'a' } }, 'title.$jsonSupersetOf'],
    [{ title: { $in: 'a' } }, 'title.$in'],
    [{ title: { $in: [['a']] } }, 'title.$in.0'],
    [{ title: ['a', 'b'] }, 'title'],
    [{ title: { $containsi: ['a', 'b'] } }, 'title.$containsi'],
    [{ title: { $containsi: null } }, 'title.$containsi'],
    [{ title: { $null: 'maybe' } }, 'title.$null'],
    [{ title: {} }, 'title'],
    [{ $or: [] }, '$or'],
    [{ $or: 'x' }, '$or'],
    [{ $or: { a: { title: 'x' } } }, '$or'],
    [{ $or: ['x'] }, '$or.0'],
    [{ $not: [{ title: 'x' }] }, '$not'],
    [{ lessons: 'x' }, 'lessons'],
    [{ originalDate: 'not a date' }, 'originalDate'],
    [{ originalDate: '2023-02-29' }, 'originalDate'],
    [{ originalDate: { $gt: '2024-13-01' } }, 'originalDate.$gt'],
    [{ originalDate: { $containsi: '2024' } }, 'originalDate.$containsi'],
    [{ originalDate: { $between: ['2024-01-01', 'x'] } }, 'originalDate.$between.1'],
    [{ createdAt: { $gt: 'zz' } }, 'createdAt.$gt'],
    [{ createdAt: { $gt: '2024-01-31T24:00:00Z' } }, 'createdAt.$gt'],
    [{ createdAt: { $gt: '2024-01-31T10:00:00+25:00' } }, 'createdAt.$gt'],
    [{ createdAt: { $gt: '1706695200000' } }, 'createdAt.$gt'],
    [{ commentsEnabled: 'maybe' }, 'commentsEnabled'],
    [{ commentsEnabled: { $containsi: 'true' } }, 'commentsEnabled.$containsi'],
  ])('refuses %j at %s', (filters, path) => {
    expect(() => parse(filters)).toThrow(refusal(path === undefined ? {} : { path }));
  });

  it('refuses filters that are not an object', () => {
    expect(() => parse('title')).toThrow('expected an object');
    expect(() => parse(['title'])).toThrow('expected an object');
  });
});

describe('parseFilters: the cost model', () => {
  it('counts every filter through the lessons as one join, and refuses more than maxJoins', () => {
    expect(() => parse(lessonBranches(limits.maxJoins))).not.toThrow();
    expect(() => parse(lessonBranches(10))).toThrow(
      refusal({ source: 'query', limit: 'maxJoins', max: limits.maxJoins, actual: 10 })
    );
    expect(() => parse({ $and: lessonBranches(3).$or })).toThrow(refusal({ limit: 'maxJoins' }));
    expect(() => parse(lessonBranches(3))).toThrow(/maxJoins/);
  });

  it('refuses more than maxConditions conditions, a $in counting one per value', () => {
    const titles = (count: number) => Array.from({ length: count }, (_, i) => ({ title: `t${i}` }));
    expect(() => parse({ $or: titles(limits.maxConditions) })).not.toThrow();
    expect(() => parse({ $or: titles(limits.maxConditions + 1) })).toThrow(
      refusal({ limit: 'maxConditions', actual: limits.maxConditions + 1 })
    );
    const values = Array.from({ length: limits.maxConditions + 5 }, (_, i) => `s${i}`);
    expect(() => parse({ slug: { $in: values } })).toThrow(refusal({ limit: 'maxConditions' }));
  });

  it('refuses nesting deeper than maxDepth before walking any further', () => {
    let deep: Record<string, unknown> = { title: 'x' };
    for (let i = 0; i < limits.maxDepth - 1; i += 1) deep = { $not: deep };
    expect(() => parse(deep)).not.toThrow();
    expect(() => parse({ $not: deep })).toThrow(
      refusal({ limit: 'maxDepth', max: limits.maxDepth, actual: limits.maxDepth + 1 })
    );
    // List indexes are not levels: $or.0.lessons.$or.1.text.$containsi is 5 deep.
    expect(() =>
      parse({ $or: [{ lessons: { $or: [{ text: 'a' }, { text: { $containsi: 'b' } }] } }] })
    ).not.toThrow();
    // Far deeper than any stack: refused at the limit, not by a stack overflow.
    let abyss: Record<string, unknown> = { title: 'x' };
    for (let i = 0; i < 100_000; i += 1) abyss = { $and: [abyss] };
    expect(() => parse(abyss)).toThrow(refusal({ limit: 'maxDepth' }));
  });

  it('refuses a value longer than maxValueLength', () => {
    const at = 'y'.repeat(limits.maxValueLength);
    expect(() => parse({ lessons: { text: { $containsi: at } } })).not.toThrow();
    expect(() => parse({ lessons: { text: { $containsi: `${at}y` } } })).toThrow(
      refusal({ limit: 'maxValueLength', actual: limits.maxValueLength + 1 })
    );
  });

  it('answers a 400 or the checked filters for any object, never another error', () => {
    const key = fc.constantFrom(
      'title',
      'originalDate',
      'createdAt',
      'commentsEnabled',
      'lessons',
      'text',
      'comments',
      '$and',
      '$or',
      '$not',
      '$eq',
      '$in',
      '$between',
      '$null',
      '$containsi',
      '$jsonSupersetOf',
      '0',
      '1'
    );
    const leaf = fc.oneof(
      fc.string(),
      fc.constantFrom('2024-01-31', '2024-01-31T10:00:00Z', 'true', '99999999999999999999'),
      fc.constant(null),
      fc.integer(),
      fc.boolean()
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(key, tie('value'), { maxKeys: 3 })
      ),
    }));
    fc.assert(
      fc.property(value, (filters) => {
        try {
          parse(filters);
        } catch (error) {
          expect(error).toMatchObject({ name: 'ValidationError' });
        }
      }),
      { numRuns: 2000 }
    );
  });
});
