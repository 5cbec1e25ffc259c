import type { Core } from '@strapi/strapi';

import type { LessonRow, PostState } from '../../../contracts/lessons';
import { LESSON_COMPONENT_UID, POST_UID } from '../../../contracts/plugin';
import { rawRows } from '../db/dialect';
import { columnsOf, componentLink, tableName } from '../db/metadata';
import { sql } from '../db/connection';

/**
 * Lessons across posts, for editors: every lesson of every post's current (draft) version, with
 * its position in its post and the post's state (a draft only, published, or published with
 * changes since). One statement for a page, one for the total, whatever the number of posts.
 */
/** Strapi's three states of a document, as its list view shows them. */
const postState = (published: boolean, modified: boolean): PostState =>
  !published ? 'draft' : modified ? 'modified' : 'published';

const createLessonsRepository = ({ strapi }: { strapi: Core.Strapi }) => {
  const names = () => {
    const post = columnsOf(strapi, POST_UID);
    const join = componentLink(strapi, POST_UID, 'lessons');
    return {
      posts: tableName(strapi, POST_UID),
      postDocumentId: post('documentId'),
      postTitle: post('title'),
      postSlug: post('slug'),
      postLocale: post('locale'),
      postPublishedAt: post('publishedAt'),
      postUpdatedAt: post('updatedAt'),
      lessons: tableName(strapi, LESSON_COMPONENT_UID),
      lessonText: columnsOf(strapi, LESSON_COMPONENT_UID)('text'),
      join: join.table,
      entity: join.entity,
      component: join.component,
      order: join.order,
      field: join.field,
      type: join.type,
    };
  };

  return {
    async search(params: { q?: string; page: number; pageSize: number }) {
      const n = names();
      const knex = await sql(strapi);
      // Positions are counted over the whole list before any search narrows it.
      const ranked = knex
        .select({
          id: 'l.id',
          text: `l.${n.lessonText}`,
          documentId: `p.${n.postDocumentId}`,
          title: `p.${n.postTitle}`,
          slug: `p.${n.postSlug}`,
          locale: `p.${n.postLocale}`,
          updatedAt: `p.${n.postUpdatedAt}`,
        })
        .select(
          knex.raw('ROW_NUMBER() OVER (PARTITION BY j.?? ORDER BY j.??, l.id) AS position', [
            n.entity,
            n.order,
          ])
        )
        .from({ j: n.join })
        .join({ l: n.lessons }, 'l.id', `j.${n.component}`)
        .join({ p: n.posts }, 'p.id', `j.${n.entity}`)
        .where(`j.${n.field}`, 'lessons')
        .where(`j.${n.type}`, LESSON_COMPONENT_UID)
        .whereNull(`p.${n.postPublishedAt}`);
      const filtered = () => {
        const query = knex.from(ranked.clone().as('r'));
        if (params.q) {
          // `!` escapes LIKE's wildcards: unlike `\\`, it means the same in every dialect's literals.
          const like = `%${params.q.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
          query.where((w) =>
            w
              .whereRaw("LOWER(r.text) LIKE ? ESCAPE '!'", [like])
              .orWhereRaw("LOWER(r.title) LIKE ? ESCAPE '!'", [like])
          );
        }
        return query;
      };

      // The post's published version in the same language, if any (Strapi's documents index
      // on document id, locale and publication): is there one, and is the draft newer? Asked
      // for the page's rows only.
      const published = (newer: boolean) => {
        const version = knex
          .select(knex.raw('1'))
          .from({ pp: n.posts })
          .whereRaw('?? = ??', [`pp.${n.postDocumentId}`, 'r.documentId'])
          .where((w) =>
            w
              .whereRaw('?? = ??', [`pp.${n.postLocale}`, 'r.locale'])
              .orWhere((both) => both.whereNull(`pp.${n.postLocale}`).whereNull('r.locale'))
          )
          .whereNotNull(`pp.${n.postPublishedAt}`);
        if (newer) version.whereRaw('?? < ??', [`pp.${n.postUpdatedAt}`, 'r.updatedAt']);
        return version;
      };

      const [rows, [{ total }]] = await Promise.all([
        filtered()
          .select('r.*')
          .select(knex.raw('CASE WHEN EXISTS ? THEN 1 ELSE 0 END AS published', [published(false)]))
          .select(knex.raw('CASE WHEN EXISTS ? THEN 1 ELSE 0 END AS modified', [published(true)]))
          .orderBy([
            { column: 'r.title' },
            { column: 'r.documentId' },
            { column: 'r.locale' },
            { column: 'r.position' },
          ])
          .offset((params.page - 1) * params.pageSize)
          .limit(params.pageSize),
        filtered().count({ total: '*' }),
      ]);

      const data: LessonRow[] = rawRows<Record<string, unknown>>(rows).map((row) => ({
        id: Number(row.id),
        text: String(row.text ?? ''),
        position: Number(row.position),
        post: {
          documentId: String(row.documentId),
          title: String(row.title ?? ''),
          slug: String(row.slug ?? ''),
          locale: row.locale === null || row.locale === undefined ? null : String(row.locale),
          state: postState(Number(row.published) === 1, Number(row.modified) === 1),
        },
      }));
      return { data, total: Number(total) };
    },
  };
};

export type LessonsRepository = ReturnType<typeof createLessonsRepository>;
export default createLessonsRepository;
