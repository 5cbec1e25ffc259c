import fs from 'fs';

import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

import { createAreaOf } from './plugin-paths';

type Upload = { filepath?: unknown };

/** The temporary files of a multipart body as the body parser sets them on the request. */
const filesOf = (files: unknown): string[] =>
  files && typeof files === 'object'
    ? (Object.values(files) as Array<Upload | Upload[]>)
        .flat()
        .map((file) => file?.filepath)
        .filter((filepath): filepath is string => typeof filepath === 'string')
    : [];

/**
 * Removes every temporary file a request to one of the plugin's routes (`/api/blog/...`,
 * `/blog/...`) produced, once it has ended, whatever the parts' names and the outcome. Strapi's
 * body parser removes only a part named `files`, only when the route answered without throwing,
 * and without waiting; a part under any other name, or a refused request, would otherwise leave
 * its upload in the temporary folder. Every value the body parser gives `request.files` is
 * recorded, since it deletes the property after its own cleanup. A started import has moved its
 * file away by then.
 */
export const createRemoveUploads = (strapi: Core.Strapi) => {
  const areaOf = createAreaOf(strapi);
  return async (ctx: Context, next: Next) => {
    if (!areaOf(ctx.path)) return next();
    const uploads = new Set<string>();
    let files: unknown;
    Object.defineProperty(ctx.request, 'files', {
      configurable: true,
      enumerable: true,
      get: () => files,
      set: (value: unknown) => {
        files = value;
        for (const filepath of filesOf(value)) uploads.add(filepath);
      },
    });
    try {
      await next();
    } finally {
      await Promise.all(
        [...uploads].map((filepath) =>
          fs.promises.rm(filepath, { force: true }).catch(() => undefined)
        )
      );
    }
  };
};
