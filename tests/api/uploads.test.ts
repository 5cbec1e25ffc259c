import { randomUUID } from 'crypto';
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import os from 'os';
import path from 'path';

import { adminToken } from '../helpers/admin';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * Strapi's body parser (formidable) writes every multipart file part to the temporary folder
 * (`os.tmpdir()`: the playground sets no `formidable.uploadDir`). None may stay there after a
 * request to one of the plugin's routes, whatever the part's name and the answer.
 */
const TMP = os.tmpdir();

/** Files of the temporary folder that appeared since `before` and begin with `marker`. */
const leftovers = (before: Set<string>, marker: string) =>
  fs.readdirSync(TMP).filter((name) => {
    if (before.has(name)) return false;
    try {
      const fd = fs.openSync(path.join(TMP, name), 'r');
      try {
        const head = Buffer.alloc(marker.length);
        fs.readSync(fd, head, 0, marker.length, 0);
        return head.toString() === marker;
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      return false; // a folder, or a file another process removed meanwhile
    }
  });

describe('uploads to the plugin’s routes', () => {
  let app: TestApp;
  let token: string;
  const upload = (size: number) => {
    const marker = `blog-upload-test-${randomUUID()}`;
    const content = Buffer.alloc(size, 'x');
    content.write(marker);
    return { marker, content, before: new Set(fs.readdirSync(TMP)) };
  };

  beforeAll(async () => {
    app = await startApp();
    token = await adminToken(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses a 20 MB multipart to the public comment route before any of it is written', async () => {
    const { marker, content, before } = upload(20 * 1024 * 1024);
    const res = await app
      .http()
      .post('/api/blog/posts/networking-biggest-mistake/comments')
      .field('authorName', 'Filler')
      .attach('files', content, { filename: 'big.bin', contentType: 'application/octet-stream' });
    expect(res.status).toBe(415);
    expect(res.body).toEqual({
      data: null,
      error: expect.objectContaining({ status: 415, name: 'UnsupportedMediaTypeError' }),
    });
    expect(leftovers(before, marker)).toEqual([]);
  });

  it('removes a part not named "files" sent to the import route', async () => {
    const { marker, content, before } = upload(64 * 1024);
    const res = await app
      .http()
      .post('/blog/imports')
      .set('Authorization', `Bearer ${token}`)
      .field('mode', 'dry-run')
      .attach('other', content, { filename: 'export.xml', contentType: 'text/xml' });
    expect(res.status).toBe(400);
    expect(leftovers(before, marker)).toEqual([]);
  });

  it('removes the uploads of a refused or anonymous request to any admin route of the plugin', async () => {
    const cases = [
      // No token: refused by the route's policy, after the body parser wrote the file.
      app.http().post('/blog/imports'),
      // A route that takes no file, with the file under the parser's own name and another.
      app.http().put('/blog/settings').set('Authorization', `Bearer ${token}`),
      app.http().post('/blog/comments/bulk').set('Authorization', `Bearer ${token}`),
    ];
    for (const request of cases) {
      const first = upload(32 * 1024);
      const second = upload(32 * 1024);
      const res = await request
        .attach('files', first.content, { filename: 'a.xml', contentType: 'text/xml' })
        .attach('extra', second.content, { filename: 'b.xml', contentType: 'text/xml' });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(leftovers(first.before, first.marker)).toEqual([]);
      expect(leftovers(second.before, second.marker)).toEqual([]);
    }
  });

  /**
   * Sends the head of a 100 MB multipart body and waits for the answer without sending the rest:
   * only a server that refuses before reading the body can answer.
   */
  const answerBeforeBody = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const address = app.strapi.server.httpServer.address() as AddressInfo | null;
      const send = (port: number) => {
        const req = http.request({
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          headers: {
            'Content-Type': 'multipart/form-data; boundary=x',
            'Content-Length': String(100 * 1024 * 1024),
            ...headers,
          },
        });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, body });
          });
        });
        req.on('error', reject);
        req.write('--x\r\nContent-Disposition: form-data; name="files"; filename="a.xml"\r\n\r\n');
      };
      if (address) send(address.port);
      else
        app.strapi.server.httpServer.listen(0, '127.0.0.1', () => {
          send((app.strapi.server.httpServer.address() as AddressInfo).port);
        });
    });

  it('answers an anonymous or forged upload to the import route before reading its body', async () => {
    const anonymous = await answerBeforeBody('/blog/imports');
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body).error.name).toBe('UnauthorizedError');
    const forged = await answerBeforeBody('/blog/imports', {
      Authorization: `Bearer ${token.slice(0, -4)}AAAA`,
    });
    expect(forged.status).toBe(401);
  });

  it('answers an upload to an admin route that takes none before reading its body', async () => {
    const res = await answerBeforeBody('/blog/settings', { Authorization: `Bearer ${token}` });
    expect(res.status).toBe(415);
  });
});
