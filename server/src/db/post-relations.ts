/**
 * The cover, author (with its avatar) and SEO component (with its image) of a page of posts in
 * one statement, instead of the query engine's one per relation level (cover, author, avatar,
 * SEO, image). Read from Strapi's link tables (db/metadata.ts): the upload plugin's morph table
 * (`files_related_mph`: file, owner row, owner uid, field, order) for each media, the post's
 * `author` link table and its `seo` component join table, each LEFT JOINed from the post rows on
 * their indexes (the owner's row, the entity's row).
 *
 * What the query engine takes when a relation has several rows (Strapi never writes them, an
 * import or a hand edit could): the first link in its order column (the media, the component),
 * or the first link row (the author, whose link has no order); its link row's id breaks ties.
 * Values come back as its fields convert them (JSON parsed, booleans from 0/1, numbers).
 * tests/api/strapi-internals.test.ts checks it answers what the query engine's populate answers.
 */
import type { Core } from '@strapi/strapi';

import { AUTHOR_UID, POST_UID, SEO_COMPONENT_UID } from '../../../contracts/plugin';
import type { AuthorRow, SeoRow } from '../utils/serialize';
import { MEDIA_SELECT, type MediaRow } from '../utils/serialize-media';

import { placeholders } from './dialect';
import { fromBoolean, fromJson, fromNumber, fromString } from './field-values';
import { ownBorrows, type SelectRows, type SqlValue } from './prepared-reads';
import { columnsOf, componentLink, mediaLink, relationLink, tableName } from './metadata';

export interface PostRelations {
  /** By post row id; absent when the post has none. */
  covers: Map<number, MediaRow>;
  authors: Map<number, AuthorRow>;
  seos: Map<number, SeoRow>;
}

type Row = Record<string, unknown>;

const AUTHOR_SELECT = ['documentId', 'name', 'slug', 'url'] as const;
const SEO_SELECT = ['metaTitle', 'metaDescription', 'canonicalUrl', 'noIndex'] as const;

const MEDIA_FIELDS: Record<string, (value: unknown) => unknown> = {
  url: fromString,
  alternativeText: fromString,
  caption: fromString,
  width: fromNumber,
  height: fromNumber,
  mime: fromString,
  formats: fromJson,
};

/** The row of a group (cover, author, …) whose link comes first: order, then link row id. */
const firstOf = (rows: Row[], prefix: string, ordered: boolean): Row | undefined => {
  let first: Row | undefined;
  const key = (row: Row) => [
    ordered ? Number(row[`${prefix}_order`]) : 0,
    Number(row[`${prefix}_link`]),
  ];
  for (const row of rows) {
    if (row[`${prefix}_id`] === null || row[`${prefix}_id`] === undefined) continue;
    if (!first) {
      first = row;
      continue;
    }
    const [order, link] = key(row);
    const [firstOrder, firstLink] = key(first);
    if (order < firstOrder || (order === firstOrder && link < firstLink)) first = row;
  }
  return first;
};

const mediaOf = (row: Row | undefined, prefix: string): MediaRow | null => {
  if (!row) return null;
  const media: Row = {};
  for (const name of MEDIA_SELECT) {
    media[name] = MEDIA_FIELDS[name](row[`${prefix}_${name}`] ?? null);
  }
  return media as MediaRow;
};

/**
 * The cover, author with its avatar and SEO with its image of these post rows, in one statement
 * (through `read` when given: a borrow of prepared-reads.ts' `withReads`).
 */
export const readPostRelations = async (
  strapi: Core.Strapi,
  postRowIds: number[],
  read: SelectRows = ownBorrows(strapi)
): Promise<PostRelations> => {
  const relations: PostRelations = { covers: new Map(), authors: new Map(), seos: new Map() };
  if (postRowIds.length === 0) return relations;
  const cover = mediaLink(strapi, POST_UID, 'cover');
  const avatar = mediaLink(strapi, AUTHOR_UID, 'avatar');
  const ogImage = mediaLink(strapi, SEO_COMPONENT_UID, 'ogImage');
  const authorLink = relationLink(strapi, POST_UID, 'author');
  const seoLink = componentLink(strapi, POST_UID, 'seo');
  const file = columnsOf(strapi, cover.target);
  const author = columnsOf(strapi, AUTHOR_UID);
  const seo = columnsOf(strapi, SEO_COMPONENT_UID);
  const files = tableName(strapi, cover.target);

  const select: string[] = ['p.id AS post_id'];
  const bindings: SqlValue[] = [];
  const column = (alias: string, name: string, as: string) => {
    select.push(`${alias}.?? AS ??`);
    bindings.push(name, as);
  };
  /** A media's link row, its order and the file's columns, as `<prefix>_…`. */
  const mediaColumns = (prefix: string, link: ReturnType<typeof mediaLink>) => {
    column(`${prefix}j`, 'id', `${prefix}_link`);
    column(`${prefix}j`, link.order, `${prefix}_order`);
    column(prefix, 'id', `${prefix}_id`);
    for (const name of MEDIA_SELECT) column(prefix, file(name), `${prefix}_${name}`);
  };
  mediaColumns('c', cover);
  column('aj', 'id', 'a_link');
  column('a', 'id', 'a_id');
  for (const name of AUTHOR_SELECT) column('a', author(name), `a_${name}`);
  mediaColumns('v', avatar);
  column('sj', 'id', 's_link');
  column('sj', seoLink.order, 's_order');
  column('s', 'id', 's_id');
  for (const name of SEO_SELECT) column('s', seo(name), `s_${name}`);
  mediaColumns('o', ogImage);

  /** LEFT JOINs a media's link rows to `owner`'s row, then its file. */
  const joins: string[] = [];
  const joinMedia = (
    prefix: string,
    link: ReturnType<typeof mediaLink>,
    owner: string,
    uid: string,
    field: string
  ) => {
    joins.push(
      `LEFT JOIN ?? ${prefix}j ON ${prefix}j.?? = ${owner}.id AND ${prefix}j.?? = ? AND ${prefix}j.?? = ?`,
      `LEFT JOIN ?? ${prefix} ON ${prefix}.id = ${prefix}j.??`
    );
    bindings.push(link.table, link.owner, link.ownerType, uid, link.field, field);
    bindings.push(files, link.file);
  };
  bindings.push(tableName(strapi, POST_UID));
  joinMedia('c', cover, 'p', POST_UID, 'cover');
  joins.push('LEFT JOIN ?? aj ON aj.?? = p.id', 'LEFT JOIN ?? a ON a.id = aj.??');
  bindings.push(
    authorLink.table,
    authorLink.owner,
    tableName(strapi, AUTHOR_UID),
    authorLink.target
  );
  joinMedia('v', avatar, 'a', AUTHOR_UID, 'avatar');
  joins.push('LEFT JOIN ?? sj ON sj.?? = p.id AND sj.?? = ?', 'LEFT JOIN ?? s ON s.id = sj.??');
  bindings.push(seoLink.table, seoLink.entity, seoLink.field, 'seo');
  bindings.push(tableName(strapi, SEO_COMPONENT_UID), seoLink.component);
  joinMedia('o', ogImage, 's', SEO_COMPONENT_UID, 'ogImage');

  const rows = await read<Row>(
    `SELECT ${select.join(', ')} FROM ?? p ${joins.join(' ')} WHERE p.id IN (${placeholders(postRowIds)})`,
    [...bindings, ...postRowIds]
  );

  const byPost = new Map<number, Row[]>();
  for (const row of rows) {
    const post = Number(row.post_id);
    const list = byPost.get(post) ?? [];
    list.push(row);
    byPost.set(post, list);
  }
  for (const [post, rows] of byPost) {
    const coverRow = firstOf(rows, 'c', true);
    if (coverRow) relations.covers.set(post, mediaOf(coverRow, 'c')!);

    const authorRow = firstOf(rows, 'a', false);
    if (authorRow) {
      const own = rows.filter((row) => row.a_id === authorRow.a_id);
      relations.authors.set(post, {
        documentId: fromString(authorRow.a_documentId) as string,
        name: fromString(authorRow.a_name) as string,
        slug: fromString(authorRow.a_slug) as string,
        url: fromString(authorRow.a_url ?? null) as string | null,
        avatar: mediaOf(firstOf(own, 'v', true), 'v'),
      });
    }

    const seoRow = firstOf(rows, 's', true);
    if (seoRow) {
      const own = rows.filter((row) => row.s_id === seoRow.s_id);
      relations.seos.set(post, {
        metaTitle: fromString(seoRow.s_metaTitle ?? null) as string | null,
        metaDescription: fromString(seoRow.s_metaDescription ?? null) as string | null,
        canonicalUrl: fromString(seoRow.s_canonicalUrl ?? null) as string | null,
        noIndex: fromBoolean(seoRow.s_noIndex ?? null) as boolean | null,
        ogImage: mediaOf(firstOf(own, 'o', true), 'o'),
      });
    }
  }
  return relations;
};
