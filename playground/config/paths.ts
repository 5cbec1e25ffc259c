import fs from 'fs';
import path from 'path';

/**
 * The playground folder. Config files run compiled from `dist/config` when Strapi starts, but
 * from `config/` itself when the admin build reads them, so it is found by its package.json
 * rather than by counting levels.
 */
const findPlayground = (from: string): string => {
  let dir = from;
  while (dir !== path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'strapi-plugin-blog-playground') return dir;
    }
    dir = path.dirname(dir);
  }
  throw new Error(`The playground's package.json was not found above ${from}`);
};

export const PLAYGROUND_DIR = findPlayground(__dirname);

/** The plugin under development: the repository root, one level above the playground. */
export const PLUGIN_DIR = path.resolve(PLAYGROUND_DIR, '..');
