import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import os from 'os';
import path from 'path';

import type { ImportJob } from '../../contracts/imports';
import { POST_UID } from '../../contracts/plugin';
import { adminToken } from '../helpers/admin';
import { publicPost, runImport, startImport } from '../helpers/imports';
import { pngBytes } from '../helpers/media';
import { startApp, type TestApp } from '../helpers/strapi';

const FILE_UID = 'plugin::upload.file';
const SITE = 'https://site.invalid';

interface ImageBlock {
  type: 'image';
  image: { url: string; alternativeText: string | null; mime: string };
}

/** A WordPress export of one post with a featured image (attachment 50) and `body`. */
const wxrWith = (postId: string, slug: string, coverUrl: string, body: string) =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Media</title><link>${SITE}</link><wp:wxr_version>1.2</wp:wxr_version>
<item><title>${slug}</title><content:encoded><![CDATA[${body}]]></content:encoded>
<wp:post_id>${postId}</wp:post_id><wp:post_date_gmt>2020-01-01 00:00:00</wp:post_date_gmt>
<wp:post_name>${slug}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>5${postId}</wp:meta_value></wp:postmeta>
</item>
<item><title>cover</title><wp:post_id>5${postId}</wp:post_id><wp:status>inherit</wp:status>
<wp:post_type>attachment</wp:post_type><wp:attachment_url>${coverUrl}</wp:attachment_url></item>
</channel></rss>`);

/**
 * Images of an import into the Media Library: over HTTP from a local server (allowed by the
 * test's configuration), and from a copy of the uploads folder; what cannot be read is listed.
 */
describe('importing a post’s images into the Media Library', () => {
  let app: TestApp;
  let token: string;
  let server: http.Server;
  let base: string;
  /** Paths the image server was asked for. */
  const hits: string[] = [];
  let root: string;
  let uploads: string;
  const png = pngBytes(1, 1);

  const files = () => app.strapi.db.query(FILE_UID as never).count({});
  const setImportConfig = (config: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(config)) {
      app.strapi.config.set(`plugin::blog.import.${key}`, value);
    }
  };
  const importJob = async (file: Buffer, fields: Record<string, string> = {}) => {
    const job = await runImport(app, token, file, { mode: 'import', uploads, ...fields });
    expect(job.state).toBe('done');
    return job.report!;
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url?.startsWith('/img/')) {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
        res.end(png);
      } else if (req.url === '/page.png') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>not an image</html>');
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // The allowed root, an uploads copy under it, a secret beside it and a link out of it.
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-uploads-root-'));
    uploads = path.join(root, 'site', 'uploads');
    fs.mkdirSync(path.join(uploads, '2020', '01'), { recursive: true });
    fs.writeFileSync(path.join(uploads, '2020', '01', 'local.png'), pngBytes(2, 2));
    fs.writeFileSync(path.join(root, 'secret.png'), pngBytes(3, 3));
    fs.symlinkSync(path.join(root, 'secret.png'), path.join(uploads, '2020', '01', 'link.png'));

    app = await startApp();
    token = await adminToken(app);
    setImportConfig({ uploadsRoots: [root], allowPrivateAddresses: true });
  });
  afterAll(async () => {
    await app?.stop();
    await new Promise((resolve) => server?.close(resolve));
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('puts the cover and the body’s images in the Media Library; lists what it cannot read', async () => {
    const body = [
      `<p>Before.</p><p><img src="${base}/img/body.png" alt="A body image"></p>`,
      `<p><a href="${base}/img/body.png"><img src="${SITE}/wp-content/uploads/2020/01/local.png" alt="Local"></a></p>`,
      `<p>Gone: <img src="${base}/missing.png" alt="missing"> and <img src="${base}/page.png"></p>`,
      `<p><img src="http://127.0.0.1:1/refused.png"></p>`,
      `<p><img src="${SITE}/wp-content/uploads/2020%2f..%2f..%2f..%2fsecret.png"></p>`,
      `<p><img src="${SITE}/wp-content/uploads/2020/01/link.png"></p>`,
    ].join('\n');
    const wxr = wxrWith('1', 'with-images', `${base}/img/cover.png`, body);

    // The dry run names what it would read, and reads nothing.
    const before = await files();
    const dry = await runImport(app, token, wxr, { mode: 'dry-run', uploads });
    expect(dry.report?.media?.toFetch).toEqual(
      expect.arrayContaining([`${base}/img/cover.png`, `${base}/img/body.png`])
    );
    expect(hits).toEqual([]);
    expect(await files()).toBe(before);

    const report = await importJob(wxr);
    // Cover, body image (HTTP) and the uploads copy's image: three files.
    expect(report.media).toMatchObject({ created: 3, reused: 0 });
    expect(await files()).toBe(before + 3);
    const reasons = new Map(report.media!.unreadable.map((u) => [u.url, u.reason]));
    expect(reasons.get(`${base}/missing.png`)).toMatch(/404/);
    expect(reasons.get(`${base}/page.png`)).toMatch(/not an image/);
    expect(reasons.get('http://127.0.0.1:1/refused.png')).toMatch(/unreachable/);
    expect(reasons.get(`${SITE}/wp-content/uploads/2020%2f..%2f..%2f..%2fsecret.png`)).toMatch(
      /leaves the uploads folder/
    );
    expect(reasons.get(`${SITE}/wp-content/uploads/2020/01/link.png`)).toMatch(
      /leaves the uploads folder/
    );
    expect(report.media!.unreadableTotal).toBe(5);

    const post = (await publicPost(app, 'with-images')).data;
    expect(post.cover).toMatchObject({ mime: 'image/png', width: 1, height: 1 });
    const images = (post.body ?? []).filter(
      (b) => (b as { type: string }).type === 'image'
    ) as unknown as ImageBlock[];
    expect(images.map((i) => [i.image.alternativeText, i.image.mime])).toEqual([
      ['A body image', 'image/png'],
      ['Local', 'image/png'],
    ]);
    for (const image of images) expect(image.image.url).toMatch(/^\/uploads\//);
    // What could not be read stays a link to the image.
    expect(JSON.stringify(post.body)).toContain(`${base}/missing.png`);
  });

  it('creates no second file when the same export is imported again', async () => {
    const before = await files();
    const served = hits.length;
    const wxr = wxrWith(
      '1',
      'with-images',
      `${base}/img/cover.png`,
      `<p><img src="${base}/img/body.png"></p>`
    );
    // Its body changed since the run above: updated; a run of the same file again: unchanged,
    // its images (cover and in the body) found the same.
    const report = await importJob(wxr);
    expect(report.posts).toMatchObject({ created: 0, updated: 1 });
    expect((await importJob(wxr)).posts).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(report.media).toMatchObject({ created: 0, reused: 2 });
    expect(await files()).toBe(before);
    expect(hits.length).toBe(served);
    expect((await publicPost(app, 'with-images')).data.cover).not.toBeNull();
  });

  it('never fetches from a private address unless the configuration allows it', async () => {
    setImportConfig({ allowPrivateAddresses: false });
    try {
      const served = hits.length;
      const report = await importJob(
        wxrWith('2', 'private-image', `${base}/img/private-cover.png`, '<p>Text.</p>')
      );
      expect(report.posts).toMatchObject({ created: 1 });
      expect(report.media?.unreadable).toEqual([
        {
          url: `${base}/img/private-cover.png`,
          reason: expect.stringMatching(/private, loopback or link-local/),
        },
      ]);
      expect(hits.length).toBe(served);
      const stored = await app.strapi.db
        .query(POST_UID as never)
        .findOne({ where: { slug: 'private-image' }, populate: { cover: true } });
      expect(stored?.cover ?? null).toBeNull();
    } finally {
      setImportConfig({ allowPrivateAddresses: true });
    }
  });

  it('takes an uploads folder only under import.uploadsRoots, without ".."', async () => {
    const wxr = wxrWith('3', 'refused', `${base}/img/x.png`, '<p>x</p>');
    const refused = async (folder: string) =>
      (await startImport(app, token, wxr, { mode: 'dry-run', uploads: folder }).expect(400)).body
        .error.message as string;
    expect(await refused(`${root}/site/../..`)).toMatch(/without "\." or "\.\."/);
    expect(await refused(`${uploads}/../..`)).toMatch(/without "\." or "\.\."/);
    expect(await refused(os.tmpdir())).toMatch(/not under one of the folders/);
    expect(await refused('relative/uploads')).toMatch(/absolute path/);
    // A link inside the root that leads out of it is refused too.
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-uploads-outside-'));
    try {
      fs.symlinkSync(outside, path.join(root, 'way-out'));
      expect(await refused(path.join(root, 'way-out'))).toMatch(/not under one of the folders/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
    // With no roots configured, the option is off.
    setImportConfig({ uploadsRoots: [] });
    try {
      expect(await refused(uploads)).toMatch(/import\.uploadsRoots/);
    } finally {
      setImportConfig({ uploadsRoots: [root] });
    }
    // Nothing ran.
    const jobs = (await app.http().get('/blog/imports').set('Authorization', `Bearer ${token}`))
      .body.data as ImportJob[];
    expect(jobs.some((job) => job.fileName === 'refused')).toBe(false);
  });
});
