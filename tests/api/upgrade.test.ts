import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

import { Client } from 'pg';

import type { FindComments, FindPost } from '../../contracts';
import { adminToken } from '../helpers/admin';
import { submit, validComment } from '../helpers/comments-api';
import { freshDatabase, isPostgres, ROOT, startApp, type TestApp } from '../helpers/strapi';

/**
 * Upgrading: a database written by release 0.1.0 (before issue 13's model change) boots with the
 * current code and loses nothing. The fixtures in `tests/fixtures/upgrade/` were made by
 * `make-fixture.js` at 0.1.0 (see its header): a SQLite file, a PostgreSQL dump of the same
 * content, and, per database, every request 0.1.0 answered with its answer and the plugin
 * tables' row counts. Each answer must still be given: same status, every field 0.1.0 had with
 * the same value, lists of the same length in the same order; fields added since are allowed.
 */
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'upgrade');

interface Answer {
  name: string;
  path: string;
  admin: boolean;
  status: number;
  body: unknown;
}
interface Expected {
  release: string;
  databases: Record<'sqlite' | 'postgres', { tables: Record<string, number>; answers: Answer[] }>;
}

const expected = JSON.parse(
  fs.readFileSync(path.join(FIXTURES, '0.1.0.expected.json'), 'utf8')
) as Expected;
const fixture = expected.databases[isPostgres() ? 'postgres' : 'sqlite'];

/** A fresh database holding the 0.1.0 fixture: a copy of the SQLite file, or the dump restored. */
const restoreFixture = async () => {
  if (!isPostgres()) {
    const file = freshDatabase();
    fs.copyFileSync(path.join(FIXTURES, '0.1.0.sqlite'), file);
    return file;
  }
  const name = `blog_upgrade_${process.env.JEST_WORKER_ID ?? '0'}_${process.pid}`;
  const connection = {
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 5432),
    user: process.env.DATABASE_USERNAME ?? 'postgres',
    password: process.env.DATABASE_PASSWORD ?? '',
  };
  const client = new Client({ ...connection, database: 'postgres' });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const args = ['-h', connection.host, '-p', String(connection.port), '-U', connection.user];
  execFileSync(
    'psql',
    [
      ...args,
      '-d',
      name,
      '-v',
      'ON_ERROR_STOP=1',
      '-q',
      '-f',
      path.join(FIXTURES, '0.1.0.postgres.sql'),
    ],
    {
      env: { ...process.env, PGPASSWORD: connection.password },
      stdio: ['ignore', 'ignore', 'pipe'],
    }
  );
  return name;
};

const show = (value: unknown) => {
  const text = JSON.stringify(value);
  return text === undefined ? 'nothing' : text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

/**
 * Where `actual` lost or changed what `expected` holds, as `field: expected …, got …` lines.
 * Objects may have more keys than expected; arrays must keep their length and order.
 */
const differences = (expectedValue: unknown, actual: unknown, at = 'body'): string[] => {
  if (Array.isArray(expectedValue)) {
    if (!Array.isArray(actual)) return [`${at}: expected a list, got ${show(actual)}`];
    if (actual.length !== expectedValue.length) {
      return [
        `${at}: expected ${expectedValue.length} items, got ${actual.length}: ${show(actual)}`,
      ];
    }
    return expectedValue.flatMap((item, i) => differences(item, actual[i], `${at}[${i}]`));
  }
  if (expectedValue !== null && typeof expectedValue === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return [`${at}: expected an object, got ${show(actual)}`];
    }
    return Object.entries(expectedValue).flatMap(([key, value]) =>
      key in actual
        ? differences(value, (actual as Record<string, unknown>)[key], `${at}.${key}`)
        : [`${at}.${key}: missing (was ${show(value)})`]
    );
  }
  return Object.is(expectedValue, actual)
    ? []
    : [`${at}: expected ${show(expectedValue)}, got ${show(actual)}`];
};

interface Thread {
  authorName: string;
  content: string;
  replies: Thread[];
}
const shape = (threads: Thread[]): unknown[] =>
  threads.map((c) => [`${c.authorName}: ${c.content}`, shape(c.replies)]);

describe(`a database made by release ${expected.release}`, () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await startApp({ database: await restoreFixture() });
    token = await adminToken(app);
  }, 120000);

  afterAll(async () => {
    await app?.stop();
  });

  const get = (answer: Pick<Answer, 'path' | 'admin'>) => {
    const req = app.http().get(answer.path);
    return answer.admin ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  it('keeps every row of the plugin tables', async () => {
    const knex = app.strapi.db.connection;
    const counts: Record<string, number | string> = {};
    for (const table of Object.keys(fixture.tables)) {
      counts[table] = (await knex.schema.hasTable(table))
        ? Number((await knex(table).count({ n: '*' }))[0].n)
        : 'table missing';
    }
    expect(counts).toEqual(fixture.tables);
  });

  it('still gives every answer 0.1.0 gave: no field lost or changed, additions allowed', async () => {
    expect(fixture.answers.length).toBeGreaterThan(50);
    const problems: string[] = [];
    for (const answer of fixture.answers) {
      const res = await get(answer);
      const where = `${answer.name} (${answer.admin ? 'admin ' : ''}GET ${answer.path})`;
      if (res.status !== answer.status) {
        problems.push(`${where}: status ${res.status}, was ${answer.status}: ${show(res.body)}`);
        continue;
      }
      problems.push(...differences(answer.body, res.body).map((line) => `${where} ${line}`));
    }
    expect(problems).toEqual([]);
  });

  it('serves an approved thread whole, with its count', async () => {
    const thread = async (slug: string) => {
      const post = (await app.http().get(`/api/blog/posts/${slug}`).expect(200))
        .body as FindPost.Response;
      const comments = (await app.http().get(`/api/blog/posts/${slug}/comments`).expect(200))
        .body as FindComments.Response;
      return { count: post.data.commentCount, thread: shape(comments.data as Thread[]) };
    };
    expect(await thread('five-habits-of-a-good-host')).toEqual({
      count: 4,
      thread: [
        [
          'Ann: Hosting is mostly listening.',
          [['Dan: And remembering names.', [['Ann: Names first, always.', []]]]],
        ],
        ['Eve: See https://eve.example/a and https://eve.example/b for more.', []],
      ],
    });
    const seed = await thread('networking-biggest-mistake');
    expect(seed.count).toBe(3);
    expect(seed.thread).toEqual([
      [
        expect.stringMatching(/^followmyfitness: /),
        [['Hal: Sowing slowly worked for me too.', []]],
      ],
      ['Ivy: Ten years on, still true.', []],
    ]);
    expect(await thread('lessons-from-a-garden')).toEqual({
      count: 3,
      thread: [
        ['Bea: Lovely post.', [['Ana Writer: Thank you, Bea!', [["Bea: You're welcome.", []]]]]],
      ],
    });
  });

  it('takes a new comment on an old post, moderates it and counts it; a closed post stays closed', async () => {
    const slug = 'networking-biggest-mistake';
    const before = (await app.http().get(`/api/blog/posts/${slug}`).expect(200))
      .body as FindPost.Response;
    const form = (await app.http().get(`/api/blog/posts/${slug}/comment-form`).expect(200)).body
      .data;
    const data = validComment({ content: 'Read after the upgrade.' });
    const sent = await submit(app, slug, {
      data,
      formToken: form.formToken,
      [form.honeypotField]: '',
    });
    expect(sent.status).toBe(201);
    // A first comment from this author waits (the fixture keeps requireApproval: first-time).
    expect(sent.body.data.status).toBe('pending');
    const documentId = sent.body.data.documentId as string;

    await app
      .http()
      .patch(`/blog/comments/${documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ status: 'approved' })
      .expect(200);

    const after = (await app.http().get(`/api/blog/posts/${slug}`).expect(200))
      .body as FindPost.Response;
    expect(after.data.commentCount).toBe(before.data.commentCount + 1);
    const comments = (await app.http().get(`/api/blog/posts/${slug}/comments`).expect(200))
      .body as FindComments.Response;
    expect(comments.data.map((c) => c.content)).toContain('Read after the upgrade.');
    const events = await app
      .http()
      .get(`/blog/comments/${documentId}/events`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(
      events.body.data.map(
        (e: { fromStatus: string | null; toStatus: string; actorType: string }) => [
          e.fromStatus,
          e.toStatus,
          e.actorType,
        ]
      )
    ).toEqual([
      [null, 'pending', 'system'],
      ['pending', 'approved', 'admin'],
    ]);

    const closed = await submit(app, 'comments-closed-here', {
      data: validComment(),
      [form.honeypotField]: '',
    });
    expect(closed.status).toBe(403);
  });
});
