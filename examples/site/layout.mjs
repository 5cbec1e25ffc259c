/**
 * The page around every page: `<head>` with what search engines and link previews read
 * (description, canonical address, `noindex`, `og:*`, `hreflang` alternates), and the header.
 * Every value is escaped.
 */
import { escapeXml as escape } from 'strapi-plugin-blog/contracts';

import { pathsFor } from './paths.mjs';

const meta = (attribute, name, content) =>
  content ? `\n<meta ${attribute}="${escape(name)}" content="${escape(content)}">` : '';

/**
 * @param {object} head
 * @param {string} [head.lang] the language of the page's content
 * @param {string} [head.description]
 * @param {string} [head.canonical] absolute URL
 * @param {boolean} [head.noIndex]
 * @param {string} [head.ogImage] absolute URL
 * @param {string} [head.ogType]
 * @param {Array<{ hreflang: string, href: string }>} [head.alternates]
 */
const headTags = (title, head) =>
  [
    meta('name', 'description', head.description),
    head.noIndex ? '\n<meta name="robots" content="noindex">' : '',
    head.canonical ? `\n<link rel="canonical" href="${escape(head.canonical)}">` : '',
    ...(head.alternates ?? []).map(
      (alternate) =>
        `\n<link rel="alternate" hreflang="${escape(alternate.hreflang)}" href="${escape(alternate.href)}">`
    ),
    meta('property', 'og:title', head.ogType ? title : ''),
    meta('property', 'og:type', head.ogType),
    meta('property', 'og:description', head.ogType ? head.description : ''),
    meta('property', 'og:url', head.ogType ? head.canonical : ''),
    meta('property', 'og:image', head.ogImage),
  ].join('');

export const layout = (
  title,
  body,
  { api, paths = pathsFor(null), head = {} } = {}
) => `<!doctype html>
<html lang="${escape(head.lang || paths.locale || 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>${headTags(title, head)}
<link rel="stylesheet" href="/assets/site.css">
<link rel="alternate" type="application/atom+xml" title="Posts" href="${escape(api ?? '')}/api/blog/feed.xml">
</head>
<body>
<header><a href="${escape(paths.home())}" class="home">The Blog</a>
<nav class="site-nav"><a href="${escape(paths.categories())}">Categories</a> <a href="${escape(paths.tags())}">Tags</a></nav></header>
<main>
${body}
</main>
</body>
</html>
`;
