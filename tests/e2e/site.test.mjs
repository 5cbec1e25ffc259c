/**
 * The example reader's site (`npm run example`, examples/site/) in Debian's Chromium, against the
 * running demo: read the seed post and its lessons, send a comment, see it held, approve it
 * through the admin API, see it in the thread. Screenshots go to docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { ROOT, startDemo } from '../helpers/demo-server.mjs';
import { SEED_LESSONS } from '../helpers/seed-lessons.mjs';

const PORT = Number(process.env.E2E_SITE_API_PORT || 1399);
const SITE_PORT = Number(process.env.E2E_SITE_PORT || 3399);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const ADMIN = { email: 'admin@example.com', password: 'Demo-admin-1' };

let demo;
let site;
let browser;
const siteUrl = `http://127.0.0.1:${SITE_PORT}`;

const startSite = (api, port) =>
  new Promise((resolve, reject) => {
    // As the README says: `npm run example`, with the demo's address.
    const child = spawn('npm', ['run', 'example'], {
      cwd: ROOT,
      env: { ...process.env, BLOG_API: api, PORT: String(port) },
      detached: true,
    });
    child.stop = () => {
      if (child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    };
    let output = '';
    const timer = setTimeout(() => reject(new Error(`site did not start:\n${output}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Example site on')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`site exited with ${code}:\n${output}`)));
  });

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  demo = await startDemo({ port: PORT, name: 'e2e-site' });
  site = await startSite(demo.base, SITE_PORT);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
});

after(async () => {
  await browser?.close();
  site?.stop();
  demo?.stop();
});

test('a reader reads the seed post, comments, and sees the comment once approved', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  page.setDefaultTimeout(30_000);
  const xss = [];
  page.on('dialog', (dialog) => {
    xss.push(dialog.message());
    return dialog.dismiss();
  });

  await page.goto(siteUrl);
  await page.getByRole('link', { name: 'Networking biggest mistake?' }).click();
  await page.waitForURL(/\/posts\/networking-biggest-mistake$/);
  assert.equal(await page.locator('h1').innerText(), 'Networking biggest mistake?');
  assert.match(await page.locator('.body').innerText(), /What is networking biggest mistake\?/);
  assert.equal(
    await page.locator('#lessons-heading').innerText(),
    'Chicken Soup for your Soul Lessons in Life'
  );
  assert.deepEqual(await page.locator('.lessons li').allInnerTexts(), SEED_LESSONS);
  assert.equal(await page.getByTestId('comment').count(), 1);
  await page.screenshot({ path: path.join(SHOTS, 'site-post.png'), fullPage: true });

  // The server's refusal is shown as it is.
  const form = page.locator('#comment-form');
  await form.getByLabel('Name').fill('Olivia & "Co"');
  await form.getByLabel('Email (never shown)').fill('not-an-email');
  await form.getByLabel('Comment').fill('Networking is gardening.');
  await form.getByRole('button', { name: 'Send' }).click();
  await page.locator('#form-error').getByText(/email/i).first().waitFor();

  await form.getByLabel('Email (never shown)').fill('olivia@example.com');
  await form.getByRole('button', { name: 'Send' }).click();
  await page.getByText('Thank you: your comment is awaiting moderation.').waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'site-comment-held.png') });
  await page.reload();
  assert.equal(await page.getByTestId('comment').count(), 1);

  // An editor approves it (the admin API, as the Moderation view does).
  const login = await fetch(`${demo.base}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  }).then((res) => res.json());
  const auth = { Authorization: `Bearer ${login.data.token}` };
  const queue = await fetch(`${demo.base}/blog/comments?status=pending&q=olivia`, {
    headers: auth,
  }).then((res) => res.json());
  assert.equal(queue.data.length, 1);
  const approved = await fetch(`${demo.base}/blog/comments/${queue.data[0].documentId}`, {
    method: 'PATCH',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 'approved' }),
  });
  assert.equal(approved.status, 200);

  await page.reload();
  await page.getByText('Networking is gardening.').waitFor();
  assert.equal(await page.getByTestId('comment').count(), 2);
  assert.match(await page.locator('.comments h2').innerText(), /^2 comments$/);
  assert.ok(
    (await page.locator('.comment .author').allInnerTexts()).some((t) =>
      t.startsWith('Olivia & "Co"')
    )
  );
  await page.locator('#comment-' + queue.data[0].documentId).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'site-comment-shown.png') });
  assert.deepEqual(xss, []);
  await page.close();
});

test('the site says clearly when the blog server does not answer, or a post does not exist', async () => {
  const missing = await fetch(`${siteUrl}/posts/no-such-post`);
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /Post not found/);

  const offline = await startSite('http://127.0.0.1:9', SITE_PORT + 1);
  try {
    const res = await fetch(`http://127.0.0.1:${SITE_PORT + 1}/`);
    assert.equal(res.status, 502);
    assert.match(await res.text(), /The blog server at http:\/\/127\.0\.0\.1:9 does not answer/);
  } finally {
    offline.stop();
  }
});
