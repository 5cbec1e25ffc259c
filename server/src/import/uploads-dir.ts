import fs from 'fs';
import path from 'path';

import { errors } from '@strapi/utils';

/**
 * The uploads folder an admin names in the Import view: a folder on the server, so it must not
 * let an admin read any file the server can. It is taken only under one of the folders listed in
 * the plugin's `import.uploadsRoots` (none by default: the option is then refused), as an
 * absolute path without `.` or `..` segments, and its real path (symbolic links resolved) must
 * still be under a root's real path. The command line takes any folder: whoever runs it reads the
 * server's files anyway. Either way, each image's own path is checked again when it is read.
 */

const refuse = (message: string) => new errors.ValidationError(message, { key: 'uploads' });

const realDirectory = async (dir: string) => {
  try {
    const real = await fs.promises.realpath(dir);
    return (await fs.promises.stat(real)).isDirectory() ? real : null;
  } catch {
    return null;
  }
};

const isUnder = (child: string, parent: string) =>
  child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);

/** The real path of an admin's uploads folder, checked against `roots` (see above). */
export const resolveUploadsDirUnder = async (dir: string, roots: string[]): Promise<string> => {
  if (!roots.length) {
    throw refuse(
      'The uploads folder option is off on this server: list the folders it may read in the blog plugin’s import.uploadsRoots'
    );
  }
  if (!path.isAbsolute(dir) || dir.split(/[\\/]/).some((part) => part === '..' || part === '.')) {
    throw refuse('The uploads folder must be an absolute path without "." or ".." in it');
  }
  const real = await realDirectory(dir);
  if (!real) throw refuse('The uploads folder is not a folder on the server');
  for (const root of roots) {
    const realRoot = await realDirectory(path.resolve(root));
    if (realRoot && isUnder(real, realRoot)) return real;
  }
  throw refuse('The uploads folder is not under one of the folders of import.uploadsRoots');
};

/** The real path of the command line's uploads folder. */
export const resolveUploadsDir = async (dir: string): Promise<string> => {
  const real = await realDirectory(path.resolve(dir));
  if (!real) throw refuse(`The uploads folder ${dir} is not a folder`);
  return real;
};
