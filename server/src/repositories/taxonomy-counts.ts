import type { Core } from '@strapi/strapi';

import { POST_UID } from '../../../contracts/plugin';
import { columnsOf, relationLink, tableName } from '../db/metadata';
import { sql } from '../db/connection';

/** The post relations whose targets list a count of published posts. */
export type CountedRelation = 'categories' | 'tags' | 'author';

/**
 * Published posts per category, tag or author: one grouped statement over the post's link table
 * for a whole page of them, whatever the number of posts. A post counts once per document (its
 * draft row is not published) and only in the locale asked for.
 */
const createTaxonomyCountsRepository = ({ strapi }: { strapi: Core.Strapi }) => {
  const names = (relation: CountedRelation) => {
    const post = columnsOf(strapi, POST_UID);
    const join = relationLink(strapi, POST_UID, relation);
    return {
      posts: tableName(strapi, POST_UID),
      id: post('id'),
      documentId: post('documentId'),
      locale: post('locale'),
      publishedAt: post('publishedAt'),
      link: join.table,
      post: join.owner,
      target: join.target,
    };
  };

  return {
    /** Published posts (in this locale) linked to each of these rows of the relation's target. */
    async publishedPosts(
      relation: CountedRelation,
      targetRowIds: number[],
      locale: string
    ): Promise<Map<number, number>> {
      const counts = new Map<number, number>();
      if (targetRowIds.length === 0) return counts;
      const n = names(relation);
      const knex = await sql(strapi);
      const rows = (await knex
        .select({ target: `l.${n.target}` })
        .countDistinct({ total: `p.${n.documentId}` })
        .from({ l: n.link })
        .join({ p: n.posts }, `p.${n.id}`, `l.${n.post}`)
        .whereIn(`l.${n.target}`, targetRowIds)
        .whereNotNull(`p.${n.publishedAt}`)
        .where(`p.${n.locale}`, locale)
        .groupBy(`l.${n.target}`)) as Array<{ target: number | string; total: number | string }>;
      for (const row of rows) counts.set(Number(row.target), Number(row.total));
      return counts;
    },
  };
};

export type TaxonomyCountsRepository = ReturnType<typeof createTaxonomyCountsRepository>;
export default createTaxonomyCountsRepository;
