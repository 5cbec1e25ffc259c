import fs from 'fs';

import type { Context, Next } from 'koa';

/** The admin route that takes uploads (an export to import). */
export const IMPORTS_PATH = '/blog/imports';

type Upload = { filepath?: string };

/**
 * Removes what was uploaded to the import route once the request has ended, whatever its
 * outcome. Strapi's body parser removes only a `files` part, and only when the route answered
 * without throwing: a refused permission or a bad field would otherwise leave the upload in the
 * temporary folder. A started import has moved its file away by then.
 */
export const removeUploads = async (ctx: Context, next: Next) => {
  try {
    await next();
  } finally {
    if (ctx.method === 'POST' && ctx.path === IMPORTS_PATH) {
      const files = (ctx.request as { files?: Record<string, Upload | Upload[]> }).files;
      await Promise.all(
        Object.values(files ?? {})
          .flat()
          .filter((file) => typeof file?.filepath === 'string')
          .map((file) => fs.promises.rm(file.filepath!, { force: true }).catch(() => undefined))
      );
    }
  }
};
