import type { Context } from 'koa';

import { renderPage, type Page } from './pages';

/**
 * Answers one of the mail links' pages: HTML, never cached or indexed, the address (with its
 * token) not sent on as a referrer, and no script or outside resource.
 */
export const answerPage = (ctx: Context, page: Page) => {
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Robots-Tag', 'noindex');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"
  );
  ctx.status = page.status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = renderPage(page);
};
