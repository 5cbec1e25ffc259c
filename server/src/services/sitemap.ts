import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import createSitemapRows, { type SitemapRow } from '../sitemap/rows';
import { postUrlOf, type PostUrl } from '../sitemap/post-url';
import {
  MAX_SITEMAP_URLS,
  renderSitemapIndex,
  renderUrlset,
  type SitemapUrl,
} from '../sitemap/xml';
import { getPluginConfig } from '../utils/plugin-config';
import { getService } from '../utils/get-service';

/**
 * The sitemap: every published post that search engines may index, in every language, each with
 * its other languages as `hreflang` alternates. One file holds `sitemap.pageSize` URLs; past
 * that, `/sitemap.xml` is an index of its pages. A request costs the same few statements
 * whatever the number of posts: a count, a page, and the page's languages.
 */
const createSitemapService = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = createSitemapRows({ strapi });

  /** The URL pattern: `sitemap.postUrl`, else `feed.postUrl`. */
  const pattern = () => {
    const config = getPluginConfig(strapi);
    return config.sitemap?.postUrl || config.feed.postUrl || null;
  };

  /** The default locale, for versions saved before posts were localized; read only then. */
  const fallbackLocale = async (found: SitemapRow[]) =>
    found.every((row) => row.locale)
      ? null
      : await getService('posts', { strapi }).locales.defaultLocale();

  const entries = (
    page: SitemapRow[],
    languages: SitemapRow[],
    url: PostUrl,
    fallback: string | null
  ): SitemapUrl[] => {
    const byDocument = new Map<string, Array<{ hreflang: string; href: string }>>();
    for (const row of languages) {
      const locale = row.locale ?? fallback;
      const href = url({ slug: row.slug, locale });
      if (!href || !locale) continue;
      const list = byDocument.get(row.documentId) ?? [];
      list.push({ hreflang: locale, href });
      byDocument.set(row.documentId, list);
    }
    return page.flatMap((row) => {
      const loc = url({ slug: row.slug, locale: row.locale ?? fallback });
      if (!loc) return [];
      const alternates = byDocument.get(row.documentId) ?? [];
      return [{ loc, lastmod: row.updatedAt, alternates: alternates.length > 1 ? alternates : [] }];
    });
  };

  return {
    /**
     * The sitemap's XML: the index when there is more than one page and none is asked for,
     * else the page (1 by default). `selfUrl` is where `/sitemap.xml` is served, for the index.
     */
    async render(requestedPage: number | null, selfUrl: string): Promise<string> {
      const url = postUrlOf(pattern());
      if (!url) {
        throw new errors.NotFoundError(
          'The sitemap needs the URL of a post page: set sitemap.postUrl (or feed.postUrl) in the blog plugin config, e.g. https://example.com/{locale}/blog/{slug}'
        );
      }
      const { pageSize } = getPluginConfig(strapi).sitemap;
      const total = await rows.count();
      const pages = Math.max(1, Math.ceil(total / pageSize));

      if (requestedPage === null && pages > 1) {
        const count = Math.min(pages, MAX_SITEMAP_URLS);
        return renderSitemapIndex(
          Array.from({ length: count }, (_, index) => `${selfUrl}?page=${index + 1}`)
        );
      }
      const page = requestedPage ?? 1;
      if (page > pages) {
        throw new errors.NotFoundError(`The sitemap has ${pages} page${pages > 1 ? 's' : ''}`, {
          pages,
        });
      }
      const offset = (page - 1) * pageSize;
      const [found, languages] = await Promise.all([
        rows.page(offset, pageSize),
        rows.languagesOfPage(offset, pageSize),
      ]);
      const fallback = await fallbackLocale([...found, ...languages]);
      return renderUrlset(entries(found, languages, url, fallback));
    },
  };
};

export type SitemapService = ReturnType<typeof createSitemapService>;
export default createSitemapService;
