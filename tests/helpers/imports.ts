import type { FindImport, ImportJob, StartImport } from '../../contracts/imports';

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
    ? req.attach('file', file)
    : req.attach('file', file, { filename: fileName, contentType: 'text/xml' });
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
