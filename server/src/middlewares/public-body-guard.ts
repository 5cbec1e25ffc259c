import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

import { getPluginConfig } from '../utils/plugin-config';

import { answerError } from './error-response';
import { createAreaOf } from './plugin-paths';

/**
 * Checks the body of a request to the public routes (`/api/blog/...`) before anything reads it.
 * Registered with `strapi.server.use`, it runs ahead of Strapi's configured middlewares
 * (`strapi::errors`, `strapi::body`), so it writes Strapi's error shape itself:
 * - a body that is not JSON (multipart, urlencoded, text …) answers 415: no upload is ever
 *   written to the temporary folder by a public route;
 * - a body without a Content-Length (chunked) answers 411, so the size is known first;
 * - a Content-Length over `limits.bodyBytes` answers 413.
 * Node's HTTP server reads no more than the Content-Length, so a body cannot outgrow it.
 */

/** A request carries a body when it says so: a non-zero Content-Length, or chunked. */
const hasBody = (ctx: Context) => {
  const length = ctx.get('Content-Length');
  return ctx.get('Transfer-Encoding') !== '' || (length !== '' && length !== '0');
};

/**
 * The links of the plugin's mail are posted as HTML forms or by a mail client's one-click
 * unsubscribe (RFC 8058: `List-Unsubscribe=One-Click`, form-encoded): a form body, small, whose
 * content the routes never read (the signed token is in the address).
 */
const MAIL_FORM_PATH = /\/blog\/(?:subscriptions\/unsubscribe|moderation-links)\/?$/i;
const MAIL_FORM_BYTES = 1024;
const isMailForm = (ctx: Context) =>
  ctx.method === 'POST' &&
  MAIL_FORM_PATH.test(ctx.path) &&
  Boolean(ctx.request.is('urlencoded')) &&
  /^\d+$/.test(ctx.get('Content-Length')) &&
  Number(ctx.get('Content-Length')) <= MAIL_FORM_BYTES;

export const createPublicBodyGuard = (strapi: Core.Strapi) => {
  const areaOf = createAreaOf(strapi);
  return async (ctx: Context, next: Next) => {
    if (areaOf(ctx.path) !== 'public' || !hasBody(ctx)) return next();
    if (isMailForm(ctx)) return next();
    if (!ctx.request.is('application/json', '+json')) {
      return answerError(
        ctx,
        415,
        'UnsupportedMediaTypeError',
        'The blog API takes JSON bodies only: send Content-Type: application/json'
      );
    }
    const length = ctx.get('Content-Length');
    if (!/^\d+$/.test(length)) {
      return answerError(
        ctx,
        411,
        'LengthRequiredError',
        'Send the body with a Content-Length (a chunked body is refused)'
      );
    }
    const max = getPluginConfig(strapi).limits.bodyBytes;
    if (Number(length) > max) {
      return answerError(
        ctx,
        413,
        'PayloadTooLargeError',
        `The body is ${length} bytes, over the limit of ${max} bytes (limits.bodyBytes)`,
        { limit: 'bodyBytes', max }
      );
    }
    return next();
  };
};
