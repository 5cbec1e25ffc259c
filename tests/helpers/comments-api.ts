import type { SubmitComment } from '../../contracts/comments';
import type { ModerationSettings } from '../../contracts/moderation';
import type { TestApp } from './strapi';

let visitor = 0;

/** A fresh client IP per call, so tests do not trip the flood rule unless they mean to. */
export const nextIp = () => {
  visitor += 1;
  return `10.${(visitor >> 16) & 255}.${(visitor >> 8) & 255}.${visitor & 255}`;
};

export const validComment = (overrides: Partial<SubmitComment.Body['data']> = {}) => {
  visitor += 1;
  return {
    authorName: `Reader ${visitor}`,
    authorEmail: `reader${visitor}@example.com`,
    content: `A thoughtful remark, number ${visitor}.`,
    ...overrides,
  };
};

/** POSTs a comment as a site would, from the given (or a fresh) client IP. */
export const submit = (
  app: TestApp,
  slug: string,
  body: unknown,
  { ip = nextIp(), userAgent = 'Mozilla/5.0 (tests)' }: { ip?: string; userAgent?: string } = {}
) =>
  app
    .http()
    .post(`/api/blog/posts/${slug}/comments`)
    .set('X-Forwarded-For', ip)
    .set('User-Agent', userAgent)
    .send(body as object);

/** Saves moderation settings straight through the service, as an admin would through the API. */
export const setSettings = async (app: TestApp, changes: Partial<ModerationSettings>) => {
  const settings = app.strapi.plugin('blog').service('settings');
  const current = await settings.get();
  return settings.update({ ...current, ...changes });
};
