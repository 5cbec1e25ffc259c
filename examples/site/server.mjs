/**
 * `npm run example`: a reader's site for the blog, in plain Node (no framework), reading the
 * plugin's public REST API. Start the demo first (`npm run demo`), then open
 * http://localhost:3000. BLOG_API (default http://localhost:1337) is the Strapi app, PORT the
 * site's port. The comment form posts from the reader's browser straight to the API
 * (public/comments.js), so each reader's own address counts for the flood rules.
 *
 * Routes, each also under a language prefix (`/fr/…`, any locale code of the Strapi app; without
 * one, the app's default language): `/` the posts, `/posts/:slug` a post, `/categories` and
 * `/tags` the lists with their counts, `/categories/:slug` and `/tags/:slug` their posts,
 * `/authors/:slug` an author's page; `/posts/:slug?document=…&preview=<token>` a post's preview
 * (the address the plugin's `preview.url` gives Strapi's "Open preview").
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { pathsFor, splitLocale } from './paths.mjs';
import { errorPage, listPage, postPage } from './render.mjs';
import { authorPage, termIndexPage, termPage } from './taxonomy.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const API = (process.env.BLOG_API || 'http://localhost:1337').replace(/(?<!\/)\/+$/, '');
const PORT = Number(process.env.PORT || 3000);
/** The language of `x-default` in `hreflang` links: name the Strapi app's default locale. */
const DEFAULT_LOCALE = process.env.SITE_DEFAULT_LOCALE || 'en';
/** The site's own public address, for canonical and `hreflang` links (set once listening). */
let SITE = (process.env.SITE_URL || '').replace(/(?<!\/)\/+$/, '');
const PAGE_SIZE = 10;
/** Categories and tags shown on one page (the API's page limit). */
const TERMS_PAGE_SIZE = 100;
const ASSETS = {
  '/assets/site.css': ['site.css', 'text/css; charset=utf-8'],
  '/assets/comments.js': ['comments.js', 'text/javascript; charset=utf-8'],
};

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** GET from the blog API; an error answer becomes an ApiError with the API's own message. */
const api = async (route, query = {}, headers = {}) => {
  const search = new URLSearchParams(
    Object.entries(query).filter(([, value]) => value !== null && value !== undefined)
  ).toString();
  let res;
  try {
    res = await fetch(`${API}${route}${search ? `?${search}` : ''}`, {
      headers: { Accept: 'application/json', ...headers },
    });
  } catch {
    throw new ApiError(502, `The blog server at ${API} does not answer. Is it running?`);
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    // A language the blog does not have: no page here, rather than a bad request.
    const status =
      res.status === 400 && body?.error?.details?.param === 'locale' ? 404 : res.status;
    throw new ApiError(status, body?.error?.message ?? `The blog server answered ${res.status}`);
  }
  return body;
};

const send = (res, status, body, type = 'text/html; charset=utf-8', headers = {}) => {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': `default-src 'self'; connect-src 'self' ${API}; img-src * data:`,
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
};

const pageNumber = (url) =>
  Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);

/** A page of posts in a language, optionally filtered (`filters[tags][slug][$eq]` …). */
const posts = (locale, page, filters = {}) =>
  api('/api/blog/posts', {
    locale,
    ...filters,
    'pagination[page]': page,
    'pagination[pageSize]': PAGE_SIZE,
  });

/** `/categories/:slug`, `/tags/:slug`: the term from the list of its language, or from a post. */
const termRoute = async (kind, slug, { url, locale, paths }) => {
  const plural = kind === 'category' ? 'categories' : 'tags';
  const [terms, found] = await Promise.all([
    api(`/api/blog/${plural}`, { locale, 'pagination[pageSize]': TERMS_PAGE_SIZE }),
    posts(locale, pageNumber(url), { [`filters[${plural}][slug][$eq]`]: slug }),
  ]);
  const term =
    terms.data.find((item) => item.slug === slug) ??
    found.data.flatMap((post) => post[plural] ?? []).find((item) => item.slug === slug);
  if (!term) throw new ApiError(404, `There is no ${kind} “${slug}”.`);
  return termPage(
    kind,
    {
      term,
      terms: terms.data,
      posts: found.data,
      pagination: found.meta.pagination,
      pathname: url.pathname,
    },
    { api: API, paths }
  );
};

/** The slug in a path segment, or null when its percent-encoding is malformed. */
const decodeSlug = (value) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
};

const SLUG_ROUTE = /^\/(posts|categories|tags|authors)\/([^/]+)$/;

/** A preview page is nobody's to keep: no cache, and its address (with the token) goes nowhere. */
const PREVIEW_HEADERS = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };
const PREVIEW_TOKEN = /^[\w.-]{1,512}$/;

/**
 * `/posts/:slug?document=…&preview=<token>`, the address Strapi's "Open preview" opens: the
 * version the token names (a draft, usually), read with the token, under a "Preview" banner.
 * A refused token shows the API's message and nothing of the post.
 */
const previewRoute = async (res, { url, locale, paths }) => {
  const documentId = url.searchParams.get('document') ?? '';
  const token = url.searchParams.get('preview');
  try {
    // A token is base64url text and a dot; anything else could not even be sent as a header.
    if (!PREVIEW_TOKEN.test(token)) throw new ApiError(401, 'This preview link is not valid.');
    const body = await api(
      `/api/blog/preview/posts/${encodeURIComponent(documentId)}`,
      { locale },
      { 'X-Blog-Preview': token }
    );
    const page = postPage({ post: body.data, comments: [], total: 0 }, API, {
      paths,
      site: SITE,
      defaultLocale: DEFAULT_LOCALE,
      preview: body.meta.preview,
    });
    return send(res, 200, page, undefined, PREVIEW_HEADERS);
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 500;
    return send(
      res,
      status,
      errorPage(status, error.message, API, paths),
      undefined,
      PREVIEW_HEADERS
    );
  }
};

const routes = async (req, res) => {
  const url = new URL(req.url, 'http://site.local');
  if (req.method !== 'GET') return send(res, 405, errorPage(405, 'Only GET here', API));
  if (ASSETS[url.pathname]) {
    const [file, type] = ASSETS[url.pathname];
    return send(res, 200, fs.readFileSync(path.join(HERE, 'public', file)), type);
  }
  const { locale, rest } = splitLocale(url.pathname);
  const paths = pathsFor(locale);
  const context = { url, locale, paths };
  if (rest === '/') {
    const body = await posts(locale, pageNumber(url));
    const list = { posts: body.data, pagination: body.meta.pagination, pathname: url.pathname };
    return send(res, 200, listPage(list, API, paths));
  }
  if (rest === '/categories' || rest === '/tags') {
    const kind = rest === '/tags' ? 'tag' : 'category';
    const body = await api(`/api/blog${rest}`, {
      locale,
      'pagination[pageSize]': TERMS_PAGE_SIZE,
    });
    return send(res, 200, termIndexPage(kind, body.data, { api: API, paths }));
  }
  const match = SLUG_ROUTE.exec(rest);
  if (!match) return send(res, 404, errorPage(404, 'There is no page here.', API, paths));
  const slug = decodeSlug(match[2]);
  if (slug === null) {
    // Malformed percent-encoding (`/posts/%E0%A4%A`): nothing has that address.
    const what = match[1] === 'posts' ? 'post' : 'page';
    return send(
      res,
      400,
      errorPage(400, `This address is not a valid ${what} address.`, API, paths)
    );
  }
  if (match[1] === 'posts' && url.searchParams.has('preview')) return previewRoute(res, context);
  const route = `/${match[1]}/${encodeURIComponent(slug)}`;
  if (match[1] === 'categories') return send(res, 200, await termRoute('category', slug, context));
  if (match[1] === 'tags') return send(res, 200, await termRoute('tag', slug, context));
  if (match[1] === 'authors') {
    const [author, found] = await Promise.all([
      api(`/api/blog${route}`, { locale }),
      posts(locale, pageNumber(url), { 'filters[author][slug][$eq]': slug }),
    ]);
    const page = {
      author: author.data,
      posts: found.data,
      pagination: found.meta.pagination,
      pathname: url.pathname,
    };
    return send(res, 200, authorPage(page, { api: API, paths }));
  }
  const [post, comments] = await Promise.all([
    api(`/api/blog${route}`, { locale }),
    api(`/api/blog${route}/comments`, { locale, 'pagination[pageSize]': 100 }),
  ]);
  return send(
    res,
    200,
    postPage({ post: post.data, comments: comments.data, total: post.data.commentCount }, API, {
      paths,
      site: SITE,
      defaultLocale: DEFAULT_LOCALE,
    })
  );
};

const server = http.createServer((req, res) => {
  routes(req, res).catch((error) => {
    const status = error instanceof ApiError ? error.status : 500;
    send(res, status, errorPage(status, error.message, API));
  });
});

server.listen(PORT, () => {
  SITE ||= `http://localhost:${server.address().port}`;
  // PORT=0 takes a free port: the line says which.
  process.stdout.write(
    `Example site on http://localhost:${server.address().port}, reading ${API}\n`
  );
});

export default server;
