import type { FindImports, StartImport } from '../../contracts/imports';
import { POST_UID } from '../../server/src/constants';
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
    const counts = (await app.strapi.db.connection.raw(
      `select p.import_key as k, count(c.id) as n from blog_posts p
       left join blog_comments c on c.post_document_id = p.document_id
       where p.import_key is not null and p.published_at is null group by p.import_key`
    )) as unknown;
    const rows = (Array.isArray(counts) ? counts : (counts as { rows: unknown[] }).rows) as Array<{
      n: number | string;
    }>;
    expect(rows.map((row) => Number(row.n))).toEqual(rows.map(() => 5));

    const again = await runImport(app, token, file, { mode: 'import' });
    expect(again.report?.posts).toEqual({
      created: POSTS - before,
      updated: before,
      skipped: [],
    });
    expect(await imported(app)).toBe(POSTS);
  });
});
