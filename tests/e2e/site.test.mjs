/**
 * The example reader's site (`npm run example`, examples/site/) in Debian's Chromium, against the
 * running demo: read the seed post and its lessons, send a comment, see it held, approve it
 * through the admin API, see it in the thread; switch to the post's French version and comment
 * there. Before the readers come, an editor (through the admin API, as the Content Manager does)
 * gives the seed post a cover, an author, two tags and a French translation with its own five
 * lessons. Last, the editor changes the post's draft and opens Strapi's preview of it: the draft
 * shows in this site, in the admin. Screenshots go to docs/screenshots/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { ROOT, startDemo, startSite } from '../helpers/demo-server.mjs';
import { SEED_LESSONS } from '../helpers/seed-lessons.mjs';

const PORT = Number(process.env.E2E_SITE_API_PORT || 1399);
const SITE_PORT = Number(process.env.E2E_SITE_PORT || 3399);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const ADMIN = { email: 'admin@example.com', password: 'Demo-admin-1' };

const SEED_SLUG = 'networking-biggest-mistake';
const FR_SLUG = 'la-plus-grande-erreur-du-reseautage';
const FR_LESSONS = [
  'Le réseautage, c’est donner avant de recevoir.',
  'Écoutez plus que vous ne parlez.',
  'Entretenez vos relations avant d’en avoir besoin.',
  'Une présentation sincère vaut mieux qu’un discours.',
  'Remerciez toujours ceux qui vous aident.',
];

let demo;
let site;
let browser;
let token;
const siteUrl = `http://127.0.0.1:${SITE_PORT}`;

/** A call to the demo's admin API with the editor's token; fails the test on an error answer. */
const admin = async (method, url, body) => {
  const res = await fetch(`${demo.base}${url}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body instanceof FormData ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await res.json().catch(() => null);
  assert.ok(res.ok, `${method} ${url} answered ${res.status}: ${JSON.stringify(answer)}`);
  return answer;
};

/** A cover image: a banner Chromium draws, as PNG bytes (1200 × 600). */
const drawCover = async () => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 600 } });
  await page.setContent(
    '<body style="margin:0"><div style="width:1200px;height:600px;display:flex;align-items:center;' +
      'justify-content:center;background:linear-gradient(135deg,#2b5876,#4e4376);color:#fff;' +
      'font:bold 72px Georgia,serif">Networking</div></body>'
  );
  const bytes = await page.screenshot({ type: 'png' });
  await page.close();
  return bytes;
};

const CM = '/content-manager/collection-types';

/**
 * What an editor does in the Content Manager, through the same admin API: a French locale, a
 * cover, an author, two tags on the seed post, and its French translation, all published.
 */
const editSeedPost = async () => {
  token = (await admin('POST', '/admin/login', ADMIN)).data.token;
  // The demo seeds French on its first boot (playground/src/seed/demo-locales.ts); an app that
  // lacks it gets it here, as an editor would in Settings → Internationalization.
  const locales = await admin('GET', '/i18n/locales');
  if (!locales.some((locale) => locale.code === 'fr')) {
    await admin('POST', '/i18n/locales', { name: 'French (fr)', code: 'fr', isDefault: false });
  }
  const form = new FormData();
  form.append('files', new Blob([await drawCover()], { type: 'image/png' }), 'networking.png');
  form.append(
    'fileInfo',
    JSON.stringify({ name: 'networking.png', alternativeText: 'The word Networking on blue' })
  );
  const [cover] = await admin('POST', '/upload', form);
  const author = await admin('POST', `${CM}/plugin::blog.author`, {
    name: 'Chicken Soup Reader',
    slug: 'chicken-soup-reader',
    bio: 'Collects lessons in life, one post at a time.',
  });
  const tags = [];
  for (const name of ['Networking', 'Career']) {
    const tag = await admin('POST', `${CM}/plugin::blog.tag?locale=en`, {
      name,
      slug: name.toLowerCase(),
      locale: 'en',
    });
    tags.push({ documentId: tag.data.documentId, locale: 'en' });
  }
  const seed = await fetch(`${demo.base}/api/blog/posts/${SEED_SLUG}`).then((res) => res.json());
  const post = `${CM}/plugin::blog.post/${seed.data.documentId}`;
  await admin('PUT', `${post}?locale=en`, {
    locale: 'en',
    cover: cover.id,
    author: { connect: [{ documentId: author.data.documentId }] },
    tags: { connect: tags },
  });
  await admin('POST', `${post}/actions/publish?locale=en`, { locale: 'en' });
  await admin('PUT', `${post}?locale=fr`, {
    locale: 'fr',
    title: 'La plus grande erreur du réseautage ?',
    slug: FR_SLUG,
    originalDate: seed.data.originalDate,
    body: [
      {
        type: 'paragraph',
        children: [{ type: 'text', text: 'Quelle est la plus grande erreur du réseautage ?' }],
      },
    ],
    lessonsHeading: 'Leçons de vie',
    lessons: FR_LESSONS.map((text) => ({ text })),
    commentsEnabled: true,
  });
  await admin('POST', `${post}/actions/publish?locale=fr`, { locale: 'fr' });
};

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  // The demo's "Open preview" points at this site (playground/config/plugins.ts).
  demo = await startDemo({ port: PORT, name: 'e2e-site', env: { SITE_URL: siteUrl } });
  site = await startSite(demo.base, SITE_PORT);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  await editSeedPost();
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
  // The home list counts the seed post's one comment in the singular (it said "1 comments").
  const summary = page.locator('.post-summary').filter({ hasText: 'Networking biggest mistake?' });
  assert.match(await summary.locator('.meta').first().innerText(), /· 1 comment$/);
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
  // What the editor gave it: the cover (from the Strapi server, with its formats), the author's
  // page, the tags, the reading time and the other language.
  const cover = page.locator('figure.cover img');
  assert.equal(await cover.getAttribute('alt'), 'The word Networking on blue');
  assert.match(await cover.getAttribute('src'), new RegExp(`^${demo.base}/uploads/`));
  assert.match(await cover.getAttribute('srcset'), /small_\S+ 500w/);
  assert.ok(await cover.evaluate((img) => img.complete && img.naturalWidth > 0));
  assert.equal(
    await page.getByRole('link', { name: 'Chicken Soup Reader' }).getAttribute('href'),
    '/authors/chicken-soup-reader'
  );
  assert.deepEqual(await page.locator('.tags a').allInnerTexts(), ['Career', 'Networking']);
  assert.match(await page.locator('article .meta').first().innerText(), /\d+ min read/);
  await page.screenshot({ path: path.join(SHOTS, 'site-post.png'), fullPage: true });

  // A bad email: the problem once, in the form's words, under the Email field (it was shown
  // twice, as "authorEmail must be …", above the form).
  const form = page.locator('#comment-form');
  await form.getByLabel('Name').fill('Olivia & "Co"');
  await form.getByLabel('Email (never shown)').fill('not-an-email');
  await form.getByLabel('Comment', { exact: true }).fill('Networking is gardening.');
  await form.getByRole('button', { name: 'Send' }).click();
  const emailError = page.locator('#error-authorEmail');
  await emailError.waitFor();
  assert.equal(await emailError.innerText(), 'Email must be a valid email address');
  assert.equal(
    await form.getByLabel('Email (never shown)').getAttribute('aria-describedby'),
    'error-authorEmail'
  );
  assert.equal(await form.getByText('must be a valid email address').count(), 1);
  assert.doesNotMatch(await form.innerText(), /authorEmail/);
  assert.equal(
    await page.locator('#form-error').innerText(),
    'Please check the fields marked below.'
  );

  // A good one: held, and nothing else said (after a comment, the form's next token once
  // failed with "Cannot set properties of null (setting 'name')").
  await form.getByLabel('Email (never shown)').fill('olivia@example.com');
  await form.getByRole('button', { name: 'Send' }).click();
  await page.getByText('Thank you: your comment is awaiting moderation.').waitFor();
  // The form's second token loaded, or its failure shown.
  await page.waitForFunction(
    () =>
      globalThis.document.getElementById('comment-form').dataset.tokens === '2' ||
      !globalThis.document.getElementById('form-error').hidden
  );
  assert.equal(await page.locator('#form-error').isHidden(), true);
  assert.equal(await page.locator('#error-authorEmail').isHidden(), true);
  await page.screenshot({ path: path.join(SHOTS, 'site-comment-held.png') });
  await page.reload();
  assert.equal(await page.getByTestId('comment').count(), 1);

  // An editor approves it (the admin API, as the Moderation view does).
  const auth = { Authorization: `Bearer ${token}` };
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

test('a reader switches to the French version of the post, and comments from it', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  page.setDefaultTimeout(30_000);
  await page.goto(`${siteUrl}/posts/${SEED_SLUG}`);
  await page.locator('nav.languages').getByRole('link', { name: 'français' }).click();
  await page.waitForURL(new RegExp(`/fr/posts/${FR_SLUG}$`));
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.equal(await page.locator('h1').innerText(), 'La plus grande erreur du réseautage ?');
  assert.equal(await page.locator('#lessons-heading').innerText(), 'Leçons de vie');
  assert.deepEqual(await page.locator('.lessons li').allInnerTexts(), FR_LESSONS);
  // The same cover, and the way back.
  assert.equal(
    await page.locator('figure.cover img').getAttribute('alt'),
    'The word Networking on blue'
  );
  assert.equal(
    await page.locator('nav.languages').getByRole('link', { name: 'English' }).getAttribute('href'),
    `/en/posts/${SEED_SLUG}`
  );
  const hreflang = await page
    .locator('link[rel="alternate"][hreflang]')
    .evaluateAll((links) => links.map((link) => link.getAttribute('hreflang')));
  assert.deepEqual(hreflang, ['fr', 'en', 'x-default']);
  // One thread per post: the English page's comments show here too.
  assert.ok((await page.getByTestId('comment').count()) >= 1);
  await page.screenshot({ path: path.join(SHOTS, 'site-post-fr.png'), fullPage: true });

  // The comment form works with the French slug: the page's language goes with its requests.
  // (The reader before was the same address a moment ago: the flood interval is turned off.)
  const settings = await admin('GET', '/blog/settings');
  await admin('PUT', '/blog/settings', { ...settings.data, floodIntervalSeconds: 0 });
  const form = page.locator('#comment-form');
  await form.getByLabel('Name').fill('Camille');
  await form.getByLabel('Email (never shown)').fill('camille@example.com');
  await form.getByLabel('Comment', { exact: true }).fill('Merci pour ces leçons.');
  await form.getByRole('button', { name: 'Send' }).click();
  await page.getByText('Thank you: your comment is awaiting moderation.').waitFor();
  const queue = await admin('GET', '/blog/comments?status=pending&q=camille');
  assert.equal(queue.data.length, 1);
  await page.close();
});

test('a reader edits their comment within the window, and reports one until it is held', async () => {
  const before = await admin('GET', '/blog/settings');
  // Published at once, the reader's two requests a moment apart, one report holds.
  await admin('PUT', '/blog/settings', {
    ...before.data,
    requireApproval: 'never',
    floodIntervalSeconds: 0,
    editWindowMinutes: 10,
    reportsToHold: 1,
  });
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  page.setDefaultTimeout(30_000);
  try {
    await page.goto(`${siteUrl}/posts/${SEED_SLUG}`);
    const form = page.locator('#comment-form');
    await form.getByLabel('Name').fill('Priya');
    await form.getByLabel('Email (never shown)').fill('priya@example.com');
    await form.getByLabel('Comment', { exact: true }).fill('Netwrok with care.');
    await form.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Thank you: your comment is published.').waitFor();

    // Her own comment has "Edit" (the token is in this browser); the others do not.
    await page.reload();
    const id = await page
      .getByTestId('comment')
      .filter({ hasText: 'Netwrok with care.' })
      .getAttribute('id');
    const mine = page.locator(`[id="${id}"]`);
    await mine.getByRole('button', { name: 'Edit' }).click();
    const edit = page.locator('#edit-form');
    await edit.getByLabel('Your comment').fill('Network with care.');
    await edit.getByRole('button', { name: 'Save' }).click();
    await mine.locator('.content').getByText('Network with care.').waitFor();
    await page.reload();
    assert.equal(await mine.locator('.content').innerText(), 'Network with care.');
    assert.match(await mine.locator('.author .meta').first().innerText(), /edited$/);
    // Its Edit shows; another reader's stays hidden (no token for it in this browser).
    assert.equal(await mine.locator('button.edit').isVisible(), true);
    const others = page
      .getByTestId('comment')
      .filter({ hasText: 'Networking is gardening.' })
      .locator('button.edit')
      .first();
    assert.equal(await others.count(), 1);
    assert.equal(await others.isHidden(), true);
    await page.screenshot({ path: path.join(SHOTS, 'site-comment-edited.png') });

    // Another reader finds Olivia's comment off-topic: one report holds it (reportsToHold 1).
    const olivia = page.getByTestId('comment').filter({ hasText: 'Networking is gardening.' });
    await olivia.getByRole('button', { name: 'Report' }).first().click();
    const report = page.locator('#report-form');
    await report.getByLabel('Why report this comment?').selectOption('off-topic');
    await report.getByLabel('Anything to add (optional)').fill('About gardens, not networks.');
    await page.screenshot({ path: path.join(SHOTS, 'site-report.png') });
    await report.getByRole('button', { name: 'Send the report' }).click();
    await olivia.getByRole('button', { name: 'Reported: thank you' }).waitFor();
    await page.reload();
    assert.equal(
      await page.getByTestId('comment').filter({ hasText: 'Networking is gardening.' }).count(),
      0
    );
    const reported = await admin('GET', '/blog/reports');
    const held = reported.data.find((row) => row.content === 'Networking is gardening.');
    assert.equal(held.status, 'pending');
    assert.deepEqual(held.reasons, { 'off-topic': 1 });
    assert.equal(held.notes[0].note, 'About gardens, not networks.');
  } finally {
    await page.close();
    await admin('PUT', '/blog/settings', before.data);
  }
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

test('an editor opens the preview of a changed draft and reads it in the site, in the admin', async () => {
  const seed = await fetch(`${demo.base}/api/blog/posts/${SEED_SLUG}`).then((res) => res.json());
  const post = `${CM}/plugin::blog.post/${seed.data.documentId}`;
  // Saved, not published: the draft differs from what readers see.
  await admin('PUT', `${post}?locale=en`, { locale: 'en', title: 'Networking, the draft' });

  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript(() => {
    globalThis.localStorage.setItem('STRAPI_GUIDED_TOUR', JSON.stringify({ enabled: false }));
  });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  try {
    await page.goto(`${demo.base}/admin/auth/login`);
    await page.getByLabel(/email/i).fill(ADMIN.email);
    await page.getByLabel(/^password/i).fill(ADMIN.password);
    await page.getByRole('button', { name: /login/i }).click();
    await page.waitForURL(/\/admin\/?$/);
    await page.goto(
      `${demo.base}/admin/content-manager/collection-types/plugin::blog.post/${seed.data.documentId}?plugins[i18n][locale]=en`
    );
    await page.getByRole('link', { name: 'Open preview' }).click();
    await page.waitForURL(/\/preview/);

    const frame = page.frameLocator('iframe');
    await frame.locator('.preview-banner').waitFor();
    assert.match(
      await frame.locator('.preview-banner').innerText(),
      /Preview · draft, not published/
    );
    assert.equal(await frame.locator('h1').innerText(), 'Networking, the draft');
    await page.screenshot({ path: path.join(SHOTS, 'admin-preview.png') });

    // Readers still read the published post.
    const published = await fetch(`${siteUrl}/posts/${SEED_SLUG}`).then((res) => res.text());
    assert.match(published, /<h1>Networking biggest mistake\?<\/h1>/);
  } finally {
    await context.close();
  }
});
