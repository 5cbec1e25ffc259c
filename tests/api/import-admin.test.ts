import fs from 'fs';
import os from 'os';
import path from 'path';

import type { FindImports, ImportJob, StartImport } from '../../contracts/imports';
import type { FindPost } from '../../contracts/posts';
import { ADMIN_ACTIONS, COMMENT_UID, POST_UID } from '../../contracts/plugin';
import { adminToken } from '../helpers/admin';
import { GARDEN_LESSONS, publicPost, runImport, startImport, waitForJob } from '../helpers/imports';
import { adminWithActions } from '../helpers/roles';
import { startApp, type TestApp } from '../helpers/strapi';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'import');
const SMALL_WXR = path.join(FIXTURES, 'small.wxr.xml');
const SEED_BLOGGER = path.join(FIXTURES, 'seed.blogger.xml');
const JOBS_TABLE = 'plugin::blog.import-job';

/** Uploads of `file` still in the temporary folder (Strapi's body parser puts them there). */
const leftUploads = (file: string) => {
  const content = fs.readFileSync(file);
  return fs
    .readdirSync(os.tmpdir(), { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(os.tmpdir(), entry.name))
    .filter((candidate) => {
      try {
        const stat = fs.statSync(candidate);
        return stat.size === content.length && fs.readFileSync(candidate).equals(content);
      } catch {
        return false;
      }
    });
};

/** The admin Import view's routes: upload, dry run, import, progress, report, one at a time. */
describe('importing through the admin API', () => {
  let app: TestApp;
  let token: string;

  const count = (uid: string, where: Record<string, unknown> = {}) =>
    app.strapi.db.query(uid as never).count({ where });
  const jobCount = () => app.strapi.db.query(JOBS_TABLE as never).count({});

  beforeAll(async () => {
    app = await startApp();
    token = await adminToken(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('runs a dry run that reports what an import would do and writes nothing', async () => {
    const before = await count(POST_UID);
    const res = await startImport(app, token, SMALL_WXR, { mode: 'dry-run' }).expect(202);
    const started = (res.body as StartImport.Response).data;
    expect(started).toMatchObject({
      mode: 'dry-run',
      state: 'running',
      format: 'wxr',
      fileName: 'small.wxr.xml',
      fileSize: fs.statSync(SMALL_WXR).size,
      lessons: true,
      startedBy: expect.any(String),
    });

    const job = await waitForJob(app, token, started.id);
    expect(job.state).toBe('done');
    expect(job.report).toMatchObject({
      dryRun: true,
      posts: { created: 3, updated: 0, unchanged: 0, skipped: [] },
      comments: { created: 6, updated: 0, unchanged: 0, skipped: [] },
      notImported: { page: { count: 1 }, attachment: { count: 1 }, pingback: { count: 1 } },
    });
    expect(job.progress).toEqual({
      phase: 'importing',
      posts: 3,
      comments: 6,
      totalPosts: 3,
      totalComments: 6,
    });
    expect(job.finishedAt).not.toBeNull();
    expect(await count(POST_UID)).toBe(before);
  });

  it('imports, then re-checks and re-imports the same file as already up to date, never duplicating', async () => {
    const job = await runImport(app, token, SMALL_WXR, { mode: 'import' });
    expect(job.state).toBe('done');
    expect(job.report).toMatchObject({
      dryRun: false,
      posts: { created: 3, updated: 0, unchanged: 0, skipped: [] },
      comments: { created: 6, updated: 0, unchanged: 0, skipped: [] },
    });
    const garden = await publicPost(app, 'lessons-from-a-garden');
    expect(garden.data.lessons.map((l) => l.text)).toEqual(GARDEN_LESSONS);

    const totals = [await count(POST_UID), await count(COMMENT_UID)];
    const check = await runImport(app, token, SMALL_WXR, { mode: 'dry-run' });
    expect(check.report).toMatchObject({
      dryRun: true,
      posts: { created: 0, updated: 0, unchanged: 3 },
      comments: { created: 0, updated: 0, unchanged: 6 },
    });
    const again = await runImport(app, token, SMALL_WXR, { mode: 'import' });
    expect(again.report).toMatchObject({
      posts: { created: 0, updated: 0, unchanged: 3 },
      comments: { created: 0, updated: 0, unchanged: 6 },
    });
    expect([await count(POST_UID), await count(COMMENT_UID)]).toEqual(totals);
    // The uploads are gone once their runs end.
    expect(leftUploads(SMALL_WXR)).toEqual([]);
  });

  it('imports a Blogger export, and keeps a closing list in the body when lessons is false', async () => {
    const job = await runImport(app, token, SEED_BLOGGER, { mode: 'import', lessons: 'false' });
    expect(job).toMatchObject({ state: 'done', format: 'blogger', lessons: false });
    const seed = (
      await app.http().get('/api/blog/posts/networking-biggest-mistake-1001').expect(200)
    ).body as FindPost.Response;
    expect(seed.data.lessons).toEqual([]);
    expect(seed.data.lessonsHeading).toBeNull();
    expect(JSON.stringify(seed.data.body)).toContain(
      'Lessons in Life :\\n1- A network for the fun'
    );
  });

  it('refuses a file that is neither export before any job starts', async () => {
    const jobs = await jobCount();
    const res = await startImport(app, token, Buffer.from('<html><body>hello</body></html>'), {
      mode: 'import',
    }).expect(400);
    expect(res.body.error).toMatchObject({
      status: 400,
      name: 'ValidationError',
      message: 'export.xml is neither a WordPress (WXR) nor a Blogger export',
    });
    expect(await jobCount()).toBe(jobs);
  });

  it.each([
    ['no mode', {}, /mode is required/],
    ['an unknown mode', { mode: 'later' }, /mode must be dry-run or import/],
    ['a lessons value that is not a boolean', { mode: 'import', lessons: 'yes' }, /lessons/],
    ['an unknown format', { mode: 'import', format: 'tumblr' }, /format must be wxr or blogger/],
    ['an unknown field', { mode: 'import', owner: 'me' }, /Unknown field: owner/],
  ])('answers 400 to %s', async (_name, fields, message) => {
    const jobs = await jobCount();
    const res = await startImport(app, token, SMALL_WXR, fields).expect(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.message).toMatch(message);
    expect(await jobCount()).toBe(jobs);
    expect(leftUploads(SMALL_WXR)).toEqual([]);
  });

  it('answers 400 without a file, and with two', async () => {
    const none = await app
      .http()
      .post('/blog/imports')
      .set('Authorization', `Bearer ${token}`)
      .field('mode', 'import')
      .expect(400);
    expect(none.body.error.message).toMatch(/one export file/);
    // A file under another name is refused, and not left behind.
    await app
      .http()
      .post('/blog/imports')
      .set('Authorization', `Bearer ${token}`)
      .field('mode', 'import')
      .attach('export', SMALL_WXR)
      .expect(400);
    expect(leftUploads(SMALL_WXR)).toEqual([]);
    await app
      .http()
      .post('/blog/imports')
      .set('Authorization', `Bearer ${token}`)
      .field('mode', 'import')
      .attach('files', SMALL_WXR)
      .attach('files', SEED_BLOGGER)
      .expect(400);
  });

  it('fails a job whose file is cut short, with the reason, writing nothing', async () => {
    const whole = fs.readFileSync(SMALL_WXR, 'utf8');
    const cut = Buffer.from(whole.slice(0, whole.lastIndexOf('</item>')));
    const before = [await count(POST_UID), await count(COMMENT_UID)];
    const res = await startImport(app, token, cut, { mode: 'import' }, 'cut.xml').expect(202);
    const job = await waitForJob(app, token, (res.body as StartImport.Response).data.id);
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/cut short/);
    expect(job.report).toBeNull();
    expect([await count(POST_UID), await count(COMMENT_UID)]).toEqual(before);
  });

  it('runs one import at a time: 409 while one runs, and a stopped instance’s job does not block', async () => {
    const now = new Date();
    const running = await app.strapi.db.query(JOBS_TABLE as never).create({
      data: {
        mode: 'import',
        state: 'running',
        lock: 'running',
        fileName: 'elsewhere.xml',
        format: 'wxr',
        startedBy: 'Another editor',
        startedAt: now,
        heartbeatAt: now,
      },
    });
    const busy = await startImport(app, token, SMALL_WXR, { mode: 'dry-run' }).expect(409);
    expect(busy.body.error).toMatchObject({ status: 409, name: 'ConflictError' });
    expect(busy.body.error.message).toMatch(/elsewhere\.xml, started by Another editor/);

    // The same job, its instance silent for two minutes: shown interrupted, and no longer a lock.
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await app.strapi.db
      .query(JOBS_TABLE as never)
      .update({ where: { id: running.id }, data: { heartbeatAt: twoMinutesAgo } });
    const list = (
      await app.http().get('/blog/imports').set('Authorization', `Bearer ${token}`).expect(200)
    ).body as FindImports.Response;
    expect(list.data.find((job: ImportJob) => job.id === running.id)?.state).toBe('interrupted');
    const job = await runImport(app, token, SMALL_WXR, { mode: 'dry-run' });
    expect(job.state).toBe('done');
  });

  it('lists the latest jobs, newest first', async () => {
    const res = await app
      .http()
      .get('/blog/imports')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const jobs = (res.body as FindImports.Response).data;
    expect(jobs.length).toBeGreaterThan(3);
    expect(jobs.length).toBeLessThanOrEqual(10);
    const times = jobs.map((job) => job.startedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('needs the import permission on every import route', async () => {
    // The action is offered in Settings → Roles → Plugins → Blog.
    const action = app.strapi
      .service('admin::permission')
      .actionProvider.get(ADMIN_ACTIONS.importPosts);
    expect(action).toMatchObject({
      displayName: 'Import posts and comments',
      section: 'plugins',
      pluginName: 'blog',
    });
    const without = await adminWithActions(app, [ADMIN_ACTIONS.readComments]);
    const withIt = await adminWithActions(app, [ADMIN_ACTIONS.importPosts]);
    const calls = (t: string) => [
      startImport(app, t, SMALL_WXR, { mode: 'dry-run' }),
      app.http().get('/blog/imports').set('Authorization', `Bearer ${t}`),
      app.http().get('/blog/imports/1').set('Authorization', `Bearer ${t}`),
    ];
    for (const res of await Promise.all(calls(without))) expect(res.status).toBe(403);
    await app.http().get('/blog/imports').expect(401);
    await app.http().post('/blog/imports').attach('files', SMALL_WXR).expect(401);
    // A refused upload is not left in the temporary folder.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(leftUploads(SMALL_WXR)).toEqual([]);
    const allowed = await app.http().get('/blog/imports').set('Authorization', `Bearer ${withIt}`);
    expect(allowed.status).toBe(200);
  });

  it('answers 404 for an import that does not exist', async () => {
    const res = await app
      .http()
      .get('/blog/imports/999999')
      .set('Authorization', `Bearer ${token}`)
      .expect(404);
    expect(res.body.error.name).toBe('NotFoundError');
    await app.http().get('/blog/imports/abc').set('Authorization', `Bearer ${token}`).expect(404);
  });
});
