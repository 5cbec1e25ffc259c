import { toIsoSeconds } from '../../../contracts/dates';
import { escapeXml as escape } from '../../../contracts/escape';

/**
 * Sitemap documents (sitemaps.org protocol 0.9): a `<urlset>` of post pages with their
 * `hreflang` alternates (Google's `xhtml:link` extension), or a `<sitemapindex>` of pages.
 */

export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const XHTML_NS = 'http://www.w3.org/1999/xhtml';
/** The protocol's limits on one file: URLs (or sitemaps in an index) and bytes. */
export const MAX_SITEMAP_URLS = 50_000;
export const MAX_SITEMAP_BYTES = 50 * 1024 * 1024;

export interface SitemapAlternate {
  hreflang: string;
  href: string;
}

export interface SitemapUrl {
  loc: string;
  lastmod: Date | null;
  /** Every language of the page, itself included; empty when it has only one. */
  alternates: SitemapAlternate[];
}

const url = (entry: SitemapUrl) =>
  [
    '  <url>',
    `    <loc>${escape(entry.loc)}</loc>`,
    entry.lastmod ? `    <lastmod>${toIsoSeconds(entry.lastmod)}</lastmod>` : null,
    ...entry.alternates.map(
      (alternate) =>
        `    <xhtml:link rel="alternate" hreflang="${escape(alternate.hreflang)}" href="${escape(alternate.href)}"/>`
    ),
    '  </url>',
  ]
    .filter((line): line is string => line !== null)
    .join('\n');

export const renderUrlset = (entries: SitemapUrl[]): string =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<urlset xmlns="${SITEMAP_NS}" xmlns:xhtml="${XHTML_NS}">`,
    ...entries.map(url),
    '</urlset>',
    '',
  ].join('\n');

export const renderSitemapIndex = (locations: string[]): string =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<sitemapindex xmlns="${SITEMAP_NS}">`,
    ...locations.map((loc) => `  <sitemap><loc>${escape(loc)}</loc></sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n');
