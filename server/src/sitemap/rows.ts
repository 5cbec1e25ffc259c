import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { POST_UID, SEO_COMPONENT_UID } from '../../../contracts/plugin';
import { rawRows } from '../db/dialect';
import { columnsOf, componentLink, tableName } from '../db/metadata';
import { sql } from '../db/connection';

/** A published post version the sitemap lists. */
export interface SitemapRow {
  documentId: string;
  locale: string | null;
  slug: string;
  updatedAt: Date | null;
}

const toDate = (value: unknown): Date | null => {
  if (value === null || value === undefined || value === '') return null;
  const date = new Date(value as string | number | Date);
  return Number.isNaN(date.getTime()) ? null : date;
};

/**
 * The rows of the sitemap: published post versions whose SEO does not say `noIndex`, in the
 * order of their row id. Each method is one SQL statement reading only the columns it needs,
 * with table and column names from Strapi's metadata (the host app's naming).
 */
const createSitemapRows = ({ strapi }: { strapi: Core.Strapi }) => {
  const names = () => {
    const column = columnsOf(strapi, POST_UID);
    const join = componentLink(strapi, POST_UID, 'seo');
    return {
      posts: tableName(strapi, POST_UID),
      documentId: column('documentId'),
      locale: column('locale'),
      slug: column('slug'),
      updatedAt: column('updatedAt'),
      publishedAt: column('publishedAt'),
      seos: tableName(strapi, SEO_COMPONENT_UID),
      noIndex: columnsOf(strapi, SEO_COMPONENT_UID)('noIndex'),
      join: join.table,
      entity: join.entity,
      component: join.component,
      field: join.field,
      type: join.type,
    };
  };

  /** Published versions, joined to their SEO component, the `noIndex` ones left out. */
  const indexable = (knex: Knex, n: ReturnType<typeof names>) =>
    knex
      .from({ p: n.posts })
      .leftJoin({ j: n.join }, (on) =>
        on
          .on(`j.${n.entity}`, '=', 'p.id')
          .andOnVal(`j.${n.field}`, '=', 'seo')
          .andOnVal(`j.${n.type}`, '=', SEO_COMPONENT_UID)
      )
      .leftJoin({ s: n.seos }, 's.id', `j.${n.component}`)
      .whereNotNull(`p.${n.publishedAt}`)
      .where((w) => w.whereNull(`s.${n.noIndex}`).orWhere(`s.${n.noIndex}`, false));

  const page = (knex: Knex, n: ReturnType<typeof names>, offset: number, limit: number) =>
    indexable(knex, n).orderBy('p.id').offset(offset).limit(limit);

  const toRow = (row: Record<string, unknown>): SitemapRow => ({
    documentId: String(row.documentId),
    locale: typeof row.locale === 'string' && row.locale ? row.locale : null,
    slug: String(row.slug ?? ''),
    updatedAt: toDate(row.updatedAt),
  });

  return {
    /** How many URLs the sitemap has. */
    async count(): Promise<number> {
      const n = names();
      const [{ total }] = (await indexable(await sql(strapi), n).count({ total: '*' })) as Array<{
        total: number | string;
      }>;
      return Number(total);
    },

    /** One page of URLs. */
    async page(offset: number, limit: number): Promise<SitemapRow[]> {
      const n = names();
      const rows = await page(await sql(strapi), n, offset, limit).select({
        documentId: `p.${n.documentId}`,
        locale: `p.${n.locale}`,
        slug: `p.${n.slug}`,
        updatedAt: `p.${n.updatedAt}`,
      });
      return rawRows<Record<string, unknown>>(rows).map(toRow);
    },

    /**
     * Every indexable published version of the documents on that page, in every locale: the
     * page is found again inside the statement, so no list of ids is sent, however long.
     */
    async languagesOfPage(offset: number, limit: number): Promise<SitemapRow[]> {
      const n = names();
      const knex = await sql(strapi);
      const onPage = knex.select('d').from(
        page(knex, n, offset, limit)
          .select({ d: `p.${n.documentId}` })
          .as('page')
      );
      const rows = await indexable(knex, n)
        .whereIn(`p.${n.documentId}`, onPage)
        .select({
          documentId: `p.${n.documentId}`,
          locale: `p.${n.locale}`,
          slug: `p.${n.slug}`,
        })
        .orderBy([{ column: `p.${n.documentId}` }, { column: `p.${n.locale}` }]);
      return rawRows<Record<string, unknown>>(rows).map(toRow);
    },
  };
};

export type SitemapRows = ReturnType<typeof createSitemapRows>;
export default createSitemapRows;
