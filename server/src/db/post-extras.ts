/**
 * What a public post shows besides its row and its relations, for a whole page of posts in one
 * statement (a UNION ALL of three reads, each on an index):
 * - its lessons, in order: the rows of the post's component join table (`<posts>_cmps`, see
 *   db/metadata.ts: entity, component, order, field and component type) joined to the lessons;
 * - its approved-comment count, from the plugin's own `blog_comment_counts` (models/comment-count.ts);
 * - its other published languages: the published rows of the same document in another locale.
 * Every branch answers the same eight columns; `kind` says which read a row comes from.
 * tests/api/strapi-internals.test.ts checks it answers what the query engine answers.
 */
import type { Core } from '@strapi/strapi';

import type { PostLocalization } from '../../../contracts/posts';
import { LESSON_COMPONENT_UID, POST_UID } from '../../../contracts/plugin';
import { COMMENT_COUNT_COLUMNS, COMMENT_COUNT_UID } from '../models/comment-count';

import { placeholders } from './dialect';
import { ownBorrows, type SelectRows } from './prepared-reads';
import { columnsOf, componentLink, tableName } from './metadata';

export interface PostExtras {
  /** By post row id: the lessons, in order. */
  lessons: Map<number, Array<{ text: string }>>;
  /** By documentId: the approved comments (a post without a count row has none here). */
  counts: Map<string, number>;
  /** By documentId: the other published languages, by locale code. */
  localizations: Map<string, PostLocalization[]>;
}

interface ExtraRow {
  kind: 'l' | 'c' | 'o';
  post_id: number | string | null;
  document_id: string | null;
  num: number | string | null;
  txt: string | null;
  txt2: string | null;
  txt3: string | null;
}

/**
 * The lessons, counts and other languages of these published posts (rows of one `locale`), in
 * one statement (through `read` when given: a borrow of prepared-reads.ts' `withReads`).
 */
export const readPostExtras = async (
  strapi: Core.Strapi,
  posts: Array<{ id: number; documentId: string }>,
  locale: string,
  read: SelectRows = ownBorrows(strapi)
): Promise<PostExtras> => {
  const extras: PostExtras = { lessons: new Map(), counts: new Map(), localizations: new Map() };
  if (posts.length === 0) return extras;
  const post = columnsOf(strapi, POST_UID);
  const join = componentLink(strapi, POST_UID, 'lessons');
  const lessonText = columnsOf(strapi, LESSON_COMPONENT_UID)('text');
  const ids = posts.map((row) => row.id);
  const documentIds = [...new Set(posts.map((row) => row.documentId))];
  const { postDocumentId, approved } = COMMENT_COUNT_COLUMNS;

  // The field and component type are checked below rather than in SQL, where SQLite would walk
  // the index on `field` (every lesson of every post) instead of the one on the entity.
  const rows = await read<ExtraRow>(
    `SELECT 'l' AS kind, j.?? AS post_id, NULL AS document_id, j.?? AS seq, l.id AS num,
        l.?? AS txt, j.?? AS txt2, j.?? AS txt3
      FROM ?? j JOIN ?? l ON l.id = j.??
      WHERE j.?? IN (${placeholders(ids)})
    UNION ALL
    SELECT 'c', NULL, c.??, NULL, c.??, NULL, NULL, NULL
      FROM ?? c
      WHERE c.?? IN (${placeholders(documentIds)})
    UNION ALL
    SELECT 'o', NULL, p.??, NULL, NULL, p.??, p.??, NULL
      FROM ?? p
      WHERE p.?? IS NOT NULL AND p.?? <> ? AND p.?? IN (${placeholders(documentIds)})
    ORDER BY kind, post_id, seq, num, txt`,
    [
      join.entity,
      join.order,
      lessonText,
      join.field,
      join.type,
      join.table,
      tableName(strapi, LESSON_COMPONENT_UID),
      join.component,
      join.entity,
      ...ids,
      postDocumentId,
      approved,
      tableName(strapi, COMMENT_COUNT_UID),
      postDocumentId,
      ...documentIds,
      post('documentId'),
      post('locale'),
      post('slug'),
      tableName(strapi, POST_UID),
      post('publishedAt'),
      post('locale'),
      locale,
      post('documentId'),
      ...documentIds,
    ]
  );

  for (const row of rows) {
    if (row.kind === 'l') {
      if (row.txt2 !== 'lessons' || row.txt3 !== LESSON_COMPONENT_UID) continue;
      const entity = Number(row.post_id);
      const list = extras.lessons.get(entity) ?? [];
      list.push({ text: row.txt ?? '' });
      extras.lessons.set(entity, list);
    } else if (row.kind === 'c') {
      extras.counts.set(row.document_id as string, Number(row.num));
    } else {
      const documentId = row.document_id as string;
      const list = extras.localizations.get(documentId) ?? [];
      list.push({ locale: row.txt as string, slug: row.txt2 as string });
      extras.localizations.set(documentId, list);
    }
  }
  return extras;
};
