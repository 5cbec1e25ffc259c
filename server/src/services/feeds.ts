import type { Core, UID } from '@strapi/strapi';

import type { Post } from '../../../contracts/posts';
import { MODERATION_EVENT_UID, PLUGIN_ID } from '../../../contracts/plugin';
import { STORE_KEYS } from '../constants';
import { readStoreValues } from '../db/store-values';
import { atomId, renderAtom, type AtomEntry } from '../feeds/atom';
import {
  blocksToHtml,
  resolveMediaUrl,
  type BlocksHtmlOptions,
} from '../../../contracts/blocks-html';
import { escapeXml } from '../../../contracts/escape';
import createCommentsRepository from '../repositories/comments';
import { postUrlOf } from '../sitemap/post-url';
import { MAX_THREAD_DEPTH } from '../repositories/table-names';
import { getPluginConfig } from '../utils/plugin-config';
import { getService } from '../utils/get-service';

/**
 * The Atom feeds: the newest published posts, and a post's newest approved comments. Each
 * answer carries the instant it last changed, for `Last-Modified`; the body's hash is its
 * `ETag` (controllers/feed.ts).
 */
export interface Feed {
  xml: string;
  lastModified: Date;
}

const EPOCH = new Date(0);
const latest = (dates: Array<Date | string | number | null | undefined>) =>
  dates.reduce<Date>((max, value) => {
    if (value === null || value === undefined) return max;
    const date = new Date(value);
    return Number.isNaN(date.getTime()) || date <= max ? max : date;
  }, EPOCH);

/** A post's day as an instant: midnight UTC of its original date, else its publication. */
const publishedOf = (post: Post) =>
  post.originalDate ? new Date(`${post.originalDate}T00:00:00Z`) : new Date(post.publishedAt);

const lessonsHtml = (post: Post) =>
  post.lessons.length
    ? `\n${post.lessonsHeading ? `<h2>${escapeXml(post.lessonsHeading)}</h2>` : ''}<ol>${post.lessons
        .map((lesson) => `<li>${escapeXml(lesson.text)}</li>`)
        .join('')}</ol>`
    : '';

/** The post's categories, then its tags, once each by slug. */
const categoriesOf = (post: Post) => {
  const bySlug = new Map<string, { term: string; label: string }>();
  for (const { slug, name } of [...post.categories, ...post.tags]) {
    if (!bySlug.has(slug)) bySlug.set(slug, { term: slug, label: name });
  }
  return [...bySlug.values()];
};

/** The cover: an enclosure link, and the image above the body (readers show the first image). */
const coverOf = (post: Post, options: BlocksHtmlOptions) => {
  const href = post.cover && resolveMediaUrl(post.cover.url, options.mediaBaseUrl);
  if (!post.cover || !href) return { enclosure: null, html: '' };
  return {
    enclosure: { href, type: post.cover.mime },
    html: `${blocksToHtml([{ type: 'image', image: post.cover }], options)}\n`,
  };
};

const createFeedsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });
  const comments = createCommentsRepository({ strapi });
  const config = () => getPluginConfig(strapi).feed;
  const postUrl = (post: { slug: string; locale?: string | null }) =>
    postUrlOf(config().postUrl)?.(post) ?? null;

  /**
   * When a post was last published, unpublished or deleted (a post leaving the feed), and the
   * app's default locale (i18n's), read together in one statement.
   */
  const postsChangedAtWithDefaultLocale = async () => {
    const [changedAt, defaultLocale] = await readStoreValues(strapi, [
      { type: 'plugin', name: PLUGIN_ID, key: STORE_KEYS.postsChangedAt },
      { type: 'plugin', name: 'i18n', key: 'default_locale' },
    ]);
    return {
      changedAt: typeof changedAt === 'string' ? changedAt : null,
      defaultLocale: typeof defaultLocale === 'string' ? defaultLocale : undefined,
    };
  };

  /** Keeps the approved comments whose parents are all approved: those a thread shows. */
  const shownInThread = async <T extends { documentId: string; parentDocumentId: string | null }>(
    rows: T[]
  ): Promise<T[]> => {
    const hidden = new Set<string>();
    // Walk up the threads a level at a time: each row, and the ancestor it is checked against.
    let pending = new Map<string, string>();
    for (const row of rows) {
      if (row.parentDocumentId) pending.set(row.documentId, row.parentDocumentId);
    }
    for (let depth = 0; pending.size && depth < MAX_THREAD_DEPTH; depth += 1) {
      const asked = [...new Set(pending.values())];
      const found = new Map((await comments.findStatuses(asked)).map((c) => [c.documentId, c]));
      const next = new Map<string, string>();
      for (const [documentId, ancestor] of pending) {
        const parent = found.get(ancestor);
        if (!parent || parent.status !== 'approved') hidden.add(documentId);
        else if (parent.parentDocumentId) next.set(documentId, parent.parentDocumentId);
      }
      pending = next;
    }
    return rows.filter((row) => !hidden.has(row.documentId));
  };

  return {
    /** Remembers that a post entered or left the published set. */
    async markPostsChanged(at = new Date()): Promise<void> {
      await store().set({ key: STORE_KEYS.postsChangedAt, value: at.toISOString() });
    },

    /**
     * The posts feed. `publicBase` is where the public reaches this server: files of Strapi's
     * local upload provider (`/uploads/…`) get absolute URLs under it, as feed readers need.
     */
    async posts(selfUrl: string, publicBase: string | null = null): Promise<Feed> {
      const { title, subtitle, author, siteUrl, size } = config();
      const { changedAt, defaultLocale } = await postsChangedAtWithDefaultLocale();
      const data = await getService('posts', { strapi }).findLatest(size, undefined, defaultLocale);
      const html: BlocksHtmlOptions = { mediaBaseUrl: publicBase, linkBaseUrl: siteUrl };
      const entries: AtomEntry[] = data.map((post) => {
        const cover = coverOf(post, html);
        return {
          id: atomId('post', post.documentId),
          title: post.title,
          updated: new Date(post.updatedAt),
          published: publishedOf(post),
          author: post.author
            ? { name: post.author.name, uri: post.author.url }
            : { name: post.authorName || author || title },
          link: postUrl(post),
          summary: post.excerpt,
          categories: categoriesOf(post),
          enclosure: cover.enclosure,
          content: {
            type: 'html',
            value: cover.html + blocksToHtml(post.body, html) + lessonsHtml(post),
          },
        };
      });
      const lastModified = latest([
        changedAt,
        ...data.map((post) => post.updatedAt),
        ...data.map((post) => post.publishedAt),
      ]);
      const xml = renderAtom({
        id: atomId('feed', 'posts'),
        title,
        subtitle,
        self: selfUrl,
        alternate: siteUrl,
        author: author || title,
        updated: lastModified,
        entries,
      });
      return { xml, lastModified };
    },

    /** The post's comments feed, or null when no published post has this slug. */
    async comments(slug: string, selfUrl: string): Promise<Feed | null> {
      const { title, author, size } = config();
      const posts = getService('posts', { strapi });
      const defaultLocale = await posts.locales.defaultLocale();
      const post = await posts.findPublishedHead(slug, defaultLocale);
      if (!post) return null;
      const rows = await shownInThread(await comments.findLatestApproved(post.documentId, size));
      // A comment leaving the feed (held again, deleted) is a moderation event of the post.
      const lastEvent = (await strapi.db.query(MODERATION_EVENT_UID as UID.Schema).findOne({
        where: { postDocumentId: post.documentId },
        orderBy: { createdAt: 'desc' },
        select: ['createdAt'],
      })) as { createdAt: string } | null;
      const lastModified = latest([
        post.updatedAt,
        post.publishedAt,
        lastEvent?.createdAt,
        ...rows.map((row) => row.updatedAt),
      ]);
      const link = postUrl({ slug: post.slug, locale: defaultLocale });
      const xml = renderAtom({
        id: atomId('comments', post.documentId),
        title: `Comments on “${post.title}”`,
        self: selfUrl,
        alternate: link,
        author: author || title,
        updated: lastModified,
        entries: rows.map((row) => ({
          id: atomId('comment', row.documentId),
          title: `${row.authorName} on “${post.title}”`,
          updated: new Date(row.updatedAt),
          published: row.submittedAt ? new Date(row.submittedAt) : null,
          author: { name: row.authorName, uri: row.authorUrl },
          link: link ? `${link}#comment-${row.documentId}` : null,
          inReplyTo: row.parentDocumentId
            ? atomId('comment', row.parentDocumentId)
            : atomId('post', post.documentId),
          content: { type: 'text', value: row.content },
        })),
      });
      return { xml, lastModified };
    },
  };
};

export type FeedsService = ReturnType<typeof createFeedsService>;
export default createFeedsService;
