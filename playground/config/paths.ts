import path from 'path';

/**
 * The playground folder. Config files run compiled from `dist/config`, so it is two levels up;
 * paths from the environment are resolved against it (absolute ones stay as they are).
 */
export const PLAYGROUND_DIR = path.resolve(__dirname, '..', '..');

/** The plugin under development: the repository root, one level above the playground. */
export const PLUGIN_DIR = path.resolve(PLAYGROUND_DIR, '..');
