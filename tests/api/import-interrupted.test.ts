import { randomUUID } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

import type { FindImports, StartImport } from '../../contracts/imports';
import { POST_UID } from '../../contracts/plugin';
import { rawRows } from '../../server/src/db/dialect';
import { adminToken } from '../helpers/admin';
import { generatedWxr, runImport, startImport } from '../helpers/imports';
import { freshDatabase, startApp, type TestApp } from '../helpers/strapi';

const POSTS = 60;

/** Strapi stopping in the middle of an import: the run says so, and a re-run completes it. */
describe('an import interrupted by a stop', () => {
  const database = freshDatabase();
  const file = generatedWxr(POSTS, 5);
  let app: TestApp | undefined;
  const imported = (a: TestApp) =>
    a.strapi.db
      .query(POST_UID as never)
      .count({ where: { importKey: { $startsWith: 'wxr:post:' }, publishedAt: { $null: true } } });

  afterAll(async () => {
    await app?.stop();
  });

  it('is saved as interrupted, keeps whole posts, and the same file completes it', async () => {
    app = await startApp({ database, keepDb: true });
    let token = await adminToken(app);
    const res = await startImport(app, token, file, { mode: 'import' }, 'big.xml').expect(202);
    const id = (res.body as StartImport.Response).data.id;
    // Stop once a few posts are in.
    while ((await imported(app)) < 3) await new Promise((resolve) => setTimeout(resolve, 50));
    await app.stop();

    app = await startApp({ database });
    token = await adminToken(app);
    const jobs = (
      await app.http().get('/blog/imports').set('Authorization', `Bearer ${token}`).expect(200)
    ).body as FindImports.Response;
    const job = jobs.data.find((candidate) => candidate.id === id)!;
    expect(job.state).toBe('interrupted');
    expect(job.finishedAt).not.toBeNull();
    const before = await imported(app);
    expect(before).toBeGreaterThanOrEqual(3);
    expect(before).toBeLessThan(POSTS);
    // Every post that is in has all its comments: a post and its comments are one transaction.
    const rows = rawRows<{ n: number | string }>(
      await app.strapi.db.connection.raw(
        `select p.import_key as k, count(c.id) as n from blog_posts p
         left join blog_comments c on c.post_document_id = p.document_id
         where p.import_key is not null and p.published_at is null group by p.import_key`
      )
    );
    expect(rows.map((row) => Number(row.n))).toEqual(rows.map(() => 5));

    const again = await runImport(app, token, file, { mode: 'import' });
    // The posts already in are whole: left as they are, not written again.
    expect(again.report?.posts).toEqual({
      created: POSTS - before,
      updated: 0,
      unchanged: before,
      skipped: [],
    });
    expect(await imported(app)).toBe(POSTS);
    // Two boots of Strapi and two imports of 60 posts in one test: more than jest's default 60 s
    // on a loaded 2-core machine (about 20 s on a quiet one).
  }, 180000);

  it('leaves no job file behind: a boot removes those of runs that are over', async () => {
    await app?.stop();
    const db = freshDatabase();
    app = await startApp({ database: db, keepDb: true });
    const now = Date.now();
    const jobFile = () => {
      const file = path.join(os.tmpdir(), `strapi-blog-import-${randomUUID()}.xml`);
      fs.writeFileSync(file, '<rss/>');
      return file;
    };
    // As a killed instance leaves them: its run still "running" (stale or not), and the
    // files of runs that ended while their removal did not happen.
    const rows = {
      done: { state: 'done', heartbeatAt: new Date(now) },
      failed: { state: 'failed', heartbeatAt: new Date(now) },
      interrupted: { state: 'interrupted', heartbeatAt: new Date(now) },
      stale: { state: 'running', lock: 'running', heartbeatAt: new Date(now - 5 * 60_000) },
    };
    const files: Record<string, string> = {};
    for (const [name, row] of Object.entries(rows)) {
      files[name] = jobFile();
      await app.strapi.db.query('plugin::blog.import-job' as never).create({
        data: {
          mode: 'import',
          fileName: `${name}.xml`,
          format: 'wxr',
          startedAt: new Date(now - 10 * 60_000),
          filePath: files[name],
          ...row,
        },
      });
    }
    // A path that is not a job's copy stays, whatever a row says.
    const stranger = path.join(os.tmpdir(), `not-a-job-${randomUUID()}.xml`);
    fs.writeFileSync(stranger, 'keep');
    await app.strapi.db.query('plugin::blog.import-job' as never).create({
      data: {
        mode: 'import',
        state: 'done',
        fileName: 'stranger.xml',
        format: 'wxr',
        startedAt: new Date(now),
        heartbeatAt: new Date(now),
        filePath: stranger,
      },
    });
    await app.stop();

    app = await startApp({ database: db });
    for (const name of Object.keys(rows))
      expect([name, fs.existsSync(files[name])]).toEqual([name, false]);
    expect(fs.existsSync(stranger)).toBe(true);
    fs.rmSync(stranger);
    const left = await app.strapi.db
      .query('plugin::blog.import-job' as never)
      .count({ where: { filePath: { $notNull: true }, fileName: { $ne: 'stranger.xml' } } });
    expect(left).toBe(0);
  });
});
