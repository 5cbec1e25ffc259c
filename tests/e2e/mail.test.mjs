/**
 * The plugin's mail, end to end, in Debian's Chromium: the demo (`npm run demo`) sends through a
 * real SMTP server in this process (the demo's own catcher, scripts/mail-catcher.js, started
 * here: its inbox is what a reader reads). A reader subscribes to replies with the example
 * site's checkbox, confirms from the inbox, receives a moderator's reply with the post's title
 * and link, unsubscribes in one click, and receives nothing more. A held comment's moderator
 * mail approves it from its Approve link, once. Screenshots of the inbox go to docs/screenshots/.
 *
 * The outbox sends on a cron every 10 seconds: the test polls the received mails (bounded).
 * Ports: E2E_MAIL_API_PORT (1396, the demo), E2E_MAIL_SITE_PORT (3396, the example site); the
 * SMTP server and the inbox take free ports.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { ROOT, startDemo, startSite } from '../helpers/demo-server.mjs';

const { startMailCatcher } = createRequire(import.meta.url)('../../scripts/mail-catcher.js');

const PORT = Number(process.env.E2E_MAIL_API_PORT || 1396);
const SITE_PORT = Number(process.env.E2E_MAIL_SITE_PORT || 3396);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const ADMIN = { email: 'admin@example.com', password: 'Demo-admin-1' };
const SEED_SLUG = 'networking-biggest-mistake';
const TITLE = 'Networking biggest mistake?';

let demo;
let site;
let smtp;
let browser;
let token;
const siteUrl = `http://127.0.0.1:${SITE_PORT}`;

/** A call to the demo's admin API as the demo admin; fails the test on an error answer. */
const admin = async (method, url, body) => {
  const res = await fetch(`${demo.base}${url}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      'Content-Type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await res.json().catch(() => null);
  assert.ok(res.ok, `${method} ${url} answered ${res.status}: ${JSON.stringify(answer)}`);
  return answer;
};

/** The mails received so far that `match`, once there are `count`: polled, at most 60 s. */
const waitForMails = async (match, count = 1) => {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const found = smtp.mails.filter(match);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.fail(`fewer than ${count} matching mails within 60 s; received: ${subjects()}`);
};

const subjects = () => smtp.mails.map((mail) => `${mail.to} ${mail.subject}`).join('; ');
const to = (address, subject) => (mail) =>
  mail.to.includes(address) && mail.subject.startsWith(subject);

/** A link of a mail's text part, after its label ("Confirm: https://…"). */
const linkAfter = (mail, label) => {
  const line = mail.text.split('\n').find((text) => text.startsWith(`${label}: `));
  assert.ok(line, `no "${label}:" link in:\n${mail.text}`);
  return line.slice(label.length + 2).trim();
};

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  smtp = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  demo = await startDemo({
    port: PORT,
    name: 'e2e-mail',
    env: {
      // The user's own mail server: the demo starts no catcher of its own.
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.smtpPort),
      SMTP_IGNORE_TLS: 'true',
      // The mails link to this site's post pages; readers send their own address.
      SITE_URL: siteUrl,
      IS_PROXIED: 'true',
    },
  });
  site = await startSite(demo.base, SITE_PORT);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  token = (await admin('POST', '/admin/login', ADMIN)).data.token;
});

after(async () => {
  await browser?.close();
  site?.stop();
  demo?.stop();
  await smtp?.stop();
});

/** The example site's comment form, filled and sent; resolves on the answer it shows. */
const sendComment = async (page, { name, email, content, replies = false }) => {
  await page.goto(`${siteUrl}/posts/${SEED_SLUG}`);
  const form = page.locator('#comment-form');
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Email (never shown)').fill(email);
  await form.getByLabel('Comment', { exact: true }).fill(content);
  if (replies) await form.getByLabel('Notify me of replies').check();
  await form.getByRole('button', { name: 'Send' }).click();
  await page.getByText(/^Thank you: your comment is/).waitFor();
};

/** A comment's documentId, found by its text in the admin's list. */
const commentId = async (content) => {
  const list = await admin('GET', `/blog/comments?q=${encodeURIComponent(content)}`);
  const row = list.data.find((comment) => comment.content === content);
  assert.ok(row, `no comment "${content}"`);
  return row;
};

test('with SMTP_HOST set, the demo sends through that server and starts no inbox', () => {
  assert.match(demo.output(), new RegExp(`Mail +sent through 127\\.0\\.0\\.1:${smtp.smtpPort}`));
  assert.doesNotMatch(demo.output(), /Mail inbox/);
});

test('a reader subscribes to replies, confirms, gets a reply, unsubscribes, and gets no more', async () => {
  const before = await admin('GET', '/blog/settings');
  await admin('PUT', '/blog/settings', {
    ...before.data,
    requireApproval: 'never',
    floodIntervalSeconds: 0,
  });
  const page = await browser.newPage({ viewport: { width: 1100, height: 1200 } });
  page.setDefaultTimeout(30_000);
  try {
    await sendComment(page, {
      name: 'Lina',
      email: 'lina@example.com',
      content: 'Who answers first?',
      replies: true,
    });
    await page.getByText('Thank you: your comment is published.').waitFor();

    // The confirmation, read in the inbox: listed, shown with its HTML part (sandboxed) and its
    // links; the reader follows the Confirm link.
    await waitForMails(to('lina@example.com', `Confirm your subscription: ${TITLE}`));
    await page.goto(smtp.url);
    await page.screenshot({ path: path.join(SHOTS, 'demo-inbox.png') });
    await page.getByRole('link', { name: `Confirm your subscription: ${TITLE}` }).click();
    await page.frameLocator('iframe').getByRole('link', { name: 'Confirm' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'demo-inbox-mail.png'), fullPage: true });
    const [confirmPage] = await Promise.all([
      page.waitForEvent('popup'),
      page.locator('ul.links a[href*="/subscriptions/confirm?token="]').click(),
    ]);
    await confirmPage.locator('h1').getByText('Subscription confirmed').waitFor();
    await confirmPage.close();

    // Another reader follows the post's new comments (over REST, confirmed): their mail shows
    // when the outbox has handled a reply.
    const maya = await fetch(`${demo.base}/api/blog/posts/${SEED_SLUG}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.8.0.2' },
      body: JSON.stringify({
        data: {
          authorName: 'Maya',
          authorEmail: 'maya@example.com',
          content: 'Following this thread.',
          notify: { newComments: true },
        },
      }),
    });
    assert.equal(maya.status, 201);
    const [mayaConfirm] = await waitForMails(to('maya@example.com', 'Confirm your subscription'));
    assert.equal((await fetch(linkAfter(mayaConfirm, 'Confirm'))).status, 200);

    // A moderator replies (the admin API, as the Moderation view does): published at once.
    const lina = await commentId('Who answers first?');
    await admin('POST', `/blog/comments/${lina.documentId}/reply`, { content: 'I do, Lina.' });
    const [reply] = await waitForMails(
      (mail) => mail.to.includes('lina@example.com') && mail.subject.includes('replied to your')
    );
    assert.match(
      reply.subject,
      new RegExp(`replied to your comment on ${TITLE.replace('?', '\\?')}$`)
    );
    assert.match(reply.text, /I do, Lina\./);
    const postLink = `${siteUrl}/en/posts/${SEED_SLUG}`;
    assert.ok(reply.links.includes(postLink), reply.text);
    await page.goto(postLink);
    assert.equal(await page.locator('h1').innerText(), TITLE);

    // One click: the footer's link shows a page, its button ends the subscription.
    await page.goto(linkAfter(reply, 'Stop these mails'));
    assert.equal(await page.locator('h1').innerText(), 'Stop these mails');
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.locator('h1').getByText('Unsubscribed').waitFor();

    // A second reply: Maya hears of it (so the outbox has handled it), Lina does not.
    await waitForMails(to('maya@example.com', 'New comment by'), 1);
    await admin('POST', `/blog/comments/${lina.documentId}/reply`, { content: 'Still me.' });
    const news = await waitForMails(to('maya@example.com', 'New comment by'), 2);
    assert.match(news[1].text, /Still me\./);
    const linaMails = smtp.mails.filter((mail) => mail.to.includes('lina@example.com'));
    assert.equal(linaMails.length, 2, subjects());
    assert.ok(!linaMails.some((mail) => mail.text.includes('Still me.')));
  } finally {
    await page.close();
    await admin('PUT', '/blog/settings', before.data);
  }
});

test('a held comment is approved from the moderator mail, once', async () => {
  const before = await admin('GET', '/blog/settings');
  await admin('PUT', '/blog/settings', {
    ...before.data,
    requireApproval: 'always',
    floodIntervalSeconds: 0,
  });
  const page = await browser.newPage({ viewport: { width: 1100, height: 1200 } });
  page.setDefaultTimeout(30_000);
  try {
    await sendComment(page, { name: 'Noor', email: 'noor@example.com', content: 'Held, for now.' });
    await page.getByText('Thank you: your comment is awaiting moderation.').waitFor();
    const held = await waitForMails(
      (mail) =>
        mail.to.includes(ADMIN.email) &&
        mail.subject === `A comment is waiting for moderation: ${TITLE}` &&
        mail.text.includes('Held, for now.')
    );
    const approve = linkAfter(held[0], 'Approve');

    // The link's GET asks; its Confirm button acts.
    await page.goto(approve);
    assert.equal(await page.locator('h1').innerText(), 'Approve this comment?');
    assert.equal((await commentId('Held, for now.')).status, 'pending');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('h1').getByText('Done').waitFor();
    await page.goto(`${siteUrl}/posts/${SEED_SLUG}`);
    await page.getByTestId('comment').filter({ hasText: 'Held, for now.' }).waitFor();

    // The same link again: "used", and the comment stays as it is.
    await page.goto(approve);
    assert.equal(await page.locator('h1').innerText(), 'This link was used');
    assert.equal(await page.getByRole('button', { name: 'Confirm' }).count(), 0);
    const again = await fetch(approve, { method: 'POST' });
    assert.equal(again.status, 409);
    assert.equal((await commentId('Held, for now.')).status, 'approved');
  } finally {
    await page.close();
    await admin('PUT', '/blog/settings', before.data);
  }
});
