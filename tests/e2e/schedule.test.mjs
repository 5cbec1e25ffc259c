/**
 * Scheduled publishing in a real Chromium (Debian's, driven by playwright-core), against its own
 * running demo: an editor changes the seed post, schedules the change for the next minute in
 * the post's Schedule panel, and the change goes public by itself. `npm run test:e2e`; the
 * panel's screenshot goes to docs/screenshots/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { ROOT, startDemo } from '../helpers/demo-server.mjs';

const PORT = Number(process.env.E2E_SCHEDULE_PORT || 1397);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const FAILURES = path.join(ROOT, 'tests', '.tmp', 'e2e-failures');
const ADMIN = { email: 'admin@example.com', password: 'Demo-admin-1' };
const SEED_SLUG = 'networking-biggest-mistake';
const SEED_TITLE = 'Networking biggest mistake?';
const EDITED_TITLE = 'Networking biggest mistake? (scheduled edit)';

let demo;
let browser;
let base;

/** Waits for `locator`; when it never shows, fails with what the page showed. */
const waitShown = async (page, locator, name) => {
  try {
    await locator.waitFor();
  } catch (error) {
    fs.mkdirSync(FAILURES, { recursive: true });
    await page.screenshot({ path: path.join(FAILURES, `${name}.png`) }).catch(() => {});
    const text = await page
      .locator('body')
      .innerText()
      .catch(() => '(no text)');
    throw new Error(`${error.message}\n--- the page showed:\n${text.slice(0, 2000)}`);
  }
};

const publicTitle = async () => {
  const res = await fetch(`${base}/api/blog/posts/${SEED_SLUG}`);
  return res.status === 200 ? (await res.json()).data.title : null;
};

/** `HH:MM` of a time, in this machine's zone (the browser's). */
const clock = (date) =>
  `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  demo = await startDemo({ port: PORT, name: 'e2e-schedule' });
  base = demo.base;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
  demo?.stop();
});

test('an edit scheduled for the next minute in the Schedule panel goes public by itself', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1200 } });
  await context.addInitScript(() => {
    if (!globalThis.localStorage.getItem('STRAPI_GUIDED_TOUR')) {
      globalThis.localStorage.setItem('STRAPI_GUIDED_TOUR', JSON.stringify({ enabled: false }));
    }
  });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(`${base}/admin/auth/login`);
  await page.getByLabel(/email/i).fill(ADMIN.email);
  await page.getByLabel(/^password/i).fill(ADMIN.password);
  await page.getByRole('button', { name: /login/i }).click();
  await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 });

  await page.goto(`${base}/admin/content-manager/collection-types/plugin::blog.post`);
  await page.getByText(SEED_TITLE).first().click();
  const panel = page.getByTestId('schedule-panel');
  await waitShown(page, panel, 'schedule-panel');
  await panel.getByText('Nothing scheduled for this locale').waitFor();

  // The edit is saved as a draft: the public post keeps its title until the schedule runs.
  await page.getByRole('textbox', { name: /^title/i }).fill(EDITED_TITLE);
  await page.getByRole('button', { name: /^save$/i }).click();
  await page.getByText(/saved/i).first().waitFor();
  assert.equal(await publicTitle(), SEED_TITLE);

  // The next minute that is at least 40 seconds away (the time field has minutes).
  const at = new Date(Date.now() + 100_000);
  at.setSeconds(0, 0);
  const time = panel.getByRole('combobox', { name: 'Time' });
  await time.fill(clock(at));
  await time.press('Tab');
  await panel.getByRole('button', { name: 'Schedule', exact: true }).click();
  const line = panel.getByTestId('schedule-line').filter({ hasText: 'Scheduled by Demo Admin' });
  await waitShown(page, line, 'schedule-line');
  assert.match(await line.innerText(), /Publishes/);
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'schedule-panel.png') });

  // Nobody touches anything: the server's cron publishes within a minute of the time.
  const until = at.getTime() + 90_000;
  while ((await publicTitle()) !== EDITED_TITLE) {
    assert.ok(Date.now() < until, 'the scheduled edit is still not public');
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }

  await page.reload();
  await waitShown(page, panel.getByText('Ran lately'), 'schedule-ran');
  assert.match(
    await panel.getByTestId('schedule-line').filter({ hasText: 'Published' }).innerText(),
    /Scheduled by Demo Admin/
  );
  await context.close();
});
