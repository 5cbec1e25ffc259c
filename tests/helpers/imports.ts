import type { FindImport, ImportJob, StartImport } from '../../contracts/imports';
import type { FindPost } from '../../contracts/posts';

import type { TestApp } from './strapi';

/** Uploads an export to `POST /blog/imports` as the admin's Import view does. */
export const startImport = (
  app: TestApp,
  token: string,
  file: string | Buffer,
  fields: Record<string, string>,
  fileName = 'export.xml'
) => {
  let req = app.http().post('/blog/imports').set('Authorization', `Bearer ${token}`);
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  return typeof file === 'string'
    ? req.attach('files', file)
    : req.attach('files', file, { filename: fileName, contentType: 'text/xml' });
};

/** Polls `GET /blog/imports/:id` until the job has ended; fails after `timeoutMs`. */
export const waitForJob = async (
  app: TestApp,
  token: string,
  id: number,
  timeoutMs = 120_000
): Promise<ImportJob> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await app
      .http()
      .get(`/blog/imports/${id}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const job = (res.body as FindImport.Response).data;
    if (job.state !== 'running') return job;
    if (Date.now() > until) throw new Error(`import ${id} still running: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** Starts an import and waits for its end. */
export const runImport = async (
  app: TestApp,
  token: string,
  file: string | Buffer,
  fields: Record<string, string>
): Promise<ImportJob> => {
  const res = await startImport(app, token, file, fields);
  if (res.status !== 202) throw new Error(`upload refused: ${res.status} ${res.text}`);
  return waitForJob(app, token, (res.body as StartImport.Response).data.id);
};

/** A WordPress export of `posts` published posts with `comments` approved comments each. */
export const generatedWxr = (posts: number, comments: number): Buffer => {
  const items = Array.from({ length: posts }, (_, p) => {
    const thread = Array.from(
      { length: comments },
      (_, c) =>
        `<wp:comment><wp:comment_id>${p * 1000 + c + 1}</wp:comment_id>` +
        `<wp:comment_author>Reader ${c}</wp:comment_author>` +
        `<wp:comment_author_email>reader${c}@example.com</wp:comment_author_email>` +
        `<wp:comment_date_gmt>2015-01-0${(c % 9) + 1} 00:00:00</wp:comment_date_gmt>` +
        `<wp:comment_content><![CDATA[Comment ${c} on post ${p}]]></wp:comment_content>` +
        `<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent>` +
        `</wp:comment>`
    ).join('');
    return (
      `<item><title>Generated ${p + 1}</title>` +
      `<content:encoded><![CDATA[<p>Post ${p + 1}</p>]]></content:encoded>` +
      `<wp:post_id>${p + 1}</wp:post_id><wp:post_date_gmt>2015-01-01 00:00:00</wp:post_date_gmt>` +
      `<wp:post_name>generated-${p + 1}</wp:post_name><wp:status>publish</wp:status>` +
      `<wp:post_type>post</wp:post_type>${thread}</item>`
    );
  });
  return Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" ' +
      'xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
      'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Generated</title>' +
      `<wp:wxr_version>1.2</wp:wxr_version>${items.join('\n')}</channel></rss>\n`
  );
};

/** The lessons of "Lessons from a garden" in `tests/fixtures/import/small.wxr.xml`, in order. */
export const GARDEN_LESSONS = ['Sow before you need.', 'Water often.', 'Wait.'];

/** An imported post as a site reads it, over the public route. */
export const publicPost = async (app: TestApp, slug: string) =>
  (await app.http().get(`/api/blog/posts/${slug}`).expect(200)).body as FindPost.Response;
