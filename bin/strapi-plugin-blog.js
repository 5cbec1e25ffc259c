#!/usr/bin/env node
'use strict';
/**
 * `npx strapi-plugin-blog import <file> [--dry-run] [--no-lessons] [--format wxr|blogger] [--uploads <dir>]`
 *
 * Run from a Strapi project's folder (JavaScript or TypeScript) where the plugin is installed:
 * loads that app, imports a WordPress (WXR) or Blogger export through the plugin's importer, and
 * prints a report. The file is checked whole before anything is written. Images go into the
 * Media Library, read from `--uploads <dir>` (a copy of the site's wp-content/uploads) when they
 * are there, else over HTTP.
 */
const fs = require('fs');
const path = require('path');

const USAGE = `Usage: npx strapi-plugin-blog import <file> [--dry-run] [--no-lessons] [--format wxr|blogger] [--uploads <dir>]

  --dry-run     read the file and report what would be created, updated or left unchanged; write nothing
  --no-lessons  keep an announced numbered list in the post's body (no lessons)
  --format      wxr (WordPress) or blogger; by default read from the file
  --uploads     a copy of the site's uploads folder (wp-content/uploads): images are read
                from it first, by the part of their URL after wp-content/uploads/`;

const fail = (message) => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};

const parseArgs = (argv) => {
  const [command, ...rest] = argv;
  if (command !== 'import') fail(USAGE);
  const options = { file: null, dryRun: false, lessons: true, format: null, uploads: null };
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i];
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--no-lessons') options.lessons = false;
    else if (arg === '--format') options.format = rest[(i += 1)];
    else if (arg === '--uploads') options.uploads = rest[(i += 1)] ?? fail(USAGE);
    else if (arg === '--help' || arg === '-h') fail(USAGE);
    else if (arg.startsWith('-')) fail(`Unknown option ${arg}\n\n${USAGE}`);
    else if (!options.file) options.file = arg;
    else fail(`One file at a time\n\n${USAGE}`);
  }
  if (!options.file) fail(USAGE);
  if (options.format && !['wxr', 'blogger'].includes(options.format)) {
    fail(`--format is wxr or blogger, not ${options.format}`);
  }
  return options;
};

const BAR_WIDTH = 30;

/** A progress bar on a terminal, a plain line every two seconds otherwise. */
const progressPrinter = () => {
  const tty = process.stdout.isTTY;
  let lastLine = 0;
  let pending = null;
  const lineOf = ({ phase, posts, comments, totalPosts, totalComments }) => {
    if (phase === 'checking') {
      return `Checking the file: ${totalPosts} posts, ${totalComments} comments so far`;
    }
    const total = totalPosts + totalComments;
    const share = total ? (posts + comments) / total : 1;
    const filled = Math.round(share * BAR_WIDTH);
    const bar = tty ? `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ` : '';
    return `${bar}${Math.floor(share * 100)}%  ${posts}/${totalPosts} posts, ${comments}/${totalComments} comments`;
  };
  return {
    update(progress) {
      const line = lineOf(progress);
      if (tty) {
        process.stdout.write(`\r\x1b[K  ${line}`);
      } else if (Date.now() - lastLine > 2000) {
        lastLine = Date.now();
        pending = null;
        process.stdout.write(`  ${line}\n`);
      } else {
        pending = line;
      }
    },
    /** Clears the bar on a terminal; elsewhere, prints the last line if it was held back. */
    done() {
      if (tty) process.stdout.write('\r\x1b[K');
      else if (pending) process.stdout.write(`  ${pending}\n`);
      pending = null;
    },
  };
};

const printReport = (report) => {
  const lines = [
    `${report.dryRun ? 'Dry run (nothing written)' : 'Imported'} from ${report.format === 'wxr' ? 'WordPress' : 'Blogger'}:`,
  ];
  for (const type of ['posts', 'comments', 'categories', 'tags', 'authors']) {
    const t = report[type];
    if (!t) continue;
    lines.push(
      `  ${type}: ${t.created} ${report.dryRun ? 'to create' : 'created'}, ${t.updated} ${report.dryRun ? 'to update' : 'updated'}, ${t.unchanged === undefined ? '' : `${t.unchanged} unchanged, `}${t.skipped.length} skipped`
    );
    for (const s of t.skipped) lines.push(`    skipped ${s.sourceId}: ${s.reason}`);
  }
  for (const held of report.heldBack ?? []) {
    lines.push(`  held back as a draft: “${held.title}” (${held.sourceId}): ${held.reason}`);
  }
  for (const item of report.scheduled ?? []) {
    lines.push(
      `  ${report.dryRun ? 'would be scheduled' : 'scheduled'} to publish: “${item.title}” (${item.sourceId}) at ${item.at}`
    );
  }
  const media = report.media;
  if (media) {
    lines.push(
      `  images: ${media.created} ${report.dryRun ? 'to read' : 'added to the Media Library'}, ${media.reused} already there, ${media.unreadableTotal} unreadable (left as links)`
    );
    for (const url of media.toFetch) lines.push(`    would read ${url}`);
    for (const u of media.unreadable) lines.push(`    unreadable ${u.url}: ${u.reason}`);
  }
  const left = Object.entries(report.notImported);
  if (left.length) {
    lines.push('  not imported:');
    for (const [type, { count, examples }] of left) {
      lines.push(`    ${count} ${type}${examples.length ? ` (${examples.join(', ')})` : ''}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
};

const main = async () => {
  const options = parseArgs(process.argv.slice(2));
  const file = path.resolve(options.file);
  if (!fs.existsSync(file)) fail(`No such file: ${options.file}`);
  let uploadsDir = null;
  if (options.uploads) {
    try {
      uploadsDir = fs.realpathSync(path.resolve(options.uploads));
    } catch {
      fail(`No such folder: ${options.uploads}`);
    }
    if (!fs.statSync(uploadsDir).isDirectory()) fail(`Not a folder: ${options.uploads}`);
  }

  const appDir = process.cwd();
  let strapiModule;
  try {
    strapiModule = require(require.resolve('@strapi/strapi', { paths: [appDir] }));
  } catch {
    fail('Run this from a Strapi project folder: @strapi/strapi is not installed here');
  }
  process.env.STRAPI_LOG_LEVEL = process.env.STRAPI_LOG_LEVEL ?? 'error';
  const { createStrapi, compileStrapi } = strapiModule;
  const context = await compileStrapi({ appDir });
  const strapi = createStrapi({ ...context, autoReload: false, serveAdminPanel: false });
  await strapi.load();
  const importer = strapi.plugin('blog')?.service('importer');
  if (!importer) {
    await strapi.destroy();
    fail('The blog plugin is not enabled in this project (config/plugins)');
  }
  const progress = progressPrinter();
  try {
    const report = await importer.run(() => fs.createReadStream(file), {
      format: options.format ?? undefined,
      dryRun: options.dryRun,
      lessons: options.lessons,
      uploadsDir,
      onProgress: progress.update,
    });
    progress.done();
    printReport(report);
  } catch (error) {
    progress.done();
    await strapi.destroy();
    fail(error.name === 'ValidationError' ? error.message : (error.stack ?? String(error)));
  }
  await strapi.destroy();
  process.exit(0);
};

main().catch((error) => fail(error.stack ?? String(error)));
