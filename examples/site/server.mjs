/**
 * `npm run example`: a reader's site for the blog, in plain Node (no framework), reading the
 * plugin's public REST API. Start the demo first (`npm run demo`), then open
 * http://localhost:3000. BLOG_API (default http://localhost:1337) is the Strapi app, PORT the
 * site's port. The comment form posts from the reader's browser straight to the API
 * (public/comments.js), so each reader's own address counts for the flood rules.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { errorPage, listPage, postPage } from './render.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const API = (process.env.BLOG_API || 'http://localhost:1337').replace(/(?<!\/)\/+$/, '');
const PORT = Number(process.env.PORT || 3000);
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
const api = async (url) => {
  let res;
  try {
    res = await fetch(`${API}${url}`, { headers: { Accept: 'application/json' } });
  } catch {
    throw new ApiError(502, `The blog server at ${API} does not answer. Is it running?`);
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    throw new ApiError(
      res.status,
      body?.error?.message ?? `The blog server answered ${res.status}`
    );
  }
  return body;
};

const send = (res, status, body, type = 'text/html; charset=utf-8') => {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': `default-src 'self'; connect-src 'self' ${API}; img-src * data:`,
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
};

const routes = async (req, res) => {
  const url = new URL(req.url, 'http://site.local');
  if (req.method !== 'GET') return send(res, 405, errorPage(405, 'Only GET here', API));
  if (ASSETS[url.pathname]) {
    const [file, type] = ASSETS[url.pathname];
    return send(res, 200, fs.readFileSync(path.join(HERE, 'public', file)), type);
  }
  if (url.pathname === '/') {
    const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
    const body = await api(`/api/blog/posts?pagination[page]=${page}&pagination[pageSize]=10`);
    return send(res, 200, listPage({ posts: body.data, pagination: body.meta.pagination }, API));
  }
  const match = /^\/posts\/([^/]+)$/.exec(url.pathname);
  if (match) {
    let decoded;
    try {
      decoded = decodeURIComponent(match[1]);
    } catch {
      // Malformed percent-encoding (`/posts/%E0%A4%A`): no post has that address.
      return send(res, 400, errorPage(400, 'This address is not a valid post address.', API));
    }
    const slug = encodeURIComponent(decoded);
    const [post, comments] = await Promise.all([
      api(`/api/blog/posts/${slug}`),
      api(`/api/blog/posts/${slug}/comments?pagination[pageSize]=100`),
    ]);
    return send(
      res,
      200,
      postPage({ post: post.data, comments: comments.data, total: post.data.commentCount }, API)
    );
  }
  return send(res, 404, errorPage(404, 'There is no page here.', API));
};

const server = http.createServer((req, res) => {
  routes(req, res).catch((error) => {
    const status = error instanceof ApiError ? error.status : 500;
    send(res, status, errorPage(status, error.message, API));
  });
});

server.listen(PORT, () => {
  // PORT=0 takes a free port: the line says which.
  process.stdout.write(
    `Example site on http://localhost:${server.address().port}, reading ${API}\n`
  );
});

export default server;
