#!/usr/bin/env node
/**
 * `npm test`: every check a change must pass, in order, stopping at the first failure.
 * The plugin build comes first because the API tests boot Strapi on `dist/`.
 */
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const REPORT = path.join(ROOT, 'tests', '.tmp', 'jest-report.json');

const steps = [
  ['build the plugin', 'strapi-plugin', ['build']],
  ['verify the package', 'strapi-plugin', ['verify']],
  ['typecheck the server', 'tsc', ['-p', 'server/tsconfig.json', '--noEmit']],
  ['typecheck the admin', 'tsc', ['-p', 'admin/tsconfig.json', '--noEmit']],
  ['typecheck contracts and tests', 'tsc', ['-p', 'tsconfig.json', '--noEmit']],
  ['lint', 'eslint', ['--max-warnings', '0', '.']],
  ['check formatting', 'prettier', ['--check', '.']],
  ['run the jest suites', 'jest', ['--json', `--outputFile=${REPORT}`, ...process.argv.slice(2)]],
];

const run = (label, bin, args) => {
  process.stdout.write(`\n▶ ${label}: ${bin} ${args.join(' ')}\n`);
  const result = spawnSync(path.join(BIN, bin), args, { cwd: ROOT, stdio: 'inherit' });
  return result.status === 0;
};

fs.mkdirSync(path.dirname(REPORT), { recursive: true });
fs.rmSync(REPORT, { force: true });

for (const [label, bin, args] of steps) {
  if (!run(label, bin, args)) {
    process.stdout.write(`\n✖ npm test failed at: ${label}\n`);
    if (fs.existsSync(REPORT)) summarize();
    process.exit(1);
  }
}
summarize();

function summarize() {
  const report = JSON.parse(fs.readFileSync(REPORT, 'utf8'));
  // A closing line CI can read, whatever the runner.
  process.stdout.write(
    `\njest: ${report.numPassedTests} passed, ${report.numFailedTests} failed` +
      (report.numPendingTests ? `, ${report.numPendingTests} skipped` : '') +
      '\n'
  );
}
