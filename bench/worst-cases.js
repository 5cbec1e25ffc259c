'use strict';
/**
 * The worst case of each bounded public path, at the plugin's default limits (docs/security.md, Limits):
 * the largest query, comment and GraphQL operation the plugin still accepts. `npm run bench`
 * measures each beside the ordinary request of the same route; a refusal (any non-2xx) fails the
 * bench, so these stay at the edge of what is accepted.
 */

/** Text that matches nothing, so every `$containsi` scans to the end of every row. */
const needle = (seed, length) => {
  let out = '';
  for (let i = 0; out.length < length; i += 1) out += `zq${seed}x${i}`;
  return out.slice(0, length);
};

/** Default limits (server/src/config/index.ts, `limits`). */
const LIMITS = { maxConditions: 10, maxJoins: 2, maxValueLength: 100, maxCost: 250 };

/**
 * `GET /api/blog/posts` with the most work a query may ask: as many `$containsi` filters as the
 * limit allows, through the lessons component as many times as joins are allowed (each is
 * another join: two of them make 25 rows of each post's five lessons), several conditions in
 * each, and on the post's text fields, in an `$or`, every value as long as allowed, a page of 100.
 */
const largestQuery = () => {
  const parts = [];
  const value = (n) => encodeURIComponent(needle(n, LIMITS.maxValueLength));
  const inLessons = Math.floor(LIMITS.maxConditions / 2);
  for (let j = 0; j < inLessons; j += 1) {
    const join = j % LIMITS.maxJoins;
    parts.push(`filters[$or][${join}][lessons][$or][${j}][text][$containsi]=${value(j)}`);
  }
  const fields = ['title', 'excerpt', 'authorName', 'lessonsHeading'];
  for (let i = 0; parts.length < LIMITS.maxConditions; i += 1) {
    parts.push(
      `filters[$or][${LIMITS.maxJoins + i}][${fields[i % fields.length]}][$containsi]=${value(100 + i)}`
    );
  }
  return `/api/blog/posts?${parts.join('&')}&pagination[pageSize]=100`;
};

/**
 * A comment as long as the default `maxLength` (10,000 characters): words, links and Unicode
 * that the rules fold and scan, judged against 10,000 disallowed phrases sharing a prefix.
 */
const largestComment = () => {
  const unit = 'Ｎetworking ｗith café people, see www.example.com and spam\u00ADword ';
  let content = '';
  while (content.length + unit.length < 9900) content += unit;
  return `${content}{run}`;
};

const sharedPrefixWords = () =>
  Array.from({ length: 10000 }, (_, i) => `networking with people number ${i}`);

/** The most costly GraphQL operation accepted: pages of posts and comments up to `maxCost`. */
const largestGraphql = () => {
  const post = 'documentId title slug body lessons { position text } commentCount';
  const comment = 'documentId authorName content replies { documentId content }';
  return {
    query: `query {
      a: blogPosts(page: 1, pageSize: 100) { data { ${post} } }
      b: blogPosts(page: 2, pageSize: 100) { data { ${post} } }
      c: blogComments(slug: "big-thread", pageSize: 25) { data { ${comment} } }
      d: blogComments(slug: "small-thread", pageSize: 20) { data { ${comment} } }
    }`,
  };
};

/** The worst cases, each with the ordinary request it is shown beside. */
const worstCases = ({ postSlug, formToken }) => [
  {
    endpoint: 'GET /api/blog/posts: the largest accepted query',
    beside: 'GET /api/blog/posts',
    request: { path: largestQuery() },
  },
  {
    endpoint: 'POST /api/blog/posts/:slug/comments: the largest accepted comment',
    beside: 'POST /api/blog/posts/:slug/comments',
    settings: { disallowedWords: sharedPrefixWords(), moderationWords: sharedPrefixWords() },
    request: {
      method: 'POST',
      path: `/api/blog/posts/${postSlug}/comments`,
      body: {
        data: {
          authorName: 'Bench Reader',
          authorEmail: 'bench-worst-{run}@example.com',
          content: largestComment(),
        },
        formToken,
      },
    },
  },
  {
    endpoint: 'POST /graphql: the most costly accepted operation',
    beside: 'GET /api/blog/posts',
    request: { method: 'POST', path: '/graphql', body: largestGraphql() },
  },
];

module.exports = { worstCases, LIMITS };
