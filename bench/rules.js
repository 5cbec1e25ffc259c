#!/usr/bin/env node
/**
 * `npm run bench:rules`: time of the moderation rules per comment, with a 1,000-word disallowed
 * list and a 200-word moderation list, over 1,000 comments of 20 to 200 words (the seed comment
 * among them). Target: a median under 50 µs. Then the worst cases a stranger can send at the
 * default limits, each timed from the raw field (plain-text normalization included): 10,000
 * disallowed phrases sharing a prefix against a content of maximum length made of that prefix,
 * a content of "<!--" filling the largest accepted body, and a content of maximum length made
 * of links. Writes bench/rules-results.json.
 */
'use strict';

require('./register-ts');
const fs = require('fs');
const path = require('path');

const { judge: judgeComment } = require('../server/src/moderation/judge.ts');
const { DEFAULT_MODERATION_SETTINGS } = require('../server/src/moderation/settings.ts');
const { toPlainText } = require('../server/src/moderation/text.ts');
const pluginConfig = require('../server/src/config/index.ts').default;
const { compileWordList } = require('../server/src/moderation/words.ts');

const TARGET_US = 50;

// A fixed pseudo-random sequence, so every run measures the same inputs.
let state = 20080222;
const random = () => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};
const syllables = [
  'net',
  'work',
  'tree',
  'seed',
  'soil',
  'bam',
  'boo',
  'gro',
  'wth',
  'job',
  'gi',
  'ving',
  'ro',
  'ot',
  'sha',
  're',
  'ké',
  'zé',
  'ña',
  'ø',
];
const word = () =>
  Array.from(
    { length: 1 + Math.floor(random() * 3) },
    () => syllables[Math.floor(random() * syllables.length)]
  ).join('');

const disallowed = Array.from({ length: 1000 }, (_, i) =>
  i % 50 === 0 ? `${word()} ${word()}` : `${word()}x${i}`
);
const moderation = Array.from({ length: 200 }, (_, i) => `${word()}m${i}`);
const seedComment = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, '..', 'playground', 'data', 'networking-biggest-mistake.json'),
    'utf8'
  )
).comments[0].content;

const comments = Array.from({ length: 1000 }, (_, i) => ({
  authorName: `Reader ${word()}`,
  authorEmail: `reader${i}@example.com`,
  authorUrl: i % 3 ? null : `https://${word()}.example/${word()}`,
  content:
    i === 0
      ? seedComment
      : Array.from({ length: 20 + Math.floor(random() * 180) }, word).join(' ') +
        (i % 10 === 0 ? ' see https://a.example and https://b.example' : ''),
  ip: `198.51.${i % 256}.${(i * 7) % 256}`,
  userAgent:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36',
}));

const settings = {
  ...DEFAULT_MODERATION_SETTINGS,
  disallowedWords: disallowed,
  moderationWords: moderation,
};
const matchers = {
  disallowed: compileWordList(disallowed),
  moderation: compileWordList(moderation),
};
const facts = {
  now: new Date(),
  post: { state: 'open', date: new Date() },
  parent: null,
  duplicate: false,
  floodRetryAfter: null,
  honeypotFilled: false,
  form: { state: 'missing', ageSeconds: null },
  authorHasApprovedComment: false,
};

// Warm up, then time each comment many times and keep the per-call figure of each.
for (let i = 0; i < 3; i += 1) for (const c of comments) judgeComment(c, settings, facts, matchers);
const REPEAT = 50;
const perComment = comments.map((c) => {
  const start = process.hrtime.bigint();
  for (let i = 0; i < REPEAT; i += 1) judgeComment(c, settings, facts, matchers);
  return Number(process.hrtime.bigint() - start) / 1000 / REPEAT;
});
perComment.sort((a, b) => a - b);
const at = (q) => perComment[Math.min(perComment.length - 1, Math.floor(q * perComment.length))];

const compileStart = process.hrtime.bigint();
compileWordList(disallowed);
const compileUs = Number(process.hrtime.bigint() - compileStart) / 1000;

// The worst cases, at the default limits: each from the raw content, as a submission arrives.
const median = (fn, repeat) => {
  for (let i = 0; i < 3; i += 1) fn();
  const runs = Array.from({ length: repeat }, () => {
    const start = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - start) / 1000;
  });
  runs.sort((a, b) => a - b);
  return Number(runs[Math.floor(runs.length / 2)].toFixed(2));
};
const maxLength = DEFAULT_MODERATION_SETTINGS.maxLength;
const fill = (unit, length) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const judge = (content, s, m) =>
  judgeComment({ ...comments[1], content: toPlainText(content) }, s, facts, m);

const prefix = 'win a free cruise to the';
const sharedPrefix = Array.from({ length: 10000 }, (_, i) => `${prefix} port${i}`);
const sharedSettings = { ...settings, disallowedWords: sharedPrefix };
const sharedMatchers = {
  disallowed: compileWordList(sharedPrefix),
  moderation: matchers.moderation,
};
const sharedContent = fill(`${prefix} `, maxLength);
const bodyBytes = pluginConfig.default.limits.bodyBytes;
const commentsContent = fill('<!--', bodyBytes - 200);
const linksContent = fill('http://a.co/,', maxLength);

const sharedCompileStart = process.hrtime.bigint();
compileWordList(sharedPrefix);
const sharedCompileUs = Number(process.hrtime.bigint() - sharedCompileStart) / 1000;

const worst = {
  shared_prefix_10000_phrases_us: median(
    () => judge(sharedContent, sharedSettings, sharedMatchers),
    50
  ),
  html_comment_openers_us: median(() => judge(commentsContent, settings, matchers), 20),
  links_content_us: median(() => judge(linksContent, settings, matchers), 50),
};

const results = {
  comments: comments.length,
  disallowedWords: disallowed.length,
  moderationWords: moderation.length,
  median_us: Number(at(0.5).toFixed(2)),
  p95_us: Number(at(0.95).toFixed(2)),
  max_us: Number(perComment[perComment.length - 1].toFixed(2)),
  compile_list_us: Number(compileUs.toFixed(0)),
  worst_cases: {
    content_chars: maxLength,
    body_bytes: bodyBytes,
    ...worst,
    compile_10000_shared_prefix_us: Number(sharedCompileUs.toFixed(0)),
  },
  target_median_us: TARGET_US,
  node: process.version,
};
fs.writeFileSync(
  path.join(__dirname, 'rules-results.json'),
  `${JSON.stringify(results, null, 2)}\n`
);
process.stdout.write(
  [
    'Moderation rules, per comment (1,000 comments; 1,000 disallowed and 200 moderation words)',
    `  median ${results.median_us} µs   p95 ${results.p95_us} µs   max ${results.max_us} µs`,
    `  compiling the 1,000-word list once: ${results.compile_list_us} µs`,
    `  target: median under ${TARGET_US} µs → ${results.median_us < TARGET_US ? 'met' : 'NOT met'}`,
    `Worst cases (median per comment, from the raw content, at the default limits)`,
    `  10,000 disallowed phrases sharing a prefix, ${maxLength}-character content of it: ${worst.shared_prefix_10000_phrases_us} µs`,
    `    (compiling that list once: ${results.worst_cases.compile_10000_shared_prefix_us} µs)`,
    `  "<!--" filling a ${bodyBytes}-byte body: ${worst.html_comment_openers_us} µs`,
    `  ${maxLength} characters of links: ${worst.links_content_us} µs`,
    '',
  ].join('\n')
);
process.exitCode = results.median_us < TARGET_US ? 0 : 1;
