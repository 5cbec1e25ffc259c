import { createHash, randomUUID } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

import type { Core, UID } from '@strapi/strapi';

import type { ImportMediaReport } from '../../../contracts/imports';
import { IMPORT_MEDIA_UID, type ImportMediaRow } from '../models/import-media';

import type { BlocksImageFile } from './html-to-blocks';
import { MediaUnreadable, readImage, type MediaReadOptions } from './media-read';

/**
 * The images of an import in Strapi's Media Library: each image URL is read once (from the
 * uploads folder or over HTTP, see media-read.ts), uploaded through Strapi's upload service, and
 * remembered in `blog_import_media` by its URL, so a re-run (or another post with the same image)
 * reuses the file. What cannot be read is listed once with why, and stays a link in its post. At
 * most `limits.import.mediaFiles` files are read per import. A dry run reads nothing: it lists
 * what an import would read.
 */

const FILE_UID = 'plugin::upload.file';
const MAX_UNREADABLE_LISTED = 500;
const MAX_TO_FETCH_LISTED = 100;
/** A URL longer than this is not an image's. */
const MAX_URL = 2048;

export interface MediaLibraryOptions extends MediaReadOptions {
  dryRun: boolean;
  maxFiles: number;
}

/** A Media Library file, as an import uses it. */
export interface LibraryFile extends BlocksImageFile {
  id: number;
}

export const emptyMediaReport = (): ImportMediaReport => ({
  created: 0,
  reused: 0,
  unreadable: [],
  unreadableTotal: 0,
  toFetch: [],
});

const keyOf = (url: string) => createHash('sha256').update(url).digest('hex');

const FILE_FIELDS = [
  'id',
  'name',
  'alternativeText',
  'url',
  'caption',
  'width',
  'height',
  'formats',
  'hash',
  'ext',
  'mime',
  'size',
  'previewUrl',
  'provider',
  'provider_metadata',
  'createdAt',
  'updatedAt',
] as const;

const toLibraryFile = (row: Record<string, unknown>): LibraryFile => {
  const file = Object.fromEntries(FILE_FIELDS.map((field) => [field, row[field] ?? null]));
  for (const field of ['createdAt', 'updatedAt'] as const) {
    if (file[field] instanceof Date) file[field] = (file[field] as Date).toISOString();
  }
  return file as unknown as LibraryFile;
};

export const createMediaLibrary = (
  strapi: Core.Strapi,
  options: MediaLibraryOptions,
  report: ImportMediaReport
) => {
  /** This run's answers by URL: a file, or null when it could not be read. */
  const seen = new Map<string, LibraryFile | null>();
  let reads = 0;

  const unreadable = (url: string, reason: string) => {
    seen.set(url, null);
    report.unreadableTotal += 1;
    if (report.unreadable.length < MAX_UNREADABLE_LISTED) {
      report.unreadable.push({ url: url.slice(0, MAX_URL), reason });
    }
    return null;
  };

  /** The file an earlier run made of this URL, if it is still in the library. */
  const remembered = async (key: string): Promise<LibraryFile | null> => {
    const row = (await strapi.db
      .query(IMPORT_MEDIA_UID as UID.Schema)
      .findOne({ where: { sourceKey: key }, select: ['fileId'] })) as Pick<
      ImportMediaRow,
      'fileId'
    > | null;
    if (!row) return null;
    const file = (await strapi.db
      .query(FILE_UID as UID.Schema)
      .findOne({ where: { id: row.fileId }, select: [...FILE_FIELDS] })) as Record<
      string,
      unknown
    > | null;
    return file ? toLibraryFile(file) : null;
  };

  const remember = async (key: string, url: string, fileId: number) => {
    const table = strapi.db.query(IMPORT_MEDIA_UID as UID.Schema);
    const row = (await table.findOne({
      where: { sourceKey: key },
      select: ['id'],
    })) as Pick<ImportMediaRow, 'id'> | null;
    if (row) await table.update({ where: { id: row.id }, data: { fileId } });
    else await table.create({ data: { sourceKey: key, sourceUrl: url, fileId } });
  };

  const upload = async (url: string, alt: string): Promise<LibraryFile> => {
    const image = await readImage(url, options);
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'strapi-blog-media-'));
    const filepath = path.join(dir, `${randomUUID()}${image.ext}`);
    try {
      await fs.promises.writeFile(filepath, image.bytes);
      const [file] = (await strapi
        .plugin('upload')
        .service('upload')
        .upload({
          data: { fileInfo: { name: image.name, alternativeText: alt || null } },
          files: {
            filepath,
            originalFilename: image.name,
            mimetype: image.mime,
            size: image.bytes.length,
          },
        })) as Array<Record<string, unknown>>;
      return toLibraryFile(file);
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  };

  /** The library file of an image URL: reused, read and uploaded, or null (listed in the report). */
  const fileFor = async (url: string, alt: string): Promise<LibraryFile | null> => {
    if (seen.has(url)) return seen.get(url)!;
    if (url.length > MAX_URL) return unreadable(url, `its URL is over ${MAX_URL} characters`);
    const key = keyOf(url);
    const existing = await remembered(key);
    if (existing) {
      report.reused += 1;
      seen.set(url, existing);
      return existing;
    }
    if (reads >= options.maxFiles) {
      return unreadable(
        url,
        `over limits.import.mediaFiles (${options.maxFiles} files per import)`
      );
    }
    reads += 1;
    if (options.dryRun) {
      report.created += 1;
      if (report.toFetch.length < MAX_TO_FETCH_LISTED) report.toFetch.push(url);
      seen.set(url, null);
      return null;
    }
    try {
      const file = await upload(url, alt);
      await remember(key, url, file.id);
      report.created += 1;
      seen.set(url, file);
      return file;
    } catch (error) {
      if (error instanceof MediaUnreadable) return unreadable(url, error.message);
      const message = error instanceof Error ? error.message : String(error);
      return unreadable(url, `the Media Library refused it (${message.slice(0, 200)})`);
    }
  };

  return {
    /**
     * The library files of a post's cover and body images, by URL (a URL that could not be read
     * is absent).
     */
    async filesOf(coverUrl: string | null, images: Array<{ src: string; alt: string }>) {
      const files = new Map<string, LibraryFile>();
      for (const { src, alt } of [...(coverUrl ? [{ src: coverUrl, alt: '' }] : []), ...images]) {
        const file = await fileFor(src, alt);
        if (file) files.set(src, file);
      }
      return files;
    },
  };
};

export type MediaLibrary = ReturnType<typeof createMediaLibrary>;
