/**
 * The categories (each with its parent) and tags of a page of posts in one statement, instead of
 * the query engine's three (categories, their parents, tags). Read from Strapi's link tables
 * (db/metadata.ts): `<posts>_categories_lnk` and `<posts>_tags_lnk` (the post's row, the
 * target's row, the target's position in the post), and the category's `parent` link. Each row
 * comes in its link's order, as the query engine populates; the public answer sorts by name.
 * tests/api/strapi-internals.test.ts checks it answers what the query engine's populate answers.
 */
import type { Core } from '@strapi/strapi';

import { CATEGORY_UID, POST_UID, TAG_UID } from '../../../contracts/plugin';
import type { CategoryRow, TagRow } from '../utils/serialize';

import { placeholders } from './dialect';
import { ownBorrows, type SelectRows } from './prepared-reads';
import { columnsOf, relationLink, tableName } from './metadata';

export interface PostTaxonomy {
  /** By post row id, in link order. */
  categories: Map<number, CategoryRow[]>;
  /** By post row id, in link order. */
  tags: Map<number, TagRow[]>;
}

interface TaxonomyRow {
  kind: 'c' | 't';
  post_id: number | string;
  document_id: string;
  name: string;
  slug: string;
  locale: string | null;
  parent_document_id: string | null;
  parent_name: string | null;
  parent_slug: string | null;
}

/** The link's order column, or the link row's id when the relation has none. */
const orderOf = (link: ReturnType<typeof relationLink>) => link.order ?? 'id';

/**
 * The categories and tags of these post rows, in one statement (through `read` when given: a
 * borrow of prepared-reads.ts' `withReads`).
 */
export const readPostTaxonomy = async (
  strapi: Core.Strapi,
  postRowIds: number[],
  read: SelectRows = ownBorrows(strapi)
): Promise<PostTaxonomy> => {
  const taxonomy: PostTaxonomy = { categories: new Map(), tags: new Map() };
  if (postRowIds.length === 0) return taxonomy;
  const categoryLink = relationLink(strapi, POST_UID, 'categories');
  const tagLink = relationLink(strapi, POST_UID, 'tags');
  const parentLink = relationLink(strapi, CATEGORY_UID, 'parent');
  const category = columnsOf(strapi, CATEGORY_UID);
  const tag = columnsOf(strapi, TAG_UID);
  const categories = tableName(strapi, CATEGORY_UID);

  const rows = await read<TaxonomyRow>(
    `SELECT 'c' AS kind, k.?? AS post_id, k.?? AS seq, c.id AS row_id,
        c.?? AS document_id, c.?? AS name, c.?? AS slug, c.?? AS locale,
        p.?? AS parent_document_id, p.?? AS parent_name, p.?? AS parent_slug
      FROM ?? k JOIN ?? c ON c.id = k.??
        LEFT JOIN ?? pl ON pl.?? = c.id
        LEFT JOIN ?? p ON p.id = pl.??
      WHERE k.?? IN (${placeholders(postRowIds)})
    UNION ALL
    SELECT 't', k.??, k.??, t.id, t.??, t.??, t.??, t.??, NULL, NULL, NULL
      FROM ?? k JOIN ?? t ON t.id = k.??
      WHERE k.?? IN (${placeholders(postRowIds)})
    ORDER BY kind, post_id, seq, row_id`,
    [
      categoryLink.owner,
      orderOf(categoryLink),
      category('documentId'),
      category('name'),
      category('slug'),
      category('locale'),
      category('documentId'),
      category('name'),
      category('slug'),
      categoryLink.table,
      categories,
      categoryLink.target,
      parentLink.table,
      parentLink.owner,
      categories,
      parentLink.target,
      categoryLink.owner,
      ...postRowIds,
      tagLink.owner,
      orderOf(tagLink),
      tag('documentId'),
      tag('name'),
      tag('slug'),
      tag('locale'),
      tagLink.table,
      tableName(strapi, TAG_UID),
      tagLink.target,
      tagLink.owner,
      ...postRowIds,
    ]
  );

  for (const row of rows) {
    const post = Number(row.post_id);
    const ref = { documentId: row.document_id, name: row.name, slug: row.slug, locale: row.locale };
    if (row.kind === 'c') {
      const list = taxonomy.categories.get(post) ?? [];
      list.push({
        ...ref,
        parent:
          row.parent_document_id === null
            ? null
            : {
                documentId: row.parent_document_id,
                name: row.parent_name as string,
                slug: row.parent_slug as string,
              },
      });
      taxonomy.categories.set(post, list);
    } else {
      const list = taxonomy.tags.get(post) ?? [];
      list.push(ref);
      taxonomy.tags.set(post, list);
    }
  }
  return taxonomy;
};
