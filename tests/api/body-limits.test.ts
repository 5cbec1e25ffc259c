import { submit, validComment } from '../helpers/comments-api';
import { countStatements } from '../helpers/sql-count';
import { startApp, type TestApp } from '../helpers/strapi';

const COMMENTS = '/api/blog/posts/networking-biggest-mistake/comments';
/** The default of `limits.bodyBytes`. */
const LIMIT = 256 * 1024;

/** The public routes take JSON bodies of known, bounded size, checked before any parsing. */
describe('bodies of the public routes', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses a JSON body over limits.bodyBytes with 413, before parsing it or any query', async () => {
    // Not even valid JSON: a parser would answer 400; the size is refused first.
    const body = `{"data":${' '.repeat(LIMIT)}`;
    let res: { status: number; body: unknown } | undefined;
    const statements = await countStatements(
      app,
      async () => {
        res = await app
          .http()
          .post(COMMENTS)
          .set('Content-Type', 'application/json')
          .set('X-Forwarded-For', '10.200.0.1')
          .send(body);
      }
      // The fewest of three runs: work Strapi finishes after its boot is not this request's.
    );
    expect(res!.status).toBe(413);
    expect(res!.body).toEqual({
      data: null,
      error: {
        status: 413,
        name: 'PayloadTooLargeError',
        message: expect.stringContaining('limits.bodyBytes'),
        details: { limit: 'bodyBytes', max: LIMIT },
      },
    });
    expect(statements).toBe(0);
  });

  it('takes a JSON body under the limit', async () => {
    const res = await submit(app, 'networking-biggest-mistake', { data: validComment() });
    expect(res.status).toBeLessThan(300);
  });

  it('refuses a body that is not JSON with 415, whatever the path’s case', async () => {
    for (const [path, type, body] of [
      [COMMENTS, 'text/plain', '{"data":{}}'],
      [COMMENTS, 'application/x-www-form-urlencoded', 'data[content]=hi'],
      [
        COMMENTS.toUpperCase().replace('NETWORKING-BIGGEST-MISTAKE', 'networking-biggest-mistake'),
        'text/plain',
        'x',
      ],
      ['/api/blog/posts', 'text/xml', '<a/>'],
    ]) {
      const res = await app.http().post(path).set('Content-Type', type).send(body);
      expect([path, res.status, res.body?.error?.name]).toEqual([
        path,
        415,
        'UnsupportedMediaTypeError',
      ]);
    }
    // Without a content type at all.
    const bare = await app.http().post(COMMENTS).set('Content-Type', '').send(Buffer.from('{}'));
    expect(bare.status).toBe(415);
  });

  it('refuses a chunked body (no Content-Length) with 411', async () => {
    const req = app
      .http()
      .post(COMMENTS)
      .set('Content-Type', 'application/json')
      .set('Transfer-Encoding', 'chunked');
    req.write(JSON.stringify({ data: validComment() }));
    const res = await req;
    expect(res.status).toBe(411);
    expect(res.body.error.name).toBe('LengthRequiredError');
  });

  it('leaves bodyless requests and other routes alone', async () => {
    await app.http().get('/api/blog/posts').expect(200);
    // Not a plugin route: Strapi's own handling.
    const other = await app
      .http()
      .post('/api/not-the-blog')
      .set('Content-Type', 'text/plain')
      .send('x');
    expect(other.status).not.toBe(415);
  });
});
