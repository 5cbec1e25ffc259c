/**
 * The README's quick start, as a newcomer runs it: `npm run demo` builds what it needs, starts
 * the playground and serves the seed post, its comment and the admin panel, and catches its
 * mail in a web inbox (no SMTP_HOST set: scripts/mail-catcher.js).
 * Run with `npm run test:demo` (node's test runner; it builds the admin panel, about a minute).
 * Port: DEMO_TEST_PORT (1399); the mail catcher takes free ports (tests/helpers/demo-server.mjs)
 * and the banner says which.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startDemo } from '../helpers/demo-server.mjs';

const PORT = Number(process.env.DEMO_TEST_PORT || 1399);
const BASE = `http://127.0.0.1:${PORT}`;
/** The demo's inbox, as its banner prints it. */
let INBOX;
const SEED = 'networking-biggest-mistake';

let demo;
let output = '';

before(async () => {
  demo = await startDemo({
    port: PORT,
    name: 'quick-start',
    env: {
      // No mail server of the user's: the demo catches its mail. Each reader its own address.
      SMTP_HOST: '',
      IS_PROXIED: 'true',
    },
  });
  output = demo.output();
  const port = /Mail inbox +http:\/\/localhost:(\d+)/.exec(output)?.[1];
  INBOX = `http://127.0.0.1:${port}`;
});

after(() => demo?.stop());

test('prints the admin URL and the demo admin credentials', () => {
  assert.match(output, new RegExp(`http://localhost:${PORT}/admin`));
  assert.match(output, /admin@example\.com \/ Demo-admin-1/);
});

test('serves the seed post with its five lessons', async () => {
  const res = await fetch(`${BASE}/api/blog/posts/networking-biggest-mistake`);
  assert.equal(res.status, 200);
  const { data } = await res.json();
  assert.equal(data.title, 'Networking biggest mistake?');
  assert.equal(data.originalDate, '2008-02-22');
  assert.equal(data.lessonsHeading, 'Chicken Soup for your Soul Lessons in Life');
  assert.deepEqual(
    data.lessons.map((lesson) => lesson.text),
    [
      'A network for the fun a meeting new people... and make true friends.',
      'A network to share stories, tips and tricks.',
      'A network to learn.',
      'A network to find help, unexpectedly, surprisingly.',
      'A network to find a job ...when someone will offer you one!',
    ]
  );
});

test('serves its approved comment by followmyfitness', async () => {
  const res = await fetch(`${BASE}/api/blog/posts/networking-biggest-mistake/comments`);
  assert.equal(res.status, 200);
  const { data } = await res.json();
  assert.equal(data.length, 1);
  assert.equal(data[0].authorName, 'followmyfitness');
  assert.match(data[0].content, /^This is a really interesting topic/);
});

test('serves the built admin panel and lets the demo admin log in', async () => {
  const page = await fetch(`${BASE}/admin`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /text\/html/);
  const login = await fetch(`${BASE}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: 'Demo-admin-1' }),
  });
  assert.equal(login.status, 200);
  const { data } = await login.json();
  assert.equal(typeof data.token, 'string');
});

/** The inbox's mails (newest first), once `count` of them match: the outbox sends every 10 s. */
const waitForMails = async (match, count = 1) => {
  for (let attempt = 0; attempt < 90; attempt += 1) {
    const { data } = await fetch(`${INBOX}/api/mails`).then((res) => res.json());
    const found = data.filter(match);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.fail('the mail did not reach the demo inbox within 45 seconds');
};

const mailById = (id) =>
  fetch(`${INBOX}/api/mails/${id}`)
    .then((res) => res.json())
    .then((answer) => answer.data);

/** A link of a mail's text part, after its label ("Confirm: https://…"). */
const linkAfter = (mail, label) => {
  const line = mail.text.split('\n').find((text) => text.startsWith(`${label}: `));
  assert.ok(line, `no "${label}:" link in:\n${mail.text}`);
  return line.slice(label.length + 2).trim();
};

const comment = async (ip, data) => {
  const res = await fetch(`${BASE}/api/blog/posts/${SEED}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip },
    body: JSON.stringify({ data }),
  });
  const answer = await res.json();
  assert.equal(res.status, 201, JSON.stringify(answer));
  return answer.data;
};

/** A moderator's one-click link: its page asks, its form's POST (to the same address) acts. */
const useModerationLink = async (url) => {
  const page = await fetch(url);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<h1>Approve this comment\?<\/h1>/);
  assert.match(html, /<form method="post" action="">/);
  return fetch(url, { method: 'POST' });
};

test('prints the demo inbox, and catches the mail: confirmation, held comment, reply', async () => {
  assert.match(output, /Mail inbox +http:\/\/localhost:\d+ /);
  const inbox = await fetch(INBOX);
  assert.equal(inbox.status, 200);
  assert.match(await inbox.text(), /<h1>Demo inbox<\/h1>/);

  // A first-time reader asks for replies: the comment is held, the reader is asked to confirm,
  // the demo admin is told about the held comment.
  const ada = await comment('10.9.0.1', {
    authorName: 'Ada & "Co"',
    authorEmail: 'ada.demo@example.com',
    content: 'Networking is listening first.',
    notify: { replies: true },
  });
  assert.equal(ada.status, 'pending');
  const [confirm] = await waitForMails((mail) => mail.to.includes('ada.demo@example.com'));
  assert.equal(confirm.subject, 'Confirm your subscription: Networking biggest mistake?');
  const [held] = await waitForMails(
    (mail) =>
      mail.to.includes('admin@example.com') && mail.subject.startsWith('A comment is waiting')
  );

  // The inbox lists both, and shows a mail with its links clickable, the names escaped.
  const list = await fetch(INBOX).then((res) => res.text());
  assert.match(list, /Confirm your subscription: Networking biggest mistake\?/);
  assert.match(list, /A comment is waiting for moderation: Networking biggest mistake\?/);
  const heldMail = await mailById(held.id);
  const heldPage = await fetch(`${INBOX}/mails/${held.id}`).then((res) => res.text());
  assert.ok(
    heldPage.includes('A comment by Ada &amp; &quot;Co&quot; &lt;ada.demo@example.com&gt; on:'),
    heldPage
  );
  assert.doesNotMatch(heldPage, /<ada\.demo/);
  const approve = linkAfter(heldMail, 'Approve');
  assert.ok(heldPage.includes(`<a href="${approve.replaceAll('&', '&amp;')}"`));

  // The reader confirms; the moderator approves from the mail (once).
  const confirmMail = await mailById(confirm.id);
  const confirmed = await fetch(linkAfter(confirmMail, 'Confirm'));
  assert.equal(confirmed.status, 200);
  assert.match(await confirmed.text(), /<h1>Subscription confirmed<\/h1>/);
  const done = await useModerationLink(approve);
  assert.equal(done.status, 200);
  assert.match(await done.text(), /<h1>Done<\/h1>/);
  const again = await fetch(approve, { method: 'POST' });
  assert.equal(again.status, 409);
  assert.match(await again.text(), /This link was used/);
  const thread = await fetch(`${BASE}/api/blog/posts/${SEED}/comments`).then((res) => res.json());
  assert.ok(thread.data.some((row) => row.content === 'Networking is listening first.'));

  // Another reader replies; approved from its own mail, the reply reaches Ada with the post's
  // title and link, and a one-click unsubscribe.
  const reply = await comment('10.9.0.2', {
    authorName: 'Grace',
    authorEmail: 'grace.demo@example.com',
    content: 'And following up.',
    parent: ada.documentId,
  });
  const [heldReply] = await waitForMails(
    (mail) =>
      mail.to.includes('admin@example.com') && mail.subject.startsWith('A comment is waiting'),
    2
  );
  assert.equal(
    (await useModerationLink(linkAfter(await mailById(heldReply.id), 'Approve'))).status,
    200
  );
  const [replied] = await waitForMails(
    (mail) => mail.to.includes('ada.demo@example.com') && mail.subject.startsWith('Grace replied')
  );
  assert.equal(replied.subject, 'Grace replied to your comment on Networking biggest mistake?');
  const repliedMail = await mailById(replied.id);
  assert.match(repliedMail.text, /And following up\./);
  assert.ok(
    repliedMail.links.includes('http://localhost:3000/en/posts/networking-biggest-mistake')
  );
  assert.match(
    repliedMail.headers['list-unsubscribe'],
    /^<http:\/\/localhost:\d+\/api\/blog\/subscriptions\/unsubscribe\?token=/
  );
  const repliedPage = await fetch(`${INBOX}/mails/${replied.id}`).then((res) => res.text());
  assert.match(repliedPage, /<dt>List-Unsubscribe<\/dt><dd>&lt;http:\/\/localhost/);
  assert.match(
    repliedPage,
    /<iframe title="The mail's HTML part" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="/
  );
  assert.equal(reply.status, 'pending');
});
