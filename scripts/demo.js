#!/usr/bin/env node
/**
 * `npm run demo`: builds what is missing or stale (the plugin, the playground's admin panel),
 * then starts the playground on SQLite with the seed post, and prints where to look.
 *
 *   PORT               port to listen on (1337)
 *   DATABASE_FILENAME  SQLite file, relative to playground/ (.tmp/data.db)
 *   DEMO_ADMIN_EMAIL / DEMO_ADMIN_PASSWORD   the demo admin (admin@example.com / Demo-admin-1)
 *   SMTP_HOST / SMTP_PORT   your own mail server (playground/config/plugins.ts); unset, the demo
 *                      catches its mail itself (scripts/mail-catcher.js) and shows it in a web inbox:
 *   DEMO_MAIL_PORT     the inbox's web port (8025)
 *   DEMO_SMTP_PORT     the catcher's SMTP port on 127.0.0.1 (2525)
 *   BLOG_MODERATOR_EMAILS   who gets the held-comment mail (the demo admin)
 */
'use strict';

const { spawn, spawnSync } = require('child_process');
const { createHash } = require('crypto');
const fs = require('fs');
const path = require('path');

const { startMailCatcher } = require('./mail-catcher');

const ROOT = path.resolve(__dirname, '..');
const PLAYGROUND = path.join(ROOT, 'playground');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const ADMIN_INDEX = path.join(PLAYGROUND, 'dist', 'build', 'index.html');
const ADMIN_STAMP = path.join(PLAYGROUND, 'dist', 'build', '.built-from');

const port = Number(process.env.PORT || 1337);
const admin = {
  email: process.env.DEMO_ADMIN_EMAIL || 'admin@example.com',
  password: process.env.DEMO_ADMIN_PASSWORD || 'Demo-admin-1',
};
const siteUrl = process.env.SITE_URL || 'http://localhost:3000';
const env = {
  ...process.env,
  PORT: String(port),
  STRAPI_TELEMETRY_DISABLED: 'true',
  NODE_ENV: process.env.NODE_ENV || 'development',
  // The demo admin moderates: a held comment mails them its one-click Approve / Spam / Reject.
  BLOG_MODERATOR_EMAILS: process.env.BLOG_MODERATOR_EMAILS ?? admin.email,
  // The mails link to the post's page in the example site (`npm run example`).
  BLOG_POST_URL:
    process.env.BLOG_POST_URL ?? `${siteUrl.replace(/(?<!\/)\/+$/, '')}/{locale}/posts/{slug}`,
};

const step = (label, bin, args, cwd = ROOT) => {
  process.stdout.write(`\n▶ ${label}\n`);
  const result = spawnSync(path.join(BIN, bin), args, { cwd, stdio: 'inherit', env });
  if (result.status !== 0) {
    process.stderr.write(`\n✖ ${label} failed\n`);
    process.exit(result.status ?? 1);
  }
};

/** A digest of the given files and folders: what the admin panel is built from. */
const digest = (dirs) => {
  const hash = createHash('sha256');
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    if (fs.statSync(dir).isFile()) {
      hash.update(path.relative(ROOT, dir)).update(fs.readFileSync(dir));
      return;
    }
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(path.relative(ROOT, full)).update(fs.readFileSync(full));
    }
  };
  dirs.forEach(walk);
  return hash.digest('hex');
};

// The plugin build takes about 20 seconds: redo it only when its sources or its dist/ changed
// since the demo last built it. Two demos started together (the e2e suites in CI) then find it
// built and leave dist/ alone, instead of writing it at the same time.
const PLUGIN_STAMP = path.join(PLAYGROUND, '.tmp', 'plugin-built-from');
const pluginInputs = () =>
  digest(
    ['server', 'admin', 'contracts', 'dist', 'package.json', 'package-lock.json'].map((name) =>
      path.join(ROOT, name)
    )
  );
const pluginBuiltFrom = fs.existsSync(PLUGIN_STAMP) ? fs.readFileSync(PLUGIN_STAMP, 'utf8') : '';
if (
  !fs.existsSync(path.join(ROOT, 'dist', 'server', 'index.js')) ||
  pluginBuiltFrom !== pluginInputs()
) {
  step('Building the plugin', 'strapi-plugin', ['build']);
  fs.mkdirSync(path.dirname(PLUGIN_STAMP), { recursive: true });
  fs.writeFileSync(PLUGIN_STAMP, pluginInputs());
} else {
  process.stdout.write('\n▶ The plugin is up to date\n');
}

// The admin build takes about a minute: redo it only when what it bundles has changed.
const adminInputs = digest([
  path.join(ROOT, 'dist', 'admin'),
  path.join(PLAYGROUND, 'src', 'admin'),
  // Which plugins the admin bundles comes from the app's config.
  path.join(PLAYGROUND, 'config'),
  path.join(ROOT, 'package-lock.json'),
]);
const builtFrom = fs.existsSync(ADMIN_STAMP) ? fs.readFileSync(ADMIN_STAMP, 'utf8') : '';
if (!fs.existsSync(ADMIN_INDEX) || builtFrom !== adminInputs) {
  step('Building the admin panel (about a minute)', 'strapi', ['build'], PLAYGROUND);
  fs.writeFileSync(ADMIN_STAMP, adminInputs);
} else {
  process.stdout.write('\n▶ The admin panel is up to date\n');
  step('Compiling the playground', 'tsc', ['-p', 'tsconfig.json'], PLAYGROUND);
}

/** Without a mail server of the user's, the demo's own catcher and its inbox. */
const startCatcher = async () => {
  if (process.env.SMTP_HOST) return null;
  const smtpPort = Number(process.env.DEMO_SMTP_PORT || 2525);
  const httpPort = Number(process.env.DEMO_MAIL_PORT || 8025);
  process.stdout.write(`\n▶ Starting the demo inbox (SMTP on 127.0.0.1:${smtpPort})\n`);
  try {
    const catcher = await startMailCatcher({ smtpPort, httpPort });
    Object.assign(env, {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(catcher.smtpPort),
      SMTP_IGNORE_TLS: 'true',
    });
    return catcher;
  } catch (error) {
    process.stderr.write(
      `\n✖ The demo inbox could not listen (${error.message}): set DEMO_SMTP_PORT / DEMO_MAIL_PORT ` +
        'to free ports, or SMTP_HOST / SMTP_PORT to use your own mail server\n'
    );
    process.exit(1);
  }
};

const main = async () => {
  const catcher = await startCatcher();

  process.stdout.write('\n▶ Starting the playground\n');
  const server = spawn(path.join(BIN, 'strapi'), ['start'], {
    cwd: PLAYGROUND,
    stdio: 'inherit',
    env,
  });

  const stop = (signal) => {
    if (!server.killed) server.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  server.on('exit', (code) => process.exit(code ?? 0));

  const mailLines = catcher
    ? [
        ` Mail inbox    ${catcher.url}  (every mail the demo sends: confirmations,`,
        `               replies, the held-comment mail to ${env.BLOG_MODERATOR_EMAILS})`,
      ]
    : [` Mail          sent through ${process.env.SMTP_HOST}:${process.env.SMTP_PORT || ''}`];
  await announce(mailLines);
};

const base = `http://localhost:${port}`;
const announce = async (mailLines) => {
  for (let attempt = 0; attempt < 240; attempt += 1) {
    try {
      const res = await fetch(`${base}/_health`);
      if (res.ok) {
        process.stdout.write(
          [
            '',
            '────────────────────────────────────────────────────────────',
            ' strapi-plugin-blog demo is running',
            '',
            ` Admin panel   ${base}/admin`,
            ` Demo admin    ${admin.email} / ${admin.password}`,
            '',
            ` Posts         ${base}/api/blog/posts`,
            ` Seed post     ${base}/api/blog/posts/networking-biggest-mistake`,
            ` Its comments  ${base}/api/blog/posts/networking-biggest-mistake/comments`,
            '',
            ...mailLines,
            '',
            ` Open preview  on a post's edit view shows it in the example site,`,
            `               ${siteUrl} (npm run example)`,
            '',
            ' Stop with Ctrl+C',
            '────────────────────────────────────────────────────────────',
            '',
          ].join('\n')
        );
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  process.stderr.write(`The server did not answer on ${base}/_health within two minutes.\n`);
};
main();
