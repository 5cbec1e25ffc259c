'use strict';
/**
 * Bulk seeding for `npm run bench`: posts with five lessons, three tags and a cover each, and
 * threaded comments, written straight into the SQLite tables Strapi created (one transaction,
 * prepared statements), in the exact shape the Document Service writes them: a draft and a
 * published row per post (in the default locale), component rows joined through `*_cmps`, tag
 * and cover links on both rows, comment → post links to both rows, reply → parent links, one
 * moderation event per comment, and each post's comment counts. The same data goes twice: into
 * the plugin's types and into the playground's ordinary `api::article` / `api::bench-tag` /
 * `api::reader-comment` types.
 *
 * Table and column names come from Strapi's metadata, so they follow the app's naming.
 */
const { createHash } = require('crypto');

// A fixed pseudo-random sequence: every run seeds the same data.
const createRandom = (seed) => {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
};

const WORDS = (
  'network friend lesson life trust give grow seed patience garden people listen help ' +
  'connect share career mistake learn honest value favour return first always never ' +
  'meeting coffee advice mentor relationship time effort genuine interest ask offer'
).split(' ');

const sentence = (random, words) => {
  const out = [];
  for (let i = 0; i < words; i += 1) out.push(WORDS[Math.floor(random() * WORDS.length)]);
  const text = out.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
};

/**
 * A 24-character id shaped like Strapi's (cuid2: lower-case letters and digits, a letter first;
 * Strapi reads a relation value that starts with a digit as a numeric id).
 */
const documentId = (prefix, n) =>
  `b${createHash('sha1').update(`${prefix}:${n}`).digest('hex').slice(0, 23)}`;

const STATUSES = [
  [0.9, 'approved'],
  [0.96, 'pending'],
  [0.99, 'spam'],
  [1, 'rejected'],
];
const pickStatus = (random) => STATUSES.find(([limit]) => random() < limit)[1];

/** Tags: `everyday` is on every fourth post (the list filtered by tag asks for it). */
const TAG_COUNT = 50;
const tagPlan = () =>
  Array.from({ length: TAG_COUNT }, (_, t) => ({
    documentId: documentId('tag', t),
    name: t === 0 ? 'Everyday' : `Tag ${t}`,
    slug: t === 0 ? 'everyday' : `tag-${t}`,
  }));
/** Three tags of a post, by index in the plan: `everyday` first on every fourth post. */
const tagsOfPost = (p) => {
  const a = 1 + (p % (TAG_COUNT - 1));
  const b = 1 + ((p * 7 + 3) % (TAG_COUNT - 1));
  const c = 1 + ((p * 13 + 5) % (TAG_COUNT - 1));
  const tags = p % 4 === 0 ? [0, a, b] : [a, b, c];
  return [...new Set(tags)];
};

/** Where each model keeps its rows: table, attribute → column, and join tables. */
const layoutOf = (strapi, uid) => {
  const meta = strapi.db.metadata.get(uid);
  const column = (name) => meta.attributes[name].columnName ?? name;
  const join = (name) => meta.attributes[name].joinTable;
  return { table: meta.tableName, column, join };
};

const insertStatement = (db, table, columns) =>
  db.prepare(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns
      .map(() => '?')
      .join(', ')})`
  );

/**
 * Plans the data once: which post each comment belongs to, its parent, status and text. Both
 * copies (plugin and generic) are written from this plan.
 */
const plan = ({ posts, comments, bigThread, smallThread }) => {
  const random = createRandom(20080222);
  const perPost = new Array(posts).fill(0);
  perPost[0] = bigThread;
  perPost[1] = smallThread;
  const rest = comments - bigThread - smallThread;
  for (let p = 2; p < posts; p += 1) {
    perPost[p] = Math.floor(rest / (posts - 2)) + (p - 2 < rest % (posts - 2) ? 1 : 0);
  }

  const postRows = [];
  const commentRows = [];
  const start = Date.UTC(2008, 1, 22);
  for (let p = 0; p < posts; p += 1) {
    const slug = p === 0 ? 'big-thread' : p === 1 ? 'small-thread' : `post-${p}`;
    const day = new Date(start - p * 86400000).toISOString().slice(0, 10);
    postRows.push({
      documentId: documentId('post', p),
      title: p === 0 ? 'The busiest thread' : p === 1 ? 'A quiet thread' : sentence(random, 5),
      slug,
      excerpt: sentence(random, 30),
      body: JSON.stringify(
        [0, 1, 2, 3].map(() => ({
          type: 'paragraph',
          children: [{ type: 'text', text: sentence(random, 40) }],
        }))
      ),
      originalDate: day,
      authorName: 'Bench Author',
      lessonsHeading: 'Lessons in Life',
      lessons: [0, 1, 2, 3, 4].map(() => sentence(random, 12)),
      tags: tagsOfPost(p),
    });

    // Threads: about a third of the comments reply to one of the 20 approved comments before
    // them (a conversation answers what is recent), at most four levels deep.
    const approved = [];
    const time = start - p * 86400000 + 3600000;
    for (let c = 0; c < perPost[p]; c += 1) {
      const status = p === 1 ? 'approved' : pickStatus(random);
      let parent = null;
      let depth = 1;
      if (approved.length && random() < 0.35) {
        const recent = approved.slice(-20);
        const candidate = recent[Math.floor(random() * recent.length)];
        if (candidate.depth < 4) {
          parent = candidate;
          depth = candidate.depth + 1;
        }
      }
      const row = {
        index: commentRows.length,
        post: p,
        parent: parent ? parent.index : null,
        root: parent ? (parent.root ?? parent.index) : null,
        depth,
        status,
        documentId: documentId('comment', commentRows.length),
        authorName: `Reader ${commentRows.length % 5000}`,
        authorEmail: `reader${commentRows.length % 5000}@example.com`,
        content: sentence(random, 8 + Math.floor(random() * 40)),
        submittedAt: time + c * 60000,
      };
      commentRows.push(row);
      if (status === 'approved') approved.push(row);
    }
  }
  return { postRows, commentRows };
};

/** Writes the planned tags of one type (one row each: tags have no drafts); returns row ids. */
const writeTags = (db, strapi, uid, tagRows, now, locale) => {
  const tag = layoutOf(strapi, uid);
  const columns = ['documentId', 'name', 'slug', 'createdAt', 'updatedAt', 'publishedAt'];
  const insert = insertStatement(db, tag.table, [
    ...columns.map((name) => tag.column(name)),
    ...(locale ? [tag.column('locale')] : []),
  ]);
  return tagRows.map(
    (row) =>
      insert.run(row.documentId, row.name, row.slug, now, now, now, ...(locale ? [locale] : []))
        .lastInsertRowid
  );
};

/** One image in the Media Library, the cover of every post; returns its row id. */
const writeCover = (db, strapi, now) => {
  const file = layoutOf(strapi, 'plugin::upload.file');
  const values = {
    documentId: documentId('file', 0),
    name: 'cover.png',
    alternativeText: 'A handshake at a conference',
    width: 1200,
    height: 800,
    formats: JSON.stringify({
      thumbnail: {
        name: 'thumbnail_cover.png',
        hash: 'thumbnail_cover_bench',
        ext: '.png',
        mime: 'image/png',
        width: 234,
        height: 156,
        size: 12.3,
        url: '/uploads/thumbnail_cover_bench.png',
      },
    }),
    hash: 'cover_bench',
    ext: '.png',
    mime: 'image/png',
    size: 85.2,
    url: '/uploads/cover_bench.png',
    provider: 'local',
    folderPath: '/',
    createdAt: now,
    updatedAt: now,
    publishedAt: now,
  };
  const names = Object.keys(values);
  return insertStatement(
    db,
    file.table,
    names.map((name) => file.column(name))
  ).run(...names.map((name) => values[name])).lastInsertRowid;
};

/**
 * Writes the planned posts (draft + published rows, lessons, tags, cover) of one type; returns
 * row ids. `locale` is the default locale of a localized type, null for the generic one.
 */
const writePosts = (db, strapi, uid, postRows, now, { locale, tagIds, coverId }) => {
  const post = layoutOf(strapi, uid);
  const cmpsTable = post.join('lessons');
  const tagLink = post.join('tags');
  // A one-way relation (the plugin's) has no order of posts in a tag; a two-way one does.
  const inverseOrder = tagLink.inverseOrderColumnName;
  const insertTagLink = insertStatement(db, tagLink.name, [
    tagLink.joinColumn.name,
    tagLink.inverseJoinColumn.name,
    tagLink.orderColumnName,
    ...(inverseOrder ? [inverseOrder] : []),
  ]);
  const related = strapi.db.metadata.get('plugin::upload.file').attributes.related.joinTable;
  const insertCover = insertStatement(db, related.name, [
    related.joinColumn.name,
    related.morphColumn.idColumn.name,
    related.morphColumn.typeColumn.name,
    'field',
    'order',
  ]);
  const postsOfTag = new Map();
  const lessonTable = strapi.db.metadata.get('blog.lesson').tableName;
  const insertPost = insertStatement(db, post.table, [
    post.column('documentId'),
    post.column('title'),
    post.column('slug'),
    post.column('excerpt'),
    post.column('body'),
    post.column('originalDate'),
    post.column('authorName'),
    post.column('lessonsHeading'),
    post.column('commentsEnabled'),
    post.column('createdAt'),
    post.column('updatedAt'),
    post.column('publishedAt'),
    ...(locale ? [post.column('locale')] : []),
  ]);
  const insertLesson = insertStatement(db, lessonTable, ['text']);
  const insertCmp = insertStatement(db, cmpsTable.name, [
    cmpsTable.joinColumn.name,
    'cmp_id',
    'component_type',
    'field',
    'order',
  ]);
  const rowIds = [];
  for (const row of postRows) {
    const ids = [];
    for (const publishedAt of [null, now]) {
      const { lastInsertRowid } = insertPost.run(
        row.documentId,
        row.title,
        row.slug,
        row.excerpt,
        row.body,
        row.originalDate,
        row.authorName,
        row.lessonsHeading,
        1,
        now,
        now,
        publishedAt,
        ...(locale ? [locale] : [])
      );
      ids.push(Number(lastInsertRowid));
      row.lessons.forEach((text, order) => {
        const lesson = insertLesson.run(text);
        insertCmp.run(lastInsertRowid, lesson.lastInsertRowid, 'blog.lesson', 'lessons', order + 1);
      });
      row.tags.forEach((t, order) => {
        const inTag = (postsOfTag.get(t) ?? 0) + 1;
        postsOfTag.set(t, inTag);
        insertTagLink.run(lastInsertRowid, tagIds[t], order + 1, ...(inverseOrder ? [inTag] : []));
      });
      insertCover.run(coverId, lastInsertRowid, uid, 'cover', 1);
    }
    rowIds.push(ids);
  }
  return rowIds;
};

/** Writes the planned comments of one type, linked to both rows of their post and to parents. */
const writeComments = (db, strapi, { uid, postAttribute, extra }, commentRows, postRowIds) => {
  const comment = layoutOf(strapi, uid);
  const postLink = comment.join(postAttribute);
  const parentLink = comment.join('parent');
  const extraColumns = Object.keys(extra(commentRows[0] ?? {}));
  const insertComment = insertStatement(db, comment.table, [
    comment.column('documentId'),
    comment.column('authorName'),
    comment.column('authorEmail'),
    comment.column('content'),
    comment.column('status'),
    comment.column('submittedAt'),
    comment.column('createdAt'),
    comment.column('updatedAt'),
    comment.column('publishedAt'),
    ...extraColumns.map((name) => comment.column(name)),
  ]);
  const insertPostLink = insertStatement(db, postLink.name, [
    postLink.joinColumn.name,
    postLink.inverseJoinColumn.name,
    postLink.inverseOrderColumnName,
  ]);
  const insertParentLink = insertStatement(db, parentLink.name, [
    parentLink.joinColumn.name,
    parentLink.inverseJoinColumn.name,
    parentLink.inverseOrderColumnName,
  ]);
  const ids = [];
  const orderInPost = new Map();
  const orderInParent = new Map();
  for (const row of commentRows) {
    const values = extra(row);
    const { lastInsertRowid } = insertComment.run(
      row.documentId,
      row.authorName,
      row.authorEmail,
      row.content,
      row.status,
      row.submittedAt,
      row.submittedAt,
      row.submittedAt,
      row.submittedAt,
      ...extraColumns.map((name) => values[name])
    );
    ids.push(lastInsertRowid);
    const order = (orderInPost.get(row.post) ?? 0) + 1;
    orderInPost.set(row.post, order);
    for (const postId of postRowIds[row.post]) insertPostLink.run(lastInsertRowid, postId, order);
    if (row.parent !== null) {
      const parentOrder = (orderInParent.get(row.parent) ?? 0) + 1;
      orderInParent.set(row.parent, parentOrder);
      insertParentLink.run(lastInsertRowid, ids[row.parent], parentOrder);
    }
  }
};

/** The first verdict of each planned comment, as the moderation log records it. */
const writeModerationEvents = (db, strapi, commentRows, postRows) => {
  const event = layoutOf(strapi, 'plugin::blog.moderation-event');
  const insert = insertStatement(db, event.table, [
    event.column('documentId'),
    event.column('commentDocumentId'),
    event.column('postDocumentId'),
    event.column('toStatus'),
    event.column('actorType'),
    event.column('actorName'),
    event.column('rule'),
    event.column('reason'),
    event.column('createdAt'),
    event.column('updatedAt'),
    event.column('publishedAt'),
  ]);
  for (const row of commentRows) {
    insert.run(
      documentId('event', row.index),
      row.documentId,
      postRows[row.post].documentId,
      row.status,
      'importer',
      'importer',
      'trusted-actor',
      'trusted-actor: set by the importer',
      row.submittedAt,
      row.submittedAt,
      row.submittedAt
    );
  }
};

/**
 * Each post's approved comments and approved root comments, as the moderation middleware keeps
 * them beside the comments (models/comment-count.ts): a post's `commentCount` and its thread's
 * `total` are read from here.
 */
const writeCommentCounts = (db, strapi, commentRows, postRows) => {
  const counts = layoutOf(strapi, 'plugin::blog.comment-count');
  const insert = insertStatement(db, counts.table, [
    counts.column('postDocumentId'),
    counts.column('approved'),
    counts.column('approvedRoots'),
  ]);
  const perPost = new Map();
  for (const row of commentRows) {
    if (row.status !== 'approved') continue;
    const counted = perPost.get(row.post) ?? { approved: 0, roots: 0 };
    counted.approved += 1;
    if (row.parent === null) counted.roots += 1;
    perPost.set(row.post, counted);
  }
  for (const [post, counted] of perPost) {
    insert.run(postRows[post].documentId, counted.approved, counted.roots);
  }
};

/**
 * Seeds `options.posts` posts and `options.comments` comments (the first post gets
 * `options.bigThread` of them, the second `options.smallThread`, all approved) into both the
 * plugin's types and the generic ones. Returns what it wrote, for the report.
 */
const seed = async (strapi, options) => {
  const { postRows, commentRows } = plan(options);
  const tagRows = tagPlan();
  const locale = await strapi.plugin('i18n').service('locales').getDefaultLocale();
  const connection = await strapi.db.connection.client.acquireConnection();
  try {
    const now = Date.now();
    connection.transaction(() => {
      const coverId = writeCover(connection, strapi, now);
      const blogPostIds = writePosts(connection, strapi, 'plugin::blog.post', postRows, now, {
        locale,
        tagIds: writeTags(connection, strapi, 'plugin::blog.tag', tagRows, now, locale),
        coverId,
      });
      writeComments(
        connection,
        strapi,
        {
          uid: 'plugin::blog.comment',
          postAttribute: 'post',
          extra: (row) => ({
            // The thread copies the plugin's middleware writes (repositories/thread-index.ts).
            postDocumentId: postRows[row.post]?.documentId,
            parentDocumentId: row.parent === null ? null : commentRows[row.parent].documentId,
            rootDocumentId: row.root === null ? null : commentRows[row.root].documentId,
            moderationReason: 'trusted-actor: set by the importer',
            ipHash: createHash('sha256').update(row.authorEmail).digest('hex'),
            userAgent: 'bench',
          }),
        },
        commentRows,
        blogPostIds
      );
      writeModerationEvents(connection, strapi, commentRows, postRows);
      writeCommentCounts(connection, strapi, commentRows, postRows);
      const articleIds = writePosts(connection, strapi, 'api::article.article', postRows, now, {
        locale: null,
        tagIds: writeTags(connection, strapi, 'api::bench-tag.bench-tag', tagRows, now, null),
        coverId,
      });
      writeComments(
        connection,
        strapi,
        { uid: 'api::reader-comment.reader-comment', postAttribute: 'article', extra: () => ({}) },
        commentRows,
        articleIds
      );
    })();
  } finally {
    await strapi.db.connection.client.releaseConnection(connection);
  }
  const replies = commentRows.filter((row) => row.parent !== null).length;
  return {
    posts: postRows.length,
    lessons: postRows.length * 5,
    comments: commentRows.length,
    replies,
    tags: tagRows.length,
    everyday: postRows.filter((row) => row.tags.includes(0)).length,
    bigThread: options.bigThread,
    smallThread: options.smallThread,
    postDocumentIds: { big: postRows[0].documentId, small: postRows[1].documentId },
  };
};

module.exports = { seed };
