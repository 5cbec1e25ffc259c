import { parseXml, type XmlElement } from './atom';

export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** W3C datetime (https://www.w3.org/TR/NOTE-datetime): a date, or a date and time with a zone. */
const W3C_DATETIME =
  /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$/;
/** hreflang: a language code, optionally with a script or region, or `x-default`. */
const HREFLANG = /^(?:[a-z]{2,3}(?:-[A-Za-z\d]{2,8})*|x-default)$/i;

export interface SitemapUrlView {
  loc: string;
  lastmod: string | null;
  alternates: Array<{ hreflang: string; href: string }>;
}

export type SitemapView =
  | { kind: 'urlset'; urls: SitemapUrlView[] }
  | { kind: 'index'; sitemaps: Array<{ loc: string; lastmod: string | null }> };

const fail = (why: string): never => {
  throw new Error(`not a valid sitemap: ${why}`);
};

const only = (element: XmlElement, name: string, where: string, required = true) => {
  const found = element.children.filter((c) => c.uri === SITEMAP_NS && c.name === name);
  if (found.length > 1 || (required && found.length === 0)) {
    fail(`${where} has ${found.length} ${name} elements`);
  }
  return found[0] as XmlElement | undefined;
};

/** A `<loc>`: an absolute http(s) URL of at most 2,048 characters. */
const location = (element: XmlElement, where: string) => {
  const loc = only(element, 'loc', where)!.text;
  if (loc.length > 2048) fail(`${where} loc is longer than 2048 characters`);
  let url: URL | null = null;
  try {
    url = new URL(loc);
  } catch {
    fail(`${where} loc is not an absolute URL: ${loc}`);
  }
  if (!/^https?:$/.test(url!.protocol)) fail(`${where} loc is not http(s): ${loc}`);
  return loc;
};

const lastmodOf = (element: XmlElement, where: string) => {
  const lastmod = only(element, 'lastmod', where, false)?.text ?? null;
  if (lastmod !== null && !W3C_DATETIME.test(lastmod)) {
    fail(`${where} lastmod is not a W3C datetime: ${lastmod}`);
  }
  return lastmod;
};

/**
 * Reads a sitemap or sitemap index with a strict XML parser (saxes: well-formedness and bound
 * namespace prefixes) and checks the rules of the sitemaps.org 0.9 schema and of Google's
 * `xhtml:link` alternates: the namespace, a `loc` in each entry (absolute http(s), ≤ 2,048
 * characters), `lastmod` as a W3C datetime, no unknown element, at most 50,000 entries and
 * 50 MB, locs unique; each alternate has rel="alternate", a language and an absolute href, and
 * a page with alternates is one of them.
 */
export const readSitemap = (xml: string): SitemapView => {
  if (Buffer.byteLength(xml) > 50 * 1024 * 1024) fail('more than 50 MB');
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')) fail('no XML declaration');
  const root = parseXml(xml);
  if (root.uri !== SITEMAP_NS) fail(`the root is in namespace "${root.uri}"`);
  const entries = root.children;
  if (entries.length > 50000) fail(`${entries.length} entries (at most 50,000)`);

  if (root.name === 'sitemapindex') {
    const sitemaps = entries.map((entry, index) => {
      const where = `sitemap ${index + 1}`;
      if (entry.uri !== SITEMAP_NS || entry.name !== 'sitemap') fail(`unexpected ${entry.name}`);
      for (const c of entry.children) {
        if (c.uri !== SITEMAP_NS || !['loc', 'lastmod'].includes(c.name)) {
          fail(`${where} has a ${c.name} element`);
        }
      }
      return { loc: location(entry, where), lastmod: lastmodOf(entry, where) };
    });
    if (new Set(sitemaps.map((s) => s.loc)).size !== sitemaps.length) fail('locs repeat');
    return { kind: 'index', sitemaps };
  }
  if (root.name !== 'urlset') fail(`the root is <${root.name}>`);
  if (root.attributes.xhtml !== XHTML_NS) fail('the urlset does not declare xmlns:xhtml');

  const urls = entries.map((entry, index) => {
    const where = `url ${index + 1}`;
    if (entry.uri !== SITEMAP_NS || entry.name !== 'url') fail(`unexpected ${entry.name}`);
    const alternates: SitemapUrlView['alternates'] = [];
    for (const c of entry.children) {
      if (c.uri === XHTML_NS && c.name === 'link') {
        const { rel, hreflang, href } = c.attributes;
        if (rel !== 'alternate') fail(`${where} has a link with rel="${rel}"`);
        if (!HREFLANG.test(hreflang ?? '')) fail(`${where} has hreflang "${hreflang}"`);
        if (!/^https?:\/\//.test(href ?? '')) fail(`${where} has an alternate href "${href}"`);
        alternates.push({ hreflang, href });
      } else if (
        c.uri !== SITEMAP_NS ||
        !['loc', 'lastmod', 'changefreq', 'priority'].includes(c.name)
      ) {
        fail(`${where} has a ${c.name} element`);
      }
    }
    const loc = location(entry, where);
    // Google: a page with alternates lists itself among them.
    if (alternates.length && !alternates.some((a) => a.href === loc)) {
      fail(`${where} is not among its own alternates`);
    }
    return { loc, lastmod: lastmodOf(entry, where), alternates };
  });
  if (new Set(urls.map((u) => u.loc)).size !== urls.length) fail('locs repeat');
  return { kind: 'urlset', urls };
};
