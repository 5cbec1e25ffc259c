import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The wall's rule messages (and any parse error) ESLint gives each code as a file at its path (relative to the
 * project). ESLint loads eslint.config.mjs with a dynamic import, which jest's module sandbox
 * refuses: it runs in a child Node process, once for every snippet.
 */
const lintAll = (snippets: Array<{ file: string; code: string }>): string[][] => {
  const script = `
    const { ESLint } = require('eslint');
    const path = require('node:path');
    const snippets = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const { file, code } of snippets) {
        const [result] = await eslint.lintText(code, { filePath: path.join(process.cwd(), file) });
        out.push(result.messages
          .filter((m) => m.fatal || m.ruleId === 'no-restricted-syntax' || m.ruleId === 'no-restricted-imports')
          .map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], {
      cwd: ROOT,
      input: JSON.stringify(snippets),
      encoding: 'utf8',
    })
  );
};

/**
 * Strapi's undocumented shapes are read in server/src/db/ only: the lint configuration refuses
 * them anywhere else under server/src (tests/api/strapi-internals.test.ts checks the shapes).
 */
describe('the wall around Strapi internals (eslint.config.mjs)', () => {
  const outside = 'server/src/repositories/example.ts';
  const refused: Array<[string, string]> = [
    ['metadata', 'export const t = (s: any) => s.db.metadata.get("x").tableName;\n'],
    ['a join table', 'export const t = (a: any) => a.joinTable.name;\n'],
    ['an order column', 'export const t = (j: any) => j.orderColumnName;\n'],
    ['a morph column', 'export const t = (j: any) => j.morphColumn;\n'],
    ['the pool', 'export const t = (s: any) => s.db.connection.client.pool.numUsed();\n'],
    ['the component registry', "export const t = (s: any) => s.get('components');\n"],
    ['the model registry', "export const t = (s: any) => s.get('models').add({});\n"],
    [
      'the admin permission services',
      "export const t = (s: any) => s.service('admin::content-type').getPermissionsWithNestedFields([]);\n",
    ],
    [
      'an admin user’s ability',
      "export const t = (s: any) => s.service('admin::permission').engine.generateUserAbility({});\n",
    ],
    ['the Content Manager', "export const t = (s: any) => s.plugin('content-manager');\n"],
    [
      "Strapi's preview config",
      "export const t = (s: any) => s.config.set('admin.preview', { enabled: true });\n",
    ],
    ['the CSP of the admin', "export const t = (s: any) => s.config.set('middlewares', []);\n"],
    ['a CASL subject', "export const t = (e: any) => ({ ...e, __caslSubjectType__: 'x' });\n"],
    ['a private path', "export { default } from '@strapi/core/dist/loaders/components';\n"],
  ];
  const insideDb = 'export const t = (s: any) => s.db.metadata.get("x").joinTable.name;\n';
  const publicApi =
    "export const t = (s: any) => [s.db.query('x').findMany({}), s.plugin('i18n')];\n";
  let results: string[][] = [];

  beforeAll(() => {
    results = lintAll([
      ...refused.map(([, code]) => ({ file: outside, code })),
      { file: 'server/src/db/example.ts', code: insideDb },
      { file: outside, code: publicApi },
    ]);
  });

  it.each(refused.map(([what], index) => [what, index] as const))(
    'refuses %s outside server/src/db/',
    (_what, index) => {
      expect(results[index]).not.toEqual([]);
    }
  );

  it('allows them in server/src/db/', () => {
    expect(results[refused.length]).toEqual([]);
  });

  it('allows the public query engine and other plugins', () => {
    expect(results[refused.length + 1]).toEqual([]);
  });
});
