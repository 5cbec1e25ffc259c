/**
 * The admin panel in a real Chromium (Debian's, driven by playwright-core), against the running
 * demo: what an editor does, start to finish. `npm run test:e2e`; screenshots go to
 * docs/screenshots/ (the README shows them).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { ROOT, startDemo } from '../helpers/demo-server.mjs';
import { SEED_LESSONS } from '../helpers/seed-lessons.mjs';

const PORT = Number(process.env.E2E_PORT || 1398);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
/** Where a failed wait leaves what the page showed (not committed). */
const FAILURES = path.join(ROOT, 'tests', '.tmp', 'e2e-failures');
const ADMIN = { email: 'admin@example.com', password: 'Demo-admin-1' };
const SEED_SLUG = 'networking-biggest-mistake';

let demo;
let browser;
let base;
/** One admin session for the whole suite: Strapi rate-limits logins by IP and email. */
let adminContext;
let token;

const api = async (method, url, { token, body, ip } = {}) => {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(ip ? { 'X-Forwarded-For': ip } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

const adminToken = async (credentials = ADMIN) => {
  const res = await api('POST', '/admin/login', { body: credentials });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.data.token;
};

/**
 * A browser context as a returning editor has it: Strapi's own guided tour (an overlay over the
 * Content Manager that Strapi opens for newcomers once the app has `api::` content types) is
 * already dismissed; these tests are about the plugin.
 */
const newContext = async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript(() => {
    if (!globalThis.localStorage.getItem('STRAPI_GUIDED_TOUR')) {
      globalThis.localStorage.setItem('STRAPI_GUIDED_TOUR', JSON.stringify({ enabled: false }));
    }
  });
  return context;
};

/**
 * A page in the demo admin's logged-in session. A cold admin page can take tens of seconds to
 * load on a busy 2-core CI machine, so waits get a minute.
 */
const adminPage = async () => {
  const page = await adminContext.newPage();
  page.setDefaultTimeout(60_000);
  return page;
};

/**
 * Waits for `locator`; when it never shows, keeps a screenshot and the page's text in
 * tests/.tmp/ and fails with that text, so a CI failure says what the editor saw instead.
 */
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

/** Waits until `locator` matches exactly `count` elements. */
const waitForCount = async (locator, count, timeoutMs = 10_000) => {
  const until = Date.now() + timeoutMs;
  while ((await locator.count()) !== count) {
    if (Date.now() > until)
      assert.fail(`expected ${count} matches, found ${await locator.count()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const logIn = async (page, credentials = ADMIN) => {
  await page.goto(`${base}/admin/auth/login`);
  await page.getByLabel(/email/i).fill(credentials.email);
  await page.getByLabel(/^password/i).fill(credentials.password);
  await page.getByRole('button', { name: /login/i }).click();
  await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 });
};

/**
 * Waits until nothing on the page moves: a dialog's fade-in, a toast sliding in, any finite CSS
 * animation or transition (a spinner's endless one is left turning).
 */
const settle = (page) =>
  page.waitForFunction(() =>
    globalThis.document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== 'running' ||
          animation.effect?.getComputedTiming().iterations === Infinity
      )
  );

/** A screenshot for the docs, once the page stands still (a dialog fully shown, not half faded). */
const shot = async (page, name) => {
  await settle(page);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
};

/**
 * Closes the open select whose trigger is `trigger` with Escape, as an editor does, and waits
 * until the focus is back on the trigger. Strapi's select hands the focus back in a timer after
 * it closes (Radix's FocusScope): a field filled before that timer runs can lose its text to the
 * trigger (seen in CI: the words typed next were saved as none).
 */
const closeSelect = async (page, trigger) => {
  await page.keyboard.press('Escape');
  await page.getByRole('listbox').waitFor({ state: 'detached' });
  const element = await trigger.elementHandle();
  await page.waitForFunction((target) => target === globalThis.document.activeElement, element);
  await element.dispose();
};

/**
 * Closes Strapi's notices (its toasts, at the top) and waits until they are gone: a notice left
 * from an earlier step would say something about another picture. Clicked from the DOM, as a
 * modal dialog keeps the pointer from the rest of the page.
 */
const clearNotices = async (page) => {
  await page.evaluate(() => {
    for (const close of globalThis.document.querySelectorAll(
      '[data-sonner-toast] button[aria-label="Close"]'
    )) {
      close.click();
    }
  });
  await page.waitForFunction(() => !globalThis.document.querySelector('[data-sonner-toast]'));
};

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  // Simulated readers send their own address (X-Forwarded-For), as behind a proxy.
  demo = await startDemo({ port: PORT, name: 'e2e', env: { IS_PROXIED: 'true' } });
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
  adminContext = await newContext();
  const home = await adminContext.newPage();
  await logIn(home);
  await home.close();
  token = await adminToken();
});

after(async () => {
  await adminContext?.close();
  await browser?.close();
  demo?.stop();
});

test('the seed post’s five lessons are in the side panel, which follows the form', async () => {
  const page = await adminPage();
  await page.goto(`${base}/admin/content-manager/collection-types/plugin::blog.post`);
  await page.getByText('Networking biggest mistake?').first().click();

  const panel = page.getByTestId('lessons-panel');
  await panel.waitFor();
  await assert.doesNotReject(
    panel.getByText('Chicken Soup for your Soul Lessons in Life').waitFor()
  );
  assert.deepEqual(await panel.locator('li').allInnerTexts(), SEED_LESSONS);
  assert.equal(await page.getByTestId('lessons-count').innerText(), '5 lessons');
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'lessons-panel');

  // Add a lesson as an editor would; the outline follows before anything is saved.
  await page.getByRole('button', { name: /add an entry/i }).click();
  const field = page.getByRole('textbox', { name: /^text/i }).last();
  await field.fill('A network to give back.');
  await page.getByTestId('lessons-count').getByText('6 lessons').waitFor();
  assert.equal((await panel.locator('li').allInnerTexts()).at(-1), 'A network to give back.');
  await page.close();
});

test('the seed post’s edit view places cover, lessons, author, categories, tags and SEO, labelled', async () => {
  const page = await adminPage();
  await page.setViewportSize({ width: 1440, height: 2500 });
  await page.goto(`${base}/admin/content-manager/collection-types/plugin::blog.post`);
  await page.getByText('Networking biggest mistake?').first().click();
  const main = page.locator('main');
  const label = (text) =>
    main
      .locator('label')
      .filter({ hasText: new RegExp(`^${text}`) })
      .first();
  await waitShown(page, label('Cover image'), 'post-edit-cover');

  const top = async (text) => (await label(text).boundingBox()).y;
  // Excerpt and cover side by side, the lessons below the body, then one row with the author,
  // categories and tags, and SEO last.
  assert.equal(await top('Cover image'), await top('Excerpt'));
  const row = await top('Author');
  assert.equal(await top('Categories'), row);
  assert.equal(await top('Tags'), row);
  assert.ok(row > (await top('Body')), 'the author row comes after the body');
  const seo = main.getByText('SEO', { exact: true }).first();
  await waitShown(page, seo, 'post-edit-seo');
  assert.ok((await seo.boundingBox()).y > row, 'SEO comes after the author row');

  // The SEO fields, with their length hints, once the editor adds them.
  await main
    .getByRole('button', { name: /no entry yet/i })
    .last()
    .click();
  await waitShown(page, label('Meta title'), 'post-edit-seo-fields');
  const hint = (text) => main.getByText(text).first();
  await waitShown(
    page,
    hint(/At most 60 characters: what search results show as the title/),
    'post-edit-seo-hints'
  );
  await hint(/At most 160 characters/).waitFor();
  await label('Canonical URL').waitFor();
  // The screenshot shows the side panels and relation pickers loaded, not "Counting the comments…".
  await page
    .getByTestId('post-comments-total')
    .getByText(/^\d+ comments?$/)
    .waitFor();
  await page.waitForLoadState('networkidle');
  await shot(page, 'post-edit');
  await page.close();
});

test('the Lessons view lists lessons across posts, searchable, linking to each post', async () => {
  const page = await adminPage();
  await page.goto(`${base}/admin/plugins/blog/lessons`);
  await page.getByTestId('lesson-row').first().waitFor();
  assert.equal(await page.getByTestId('lesson-row').count(), 5);
  // The post's state and the count of what is listed.
  assert.deepEqual(
    [...new Set(await page.getByTestId('lesson-state').allTextContents())],
    ['Published']
  );
  assert.equal(await page.getByTestId('lessons-total').innerText(), '5 lessons');
  await shot(page, 'lessons-view');

  await page.getByPlaceholder('Search lessons or posts').fill('learn');
  await waitForCount(page.getByTestId('lesson-row'), 1);
  await page.getByTestId('lessons-total').getByText('1 lesson found').waitFor();
  assert.match(await page.getByTestId('lesson-row').innerText(), /A network to learn\./);
  await page.getByRole('link', { name: 'Open “Networking biggest mistake?”' }).click();
  await page.waitForURL(/content-manager\/collection-types\/plugin::blog\.post\/\w+/);
  await page.close();
});

test('a comment submitted over the API is approved in the Moderation view, undone, approved again and then shown', async () => {
  // A reply to the seed post's approved comment, from an author with a site: the queue shows
  // it as a reply with its parent, and the author's URL as a link that passes no ranking.
  const seedThread = await api('GET', `/api/blog/posts/${SEED_SLUG}/comments`);
  const seedComment = seedThread.body.data[0];
  const reply = await api('POST', `/api/blog/posts/${SEED_SLUG}/comments`, {
    ip: '192.0.2.12',
    body: {
      data: {
        authorName: 'Rita Replier',
        authorEmail: 'rita@example.com',
        authorUrl: 'https://rita.example/blog',
        content: 'I agree: give first, and the network follows.',
        parent: seedComment.documentId,
      },
    },
  });
  assert.equal(reply.status, 201, JSON.stringify(reply.body));

  const submitted = await api('POST', `/api/blog/posts/${SEED_SLUG}/comments`, {
    ip: '192.0.2.10',
    body: {
      data: {
        authorName: 'Edith Editor-Test',
        authorEmail: 'edith@example.com',
        content: 'Networking is <b>giving</b> first.',
      },
    },
  });
  assert.equal(submitted.status, 201);
  assert.equal(submitted.body.data.status, 'pending');

  const page = await adminPage();
  await page.goto(`${base}/admin/plugins/blog`);
  const row = page.getByTestId('comment-row').filter({ hasText: 'Edith Editor-Test' });
  await waitShown(page, row, 'moderation-view');
  // Shown as text: the tags were removed on the way in, nothing is rendered as HTML.
  assert.match(await row.innerText(), /Networking is giving first\./);
  assert.equal(await row.locator('b').count(), 0);
  // Why it waits, as a sentence, with the rule's id for the curious.
  const why = row.getByTestId('comment-reason');
  assert.match(await why.innerText(), /Held: first comment from this author\./);
  assert.equal(await why.locator('code').innerText(), 'require-approval');

  // The reply, marked as one, with its parent; the author's site as a nofollow link.
  const replyRow = page.getByTestId('comment-row').filter({ hasText: 'Rita Replier' });
  const parent = replyRow.getByTestId('reply-to');
  assert.match(await parent.innerText(), new RegExp(`^Reply to ${seedComment.authorName}:`));
  const site = replyRow.getByRole('link', { name: 'rita.example/blog' });
  assert.equal(await site.getAttribute('href'), 'https://rita.example/blog');
  assert.equal(await site.getAttribute('rel'), 'nofollow noopener noreferrer');

  // The Blog menu link and the Blog page's navigation count the comments that wait.
  const pending = (await api('GET', '/blog/comments/pending-count', { token })).body.data.pending;
  assert.equal(await page.getByTestId('blog-pending-count').innerText(), String(pending));
  assert.equal(await page.getByTestId('blog-nav-pending').innerText(), String(pending));
  await shot(page, 'moderation-view');

  await row.getByRole('button', { name: 'Approve' }).click();
  // It leaves the held tab, and the live counts move with it.
  await row.waitFor({ state: 'detached' });
  await page.getByRole('tab', { name: 'Approved (2)' }).waitFor();
  await page
    .getByTestId('blog-pending-count')
    .getByText(String(pending - 1))
    .waitFor();

  // The toast says it as a sentence and offers an undo: the comment is held again.
  const toast = page.getByTestId('undo-toast');
  await toast.getByText('1 comment approved').waitFor();
  await shot(page, 'moderation-undo');
  await toast.getByRole('button', { name: 'Undo', exact: true }).click();
  await row.waitFor();
  await page.getByRole('tab', { name: 'Approved (1)' }).waitFor();
  assert.equal(
    (await api('GET', `/blog/comments?q=Edith&status=pending`, { token })).body.data.length,
    1
  );

  await row.getByRole('button', { name: 'Approve' }).click();
  await row.waitFor({ state: 'detached' });
  await page.getByRole('tab', { name: 'Approved (2)' }).waitFor();

  const thread = await api('GET', `/api/blog/posts/${SEED_SLUG}/comments`);
  assert.ok(thread.body.data.some((comment) => comment.authorName === 'Edith Editor-Test'));

  await page.getByRole('tab', { name: /Approved/ }).click();
  const approved = page.getByTestId('comment-row').filter({ hasText: 'Edith Editor-Test' });
  await approved.getByRole('button', { name: 'History' }).click();
  const dialog = page.getByRole('dialog');
  // Approved, set back by the undo, approved again: each change is in the log.
  await dialog.getByText(/Approved → Pending, by Demo Admin/).waitFor();
  assert.equal(await dialog.getByText(/Pending → Approved, by Demo Admin/).count(), 2);
  await page.keyboard.press('Escape');

  // The reply's parent opens alone, in its own tab.
  await page.getByRole('tab', { name: /Pending/ }).click();
  await replyRow.getByTestId('reply-to').click();
  await page.getByTestId('single-comment').waitFor();
  await waitForCount(page.getByTestId('comment-row'), 1);
  assert.match(
    await page.getByTestId('comment-row').innerText(),
    new RegExp(seedComment.authorName)
  );
  await page.close();
});

test('bulk actions change many comments; a delete goes to the trash, undone by a restore', async () => {
  for (const [i, name] of ['Bulk One', 'Bulk Two'].entries()) {
    const res = await api('POST', `/api/blog/posts/${SEED_SLUG}/comments`, {
      ip: `192.0.2.2${i}`,
      body: {
        data: { authorName: name, authorEmail: `bulk${i}@example.com`, content: `Bulk ${i}` },
      },
    });
    assert.equal(res.status, 201);
  }
  const page = await adminPage();
  await page.goto(`${base}/admin/plugins/blog`);
  // A failed wait keeps what the page showed (it timed out once in CI, then passed on a re-run).
  await waitShown(
    page,
    page.getByRole('checkbox', { name: 'Select Bulk One’s comment' }),
    'bulk-queue'
  );
  for (const name of ['Bulk One', 'Bulk Two']) {
    await page.getByRole('checkbox', { name: `Select ${name}’s comment` }).check();
  }
  await page.getByText('2 comments selected').waitFor();
  // The Pending tab offers no "Hold" (its comments are held already), in the bar or the rows.
  assert.equal(await page.getByRole('button', { name: 'Hold' }).count(), 0);
  await page.getByRole('button', { name: 'Mark as spam' }).first().click();
  await page.getByText('2 comments marked as spam').waitFor();

  await page.getByRole('tab', { name: /Spam/ }).click();
  const row = page.getByTestId('comment-row').filter({ hasText: 'Bulk One' });
  // A delete is done at once (to the trash); its undo is a restore.
  await row.getByRole('button', { name: 'Delete' }).click();
  await row.waitFor({ state: 'detached' });
  const toast = page.getByTestId('undo-toast');
  await toast.getByText('1 comment moved to the trash').waitFor();
  const inTrash = await api('GET', '/blog/comments?status=trash&q=Bulk', { token });
  assert.deepEqual(
    inTrash.body.data.map((comment) => [comment.authorName, comment.trashedFrom]),
    [['Bulk One', 'spam']]
  );
  await toast.getByRole('button', { name: 'Undo', exact: true }).click();
  await row.waitFor();
  const kept = await api('GET', '/blog/comments?status=spam&q=Bulk', { token });
  assert.equal(kept.body.data.length, 2);

  // Deleted again: the Trash tab lists it, and its Restore gives it its status back.
  await row.getByRole('button', { name: 'Delete' }).click();
  await row.waitFor({ state: 'detached' });
  await toast.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByRole('tab', { name: /Trash/ }).click();
  const trashed = page.getByTestId('comment-row').filter({ hasText: 'Bulk One' });
  await waitShown(page, trashed, 'trash-tab');
  // The picture of the trash, without the notice of the undo before.
  await clearNotices(page);
  await shot(page, 'moderation-trash');
  assert.equal(await trashed.getByRole('button', { name: 'Approve' }).count(), 0);
  await trashed.getByRole('button', { name: 'Restore' }).click();
  await trashed.waitFor({ state: 'detached' });
  await toast.getByText('1 comment restored').waitFor();
  const spam = await api('GET', '/blog/comments?status=spam&q=Bulk', { token });
  assert.deepEqual(spam.body.data.map((comment) => comment.authorName).sort(), [
    'Bulk One',
    'Bulk Two',
  ]);
  await page.close();
});

test('a moderator replies as staff (undone, then again) and edits a comment from the Moderation view', async () => {
  // Its own reader each run: the row below is found by the reader's email.
  const stamp = Date.now().toString(36);
  const email = `quinn-${stamp}@example.com`;
  const res = await api('POST', `/api/blog/posts/${SEED_SLUG}/comments`, {
    ip: '192.0.2.30',
    body: {
      data: {
        authorName: 'Quinn Question',
        authorEmail: email,
        content: 'How to start?',
      },
    },
  });
  assert.equal(res.status, 201);
  assert.equal(res.body.data.status, 'pending');
  const page = await adminPage();
  // The search is in the address too.
  await page.goto(`${base}/admin/plugins/blog/moderation?q=Quinn`);
  const row = page.getByTestId('comment-row').filter({ hasText: email });
  await waitShown(page, row, 'reply-queue');
  assert.equal(await page.getByPlaceholder('Search comments').inputValue(), 'Quinn');

  await row.getByRole('button', { name: 'Reply' }).click();
  const form = page.getByTestId('reply-form');
  await form.getByLabel('Your reply').fill('Give first: help someone today.');
  await shot(page, 'moderation-reply');
  await form.getByRole('button', { name: 'Publish reply' }).click();
  // Answering approved it: it leaves the held tab. The toast says so, and what its Undo does.
  const toast = page.getByTestId('undo-toast');
  const said =
    'Reply published, and Quinn Question’s comment approved. ' +
    'Undo moves your reply to the trash and holds the comment again.';
  await toast.getByText(said).waitFor();
  await row.waitFor({ state: 'detached' });

  // Undone: the comment is held again, the reply in the trash (restorable), neither public.
  await toast.getByRole('button', { name: 'Undo', exact: true }).click();
  await row.waitFor();
  const held = await api('GET', '/blog/comments?status=pending&q=Quinn', { token });
  assert.deepEqual(
    held.body.data.map((comment) => comment.authorEmail),
    [email]
  );
  const trashed = await api('GET', '/blog/comments?status=trash&q=Give%20first', { token });
  assert.deepEqual(
    trashed.body.data.map((comment) => [comment.authorName, comment.staff, comment.trashedFrom]),
    [['Demo Admin', true, 'approved']]
  );
  const hidden = await api('GET', `/api/blog/posts/${SEED_SLUG}/comments`);
  assert.doesNotMatch(JSON.stringify(hidden.body), /How to start\?|Give first/);

  // Answered again, for good this time (the toast dismissed: nothing to undo).
  await row.getByRole('button', { name: 'Reply' }).click();
  await form.getByLabel('Your reply').fill('Give first: help someone today.');
  await form.getByRole('button', { name: 'Publish reply' }).click();
  await toast.getByText(said).waitFor();
  await row.waitFor({ state: 'detached' });
  await toast.getByRole('button', { name: 'Dismiss' }).click();

  const thread = await api('GET', `/api/blog/posts/${SEED_SLUG}/comments`);
  const answered = thread.body.data.find(
    (comment) => comment.documentId === res.body.data.documentId
  );
  assert.ok(answered, 'the answered comment is public');
  assert.deepEqual(
    answered.replies.map((reply) => [reply.authorName, reply.staff, reply.content]),
    [['Demo Admin', true, 'Give first: help someone today.']]
  );
  assert.doesNotMatch(JSON.stringify(thread.body), /admin@example\.com/);

  // The whole Approved tab (the search named Quinn): the reply is there, with its badge.
  await page.getByRole('tab', { name: /Approved/ }).click();
  await page.getByPlaceholder('Search comments').fill('');
  const staffRow = page
    .getByTestId('comment-row')
    .filter({ hasText: 'Give first: help someone today.' })
    .first();
  await staffRow.getByTestId('staff-badge').waitFor();

  // The reader's row (the staff reply's row names Quinn too, as the comment it answers).
  const approved = page.getByTestId('comment-row').filter({ hasText: email });
  await approved.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByTestId('edit-form');
  const text = edit.getByLabel('Text');
  assert.equal(await text.inputValue(), 'How to start?');
  await text.fill('How do I start networking?');
  await edit.getByRole('button', { name: 'Save text' }).click();
  await page.getByText('Text saved').first().waitFor();
  await approved.getByText('How do I start networking?').waitFor();

  await approved.getByRole('button', { name: 'History' }).click();
  const dialog = page.getByRole('dialog');
  // The event's title, and its reason's sentence after the date.
  await dialog.getByText('Edited by Demo Admin', { exact: true }).waitFor();
  await dialog.getByText(/ — Text edited by Demo Admin\.$/).waitFor();
  await dialog.getByText('Previous text: “How to start?”', { exact: true }).waitFor();
  await clearNotices(page);
  await shot(page, 'moderation-edit-history');
  await page.keyboard.press('Escape');
  await page.close();
});

test('a setting changed in Settings → Blog changes the rule', async () => {
  const page = await adminPage();
  await page.goto(`${base}/admin/settings/blog`);
  const field = page.getByLabel('Disallowed words');
  await field.waitFor();
  await shot(page, 'settings');

  // A bad value first: refused under its field, in a sentence naming it, before any request.
  let saves = 0;
  page.on('request', (request) => {
    if (request.method() === 'PUT' && request.url().endsWith('/blog/settings')) saves += 1;
  });
  await page.getByLabel('Deepest reply level').fill('-3');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('“Deepest reply level” must be from 1 to 100.').waitFor();
  await page.getByText('Some settings need fixing: Deepest reply level').waitFor();
  assert.equal(saves, 0);
  await shot(page, 'settings-refused');
  await page.getByLabel('Deepest reply level').fill('5');
  // The approval choice that publishes at once does not read as "comments off".
  const approval = page.getByLabel('Approval');
  await approval.click();
  await page
    .getByRole('option', { name: 'None: publish at once when every rule passes' })
    .waitFor();
  await closeSelect(page, approval);

  await field.fill('miracle-cure\ncasino');
  assert.equal(await field.inputValue(), 'miracle-cure\ncasino');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Settings saved').waitFor();

  const settings = await api('GET', '/blog/settings', { token });
  assert.deepEqual(settings.body.data.disallowedWords, ['miracle-cure', 'casino']);
  assert.equal(settings.body.data.maxDepth, 5);

  const spam = await api('POST', `/api/blog/posts/${SEED_SLUG}/comments`, {
    ip: '192.0.2.11',
    body: {
      data: { authorName: 'Bot', authorEmail: 'bot@example.com', content: 'Best CASINO online' },
    },
  });
  assert.equal(spam.body.data.status, 'pending');
  const queue = await api('GET', '/blog/comments?status=spam', { token });
  assert.ok(queue.body.data.some((comment) => comment.authorName === 'Bot'));
  await page.close();
});

test('the Moderation and Settings pages ask for their permissions without a console warning', async () => {
  /** The `useRBAC` deprecation warnings a fresh load of `url` logs, once `shown` is on screen. */
  const warningsOn = async (url, shown) => {
    const page = await adminPage();
    let count = 0;
    page.on('console', (message) => {
      if (/^useRBAC: The first argument should be an array/.test(message.text())) count += 1;
    });
    await page.goto(`${base}/admin${url}`);
    await waitShown(page, shown(page), `rbac-warning${url.replaceAll('/', '-')}`);
    await page.close();
    return count;
  };
  // The admin's own frame logs it on every page (Strapi 5.54's ConfigurationProvider passes an
  // object); the plugin's pages must log nothing more (they once logged one each).
  const admin = await warningsOn('/', (page) => page.getByRole('link', { name: 'Blog' }).first());
  const moderation = await warningsOn('/plugins/blog/moderation', (page) =>
    page.getByRole('tab', { name: /Approved \(\d+\)/ })
  );
  const settings = await warningsOn('/settings/blog', (page) =>
    page.getByLabel('Disallowed words')
  );
  assert.deepEqual({ moderation, settings }, { moderation: admin, settings: admin });
});

test('an editor without moderation rights sees the queue but no moderation actions', async () => {
  const role = await api('POST', '/admin/roles', {
    token,
    body: { name: `Readers ${Date.now()}`, description: 'Read comments only' },
  });
  assert.equal(role.status, 201, JSON.stringify(role.body));
  const roleId = role.body.data.id;
  const permissions = await api('PUT', `/admin/roles/${roleId}/permissions`, {
    token,
    body: {
      permissions: [
        { action: 'plugin::blog.comments.read', subject: null, properties: {}, conditions: [] },
      ],
    },
  });
  assert.equal(permissions.status, 200, JSON.stringify(permissions.body));
  const email = `reader.${Date.now()}@example.com`;
  const created = await api('POST', '/admin/users', {
    token,
    body: { firstname: 'Read', lastname: 'Only', email, roles: [roleId] },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const registered = await api('POST', '/admin/register', {
    body: {
      registrationToken: created.body.data.registrationToken,
      userInfo: { firstname: 'Read', lastname: 'Only', password: 'Reader-pass-1' },
    },
  });
  assert.equal(registered.status, 200, JSON.stringify(registered.body));

  const context = await newContext();
  const page = await context.newPage();
  await logIn(page, { email, password: 'Reader-pass-1' });
  await page.goto(`${base}/admin/plugins/blog`);
  await page.getByRole('tab', { name: /Approved/ }).click();
  await page.getByTestId('comment-row').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Approve' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Reject' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Delete' }).count(), 0);
  assert.equal(await page.getByRole('checkbox').count(), 0);
  // The server refuses it anyway.
  const readerToken = await adminToken({ email, password: 'Reader-pass-1' });
  const refused = await api('POST', '/blog/comments/bulk', {
    token: readerToken,
    body: { documentIds: ['x'], status: 'spam' },
  });
  assert.equal(refused.status, 403);
  await context.close();
});

test('an editor checks a WordPress export, imports it and reads the report in the Import view', async () => {
  const page = await adminPage();
  await page.goto(`${base}/admin/plugins/blog/import`);
  const input = page.locator('#blog-import-file');
  // The Design System's button opens the (hidden) input; the chosen file shows with its size.
  await waitShown(page, page.getByRole('button', { name: 'Choose a file' }), 'import-view');
  assert.equal(await page.getByTestId('import-file-chosen').innerText(), 'No file chosen');

  // A file that is not an export is refused with the reason, before anything runs.
  await input.setInputFiles({
    name: 'notes.html',
    mimeType: 'text/html',
    buffer: Buffer.from('<html><body>notes</body></html>'),
  });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await waitShown(
    page,
    page.getByTestId('import-error').getByText(/notes\.html is neither a WordPress/),
    'import-refused'
  );

  await input.setInputFiles(path.join(ROOT, 'tests', 'fixtures', 'import', 'small.wxr.xml'));
  assert.match(await page.getByTestId('import-file-chosen').innerText(), /^small\.wxr\.xml \(\d/);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await waitShown(page, page.getByRole('heading', { name: 'What an import would do' }), 'dry-run');
  const report = page.getByTestId('import-report');
  assert.deepEqual(
    (await report.getByTestId('import-report-posts').locator('td').allInnerTexts()).map((s) =>
      s.trim()
    ),
    ['Posts', '3', '0', '0', '0']
  );
  assert.match(await page.getByTestId('import-not-imported').innerText(), /1 page \(About\)/);
  await shot(page, 'import-dry-run');
  // Nothing was written by the check.
  assert.equal((await api('GET', '/api/blog/posts/lessons-from-a-garden')).status, 404);

  await page.getByRole('button', { name: 'Import 3 new posts and 6 new comments' }).click();
  await waitShown(page, page.getByRole('heading', { name: 'Import finished' }), 'import-done');
  assert.deepEqual(
    (await page.getByTestId('import-report-comments').locator('td').allInnerTexts()).map((s) =>
      s.trim()
    ),
    ['Comments', '6', '0', '0', '0']
  );
  await waitForCount(page.getByTestId('import-history-row'), 2);
  await shot(page, 'import-done');

  // Checked again, the same file has nothing to import: all of it is up to date already.
  await page.getByRole('button', { name: 'Check the file' }).click();
  await waitShown(
    page,
    page
      .getByTestId('import-nothing-to-do')
      .getByText('Nothing to import: 3 posts and 6 comments are already up to date'),
    'import-recheck'
  );
  assert.equal(await page.getByRole('button', { name: /^Import \d|^Update \d/ }).count(), 0);
  assert.deepEqual(
    (await page.getByTestId('import-report-posts').locator('td').allInnerTexts()).map((s) =>
      s.trim()
    ),
    ['Posts', '0', '0', '3', '0']
  );
  await waitForCount(page.getByTestId('import-history-row'), 3);
  // The past runs read as sentences naming only what happened, newest first.
  const rows = page.getByTestId('import-history-row');
  await waitShown(
    page,
    rows.first().getByText('Nothing to import, 3 posts and 6 comments already up to date'),
    'import-history-recheck'
  );
  const imported = await rows.nth(1).innerText();
  assert.match(imported, /Created 3 posts and 6 comments/);
  assert.doesNotMatch(imported, /updated|unchanged|up to date/i);
  await shot(page, 'import-recheck');

  // A past run opens on its report: the import, second in the list.
  await page.getByRole('button', { name: 'Open the report of small.wxr.xml' }).nth(1).click();
  const run = page.getByRole('dialog').getByTestId('import-run');
  await waitShown(page, run, 'import-past-run');
  assert.deepEqual(
    (await run.getByTestId('import-report-posts').locator('td').allInnerTexts()).map((s) =>
      s.trim()
    ),
    ['Posts', '3', '0', '0', '0']
  );
  await shot(page, 'import-past-run');
  await page.keyboard.press('Escape');

  const garden = await api('GET', '/api/blog/posts/lessons-from-a-garden');
  assert.equal(garden.status, 200);
  assert.deepEqual(
    garden.body.data.lessons.map((lesson) => lesson.text),
    ['Sow before you need.', 'Water often.', 'Wait.']
  );
  await page.close();
});

test('the Import view opens on a direct load, not on a spinner', async () => {
  const page = await adminPage();
  await page.goto(`${base}/admin/plugins/blog/import`);
  await waitShown(page, page.getByRole('button', { name: 'Choose a file' }), 'import-direct');
  await waitShown(page, page.getByTestId('import-history-row').first(), 'import-direct-history');
  await page.close();
});

test('the post edit view counts its comments by status and links to them; the relation is gone', async () => {
  const page = await adminPage();
  await page.goto(`${base}/admin/content-manager/collection-types/plugin::blog.post`);
  await page.getByText('Networking biggest mistake?').first().click();
  const panel = page.getByTestId('post-comments-panel');
  await waitShown(page, panel, 'post-comments-panel');
  await panel
    .getByTestId('post-comments-total')
    .getByText(/^\d+ comments?$/)
    .waitFor();
  assert.ok((await panel.getByTestId('post-comments-status').count()) >= 1);
  // No relation field to detach a comment with.
  await page.getByLabel('Comments enabled').waitFor();
  assert.equal(
    await page
      .locator('main label')
      .filter({ hasText: /^Comments$/ })
      .count(),
    0
  );
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'post-comments-panel');

  await panel.getByRole('link', { name: 'Moderate this post’s comments' }).click();
  await page.waitForURL(/\/admin\/plugins\/blog\/moderation\?post=\w+/);
  const post = new URL(page.url()).searchParams.get('post');
  await page.goBack();

  // A status's link opens the Moderation view on that post's comments in that status, the
  // filter said; a reload, Back and Forward keep what is shown.
  await waitShown(page, panel.getByRole('link', { name: 'Approved' }), 'post-comments-approved');
  await panel.getByRole('link', { name: 'Approved' }).click();
  await page.waitForURL(`${base}/admin/plugins/blog/moderation?status=approved&post=${post}`);
  const onPost = (
    await api('GET', `/blog/comments?status=approved&post=${post}&pageSize=20`, { token })
  ).body;
  const all = (await api('GET', '/blog/comments?status=approved&pageSize=20', { token })).body;
  const shows = async (expected, name) => {
    const tab = page.getByRole('tab', { name: /^Approved/, selected: true });
    await waitShown(page, tab, name);
    await tab.getByText(`Approved (${expected.meta.counts.approved})`).waitFor();
    await waitForCount(page.getByTestId('comment-row'), expected.data.length);
    const titles = await page.getByTestId('comment-row').locator('td:nth-child(4)').allInnerTexts();
    assert.deepEqual(
      titles.map((title) => title.trim()),
      expected.data.map((comment) => comment.post.title)
    );
  };
  const filter = page.getByTestId('post-filter');
  await shows(onPost, 'moderation-on-post');
  assert.ok(onPost.data.length > 0);
  assert.match(await filter.innerText(), /Comments on “Networking biggest mistake\?”/);
  await shot(page, 'moderation-on-post');

  await page.reload();
  await shows(onPost, 'moderation-on-post-reloaded');
  assert.match(await filter.innerText(), /Comments on “Networking biggest mistake\?”/);

  // Another tab keeps the post; Back returns to the approved ones.
  await page.getByRole('tab', { name: /^Pending/ }).click();
  await page.waitForURL(`${base}/admin/plugins/blog/moderation?post=${post}`);
  await page.getByRole('tab', { name: /^Pending/, selected: true }).waitFor();
  await filter.waitFor();
  await page.goBack();
  await shows(onPost, 'moderation-on-post-back');

  // Cleared, the filter goes and every post's approved comments show.
  await filter.getByRole('button', { name: 'Show comments on all posts' }).click();
  await page.waitForURL(`${base}/admin/plugins/blog/moderation?status=approved`);
  await filter.waitFor({ state: 'detached' });
  await shows(all, 'moderation-all-posts');
  await page.close();
});

test('the Moderation view opens on its default for an address it cannot use', async () => {
  const held = await api('POST', `/api/blog/posts/${SEED_SLUG}/comments`, {
    ip: '192.0.2.31',
    body: { data: { authorName: 'Uma Unsure', authorEmail: 'uma@example.com', content: 'Hm' } },
  });
  assert.equal(held.status, 201);
  const page = await adminPage();
  const errors = [];
  page.on('response', (response) => {
    if (response.url().includes('/blog/comments') && response.status() >= 400)
      errors.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(
    `${base}/admin/plugins/blog/moderation?status=deleted&post=..%2Fx&comment=%24ne&page=-2&q=`
  );
  await waitShown(page, page.getByRole('tab', { name: /^Pending/, selected: true }), 'bad-url');
  await page.getByTestId('comment-row').filter({ hasText: 'Uma Unsure' }).waitFor();
  assert.equal(await page.getByTestId('post-filter').count(), 0);
  assert.equal(await page.getByTestId('single-comment').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a comment’s edit view shows its status and the way to moderate it, no length hints on fixed fields', async () => {
  // A reply sent from the seed post's page: it has a post, a parent and a page language.
  const seedThread = await api('GET', `/api/blog/posts/${SEED_SLUG}/comments`);
  const sent = await api('POST', `/api/blog/posts/${SEED_SLUG}/comments`, {
    ip: '192.0.2.32',
    body: {
      data: {
        authorName: 'Paula Panel',
        authorEmail: 'paula@example.com',
        authorUrl: 'https://paula.example',
        content: 'Friends first, contacts second.',
        parent: seedThread.body.data[0].documentId,
      },
    },
  });
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  const { documentId } = sent.body.data;

  const page = await adminPage();
  await page.goto(
    `${base}/admin/content-manager/collection-types/plugin::blog.comment/${documentId}`
  );
  const panel = page.getByTestId('comment-panel');
  await waitShown(page, panel, 'comment-panel');
  assert.match(
    await panel.getByTestId('comment-panel-status').textContent(),
    /^(Pending|Approved|Spam|Rejected)$/
  );
  // Why, as a sentence (not the stored "require-approval: …"); the page language, named.
  assert.equal(
    await panel.getByTestId('comment-panel-reason').textContent(),
    'Held: first comment from this author.'
  );
  await panel.getByText('Page language', { exact: true }).waitFor();
  assert.equal(await panel.getByTestId('comment-panel-page-locale').textContent(), 'English (en)');

  // The post is shown, and can be neither removed nor changed: a comment stays on its post.
  const main = page.locator('main');
  const postItem = main.locator('li').filter({ hasText: 'Networking biggest mistake?' });
  await waitShown(page, postItem, 'comment-edit-post');
  assert.equal(await postItem.getByRole('button', { name: 'Remove' }).isDisabled(), true);
  assert.equal(await main.getByRole('combobox', { name: /^Post/ }).isDisabled(), true);
  // Its parent can still be changed (within the same post).
  assert.equal(await main.getByRole('combobox', { name: /^Replying to/ }).isDisabled(), false);
  // Every field has a readable label; none shows the attribute's name.
  for (const label of [
    'Author name',
    'Author email',
    'Author website',
    'Content',
    'Submitted at',
  ]) {
    await main
      .locator('label')
      .filter({ hasText: new RegExp(`^${label}`) })
      .first()
      .waitFor();
  }
  assert.equal(await main.getByText(/pageLocale|authorName|submittedAt/).count(), 0);
  assert.equal(await page.getByText(/max\. 128 characters/).count(), 0);
  assert.equal(await page.getByText(/max\. 255 characters/).count(), 0);
  assert.equal(await page.getByText(/max\. 35 characters/).count(), 0);
  await page.waitForLoadState('networkidle');
  await shot(page, 'comment-edit');
  await panel.getByRole('link', { name: 'Open in the Moderation view' }).click();
  await page.waitForURL(/\/admin\/plugins\/blog\/moderation\?status=\w+&comment=\w+/);
  // That comment alone, in its status's tab, the filter said; cleared, the tab's comments.
  const address = new URL(page.url()).searchParams;
  const status = address.get('status');
  const label = status[0].toUpperCase() + status.slice(1);
  await waitShown(page, page.getByTestId('single-comment'), 'moderation-single');
  await page.getByRole('tab', { name: new RegExp(`^${label}`), selected: true }).waitFor();
  await waitForCount(page.getByTestId('comment-row'), 1);
  await page.reload();
  await waitShown(page, page.getByTestId('single-comment'), 'moderation-single-reloaded');
  await waitForCount(page.getByTestId('comment-row'), 1);
  const tab = (await api('GET', `/blog/comments?status=${status}&pageSize=20`, { token })).body;
  await page.getByRole('button', { name: 'Show all comments' }).click();
  // The pending tab is the view's default, left out of its address.
  const search = status === 'pending' ? '' : `?status=${status}`;
  await page.waitForURL(`${base}/admin/plugins/blog/moderation${search}`);
  await waitForCount(page.getByTestId('comment-row'), tab.data.length);
  await page.close();
});

test('Strapi’s Media Library banner does not show in the demo', async () => {
  const page = await adminPage();
  await page.goto(`${base}/admin`);
  await waitShown(page, page.getByRole('link', { name: 'Blog' }).first(), 'banner-home');
  assert.equal(await page.getByText(/Introducing the new Media Library/).count(), 0);
  await page.close();
});

test('readers report a comment until it is held; the Reported view gives the reasons, approving clears them', async () => {
  const stamp = Date.now().toString(36);
  const content = `Call me on my private number, ${stamp}.`;
  const sent = await api('POST', `/api/blog/posts/${SEED_SLUG}/comments`, {
    ip: '192.0.2.50',
    body: {
      data: { authorName: 'Rhea Reported', authorEmail: `rhea-${stamp}@example.com`, content },
    },
  });
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  const { documentId } = sent.body.data;
  const approve = await api('POST', '/blog/comments/bulk', {
    token,
    body: { documentIds: [documentId], status: 'approved' },
  });
  assert.equal(approve.status, 200, JSON.stringify(approve.body));
  const isPublic = async () =>
    (await api('GET', `/api/blog/posts/${SEED_SLUG}/comments`)).body.data.some(
      (comment) => comment.documentId === documentId
    );
  assert.equal(await isPublic(), true);

  // One report per reader (each its own address), up to the setting that holds the comment.
  const { reportsToHold } = (await api('GET', '/blog/settings', { token })).body.data;
  assert.ok(reportsToHold >= 2, `reportsToHold is ${reportsToHold}`);
  const reasons = ['personal-info', ...Array(reportsToHold - 1).fill('off-topic')];
  for (const [i, reason] of reasons.entries()) {
    assert.equal(await isPublic(), true, `still public before report ${i + 1}`);
    const note = i === 0 ? 'It gives a phone number.' : undefined;
    const res = await api('POST', `/api/blog/comments/${documentId}/reports`, {
      ip: `192.0.2.${51 + i}`,
      body: { data: { reason, ...(note ? { note } : {}) } },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
  assert.equal(await isPublic(), false, 'held once reported enough');

  // The queue says why it waits, as a sentence.
  const page = await adminPage();
  await page.goto(`${base}/admin/plugins/blog/moderation?q=${stamp}`);
  const queued = page.getByTestId('comment-row').filter({ hasText: 'Rhea Reported' });
  await waitShown(page, queued, 'reported-queue');
  assert.match(
    await queued.getByTestId('comment-reason').innerText(),
    new RegExp(`Held: ${reportsToHold} readers reported it \\(holding from ${reportsToHold}\\)\\.`)
  );

  // The Reported view: the count, the reasons in words (not their codes), the note, the status.
  await page
    .getByRole('link', { name: /^Reported/ })
    .first()
    .click();
  await page.waitForURL(/\/admin\/plugins\/blog\/reported/);
  const row = page.getByTestId('reported-row').filter({ hasText: content });
  await waitShown(page, row, 'reported-view');
  assert.equal(await row.getByTestId('reported-count').innerText(), `${reportsToHold} reports`);
  const text = await row.innerText();
  assert.match(text, new RegExp(`Off-topic × ${reportsToHold - 1}`));
  assert.match(text, /Personal information × 1/);
  assert.match(text, /“It gives a phone number\.”/);
  assert.match(text, /Pending/i);
  assert.doesNotMatch(text, /personal-info|off-topic/);
  await shot(page, 'reported-view');

  // Every action there can be undone: marked as spam, it leaves the view; Undo holds it again,
  // reports and all.
  const listedAs = async (status) => {
    const res = await api('GET', `/blog/comments?status=${status}&q=${stamp}`, { token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.data.some((comment) => comment.documentId === documentId);
  };
  await row.getByRole('button', { name: 'Mark as spam' }).click();
  const toast = page.getByTestId('undo-toast');
  await toast
    .getByText('Marked as spam. Undo sets its former status back, with its reports.')
    .waitFor();
  await row.waitFor({ state: 'detached' });
  assert.equal(await listedAs('spam'), true, 'in spam');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await page.getByText('Undone: the comment has its former status back').first().waitFor();
  assert.equal(await listedAs('pending'), true, 'held again after the undo');
  assert.equal(await listedAs('spam'), false, 'out of spam after the undo');
  await waitShown(page, row, 'reported-undone');
  assert.equal(await row.getByTestId('reported-count').innerText(), `${reportsToHold} reports`);

  // Approving says that its Undo would not bring the cleared reports back.
  await row.getByRole('button', { name: 'Approve and clear reports' }).click();
  await toast
    .getByText(
      'Approved; its reports are cleared. Undo sets its former status back, but the reports stay cleared.'
    )
    .waitFor();
  await row.waitFor({ state: 'detached' });
  assert.equal(await isPublic(), true, 'public again');
  const listed = await api('GET', '/blog/reports?pageSize=100', { token });
  assert.equal(listed.status, 200);
  assert.equal(
    listed.body.data.some((comment) => comment.documentId === documentId),
    false,
    'its reports are cleared'
  );
  await page.close();
});
