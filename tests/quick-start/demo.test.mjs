/**
 * The README's quick start, as a newcomer runs it: `npm run demo` builds what it needs, starts
 * the playground and serves the seed post, its comment and the admin panel.
 * Run with `npm run test:demo` (node's test runner; it builds the admin panel, about a minute).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startDemo } from '../helpers/demo-server.mjs';

const PORT = Number(process.env.DEMO_TEST_PORT || 1399);
const BASE = `http://127.0.0.1:${PORT}`;

let demo;
let output = '';

before(async () => {
  demo = await startDemo({ port: PORT, name: 'quick-start' });
  output = demo.output();
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
