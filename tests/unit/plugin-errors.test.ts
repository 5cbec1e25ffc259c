import { errors } from '@strapi/utils';
import type { Context } from 'koa';

import { pluginErrors } from '../../server/src/middlewares/error-response';
import { PreviewTokenError } from '../../server/src/preview/errors';
import { ConflictError } from '../../server/src/utils/conflict';

/** The part of Koa's context the middleware touches. */
const fakeContext = () => {
  const headers: Record<string, string> = {};
  const ctx = {
    status: 404,
    body: undefined as unknown,
    set: (k: string, v: string) => (headers[k] = v),
  };
  return { ctx: ctx as unknown as Context & typeof ctx, headers };
};

const failWith = (error: unknown) => () => Promise.reject(error);

describe('pluginErrors, under every plugin route', () => {
  it('answers a PreviewTokenError as a 401 with its message (Strapi’s router would drop it)', async () => {
    const { ctx } = fakeContext();
    await pluginErrors(
      ctx,
      failWith(new PreviewTokenError('The preview token has expired', { reason: 'expired' }))
    );
    expect(ctx.status).toBe(401);
    expect(ctx.body).toEqual({
      data: null,
      error: {
        status: 401,
        name: 'UnauthorizedError',
        message: 'The preview token has expired',
        details: { reason: 'expired' },
      },
    });
  });

  it('answers a ConflictError as a 409 in Strapi’s error shape', async () => {
    const { ctx } = fakeContext();
    await pluginErrors(ctx, failWith(new ConflictError('The same comment again')));
    expect(ctx.status).toBe(409);
    expect(ctx.body).toEqual({
      data: null,
      error: { status: 409, name: 'ConflictError', message: 'The same comment again', details: {} },
    });
  });

  it('adds Retry-After to a RateLimitError and leaves its rendering to Strapi', async () => {
    const { ctx, headers } = fakeContext();
    const limited = new errors.RateLimitError('Slow down', { retryAfterSeconds: 42 });
    await expect(pluginErrors(ctx, failWith(limited))).rejects.toBe(limited);
    expect(headers['Retry-After']).toBe('42');
    const { ctx: other, headers: otherHeaders } = fakeContext();
    await expect(
      pluginErrors(other, failWith(new errors.RateLimitError('Slow down')))
    ).rejects.toThrow();
    expect(otherHeaders['Retry-After']).toBe('1');
  });

  it('rethrows any other error untouched, and lets an answer through', async () => {
    const { ctx, headers } = fakeContext();
    const missing = new errors.NotFoundError('Post not found');
    await expect(pluginErrors(ctx, failWith(missing))).rejects.toBe(missing);
    expect(ctx.status).toBe(404);
    expect(headers).toEqual({});
    await pluginErrors(ctx, async () => {
      ctx.status = 200;
    });
    expect(ctx.status).toBe(200);
  });
});
