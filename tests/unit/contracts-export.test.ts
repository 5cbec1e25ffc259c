import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const TYPES = path.join(ROOT, 'tests', 'types');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

const compile = (files: string[]) =>
  spawnSync(process.execPath, [TSC, '-p', path.join(TYPES, 'tsconfig.json'), ...files], {
    cwd: TYPES,
    encoding: 'utf8',
  });

/**
 * `strapi-plugin-blog/contracts` as a site imports it (through the package's `exports`, from the
 * built `dist/`): docs/rest-api.md's typed `@strapi/client` calls compile, and the types are real ones.
 */
describe('the contracts a site imports', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'contracts', 'index.d.ts'))) {
      throw new Error('The plugin is not built: run `npm run build` first.');
    }
  });

  it('type-checks a site’s typed reads and writes with @strapi/client', () => {
    const run = compile([]);
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('refuses a private field a public post does not have', () => {
    fs.writeFileSync(
      path.join(TYPES, 'tsconfig.private.json'),
      JSON.stringify({ extends: './tsconfig.json', files: ['private-field.ts'] })
    );
    try {
      const run = spawnSync(
        process.execPath,
        [TSC, '-p', path.join(TYPES, 'tsconfig.private.json')],
        { cwd: TYPES, encoding: 'utf8' }
      );
      expect(run.status).not.toBe(0);
      expect(run.stdout).toMatch(/Property 'authorEmail' does not exist on type 'Post'/);
      expect(run.stdout).toMatch(/Property 'user' does not exist on type 'AuthorRef'/);
    } finally {
      fs.rmSync(path.join(TYPES, 'tsconfig.private.json'), { force: true });
    }
  });

  it('exports the runtime lists too, to CommonJS and ES modules', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cjs = require('strapi-plugin-blog/contracts');
    expect(cjs.COMMENT_STATUSES).toEqual(['pending', 'approved', 'spam', 'rejected', 'trash']);
    expect(cjs.SETTABLE_STATUSES).toEqual(['pending', 'approved', 'spam', 'rejected']);
    expect(fs.existsSync(path.join(ROOT, 'dist', 'contracts', 'index.mjs'))).toBe(true);
  });
});
