import fs from 'fs';
import path from 'path';

import type { ErrorResponse } from '../../contracts/common';
import { POST_UID } from '../../contracts/plugin';
import type { CreateSchedule, FindSchedules, PublicationSchedule } from '../../contracts/schedules';
import {
  PUBLICATION_SCHEDULE_UID,
  type PublicationScheduleRow,
} from '../../server/src/models/publication-schedule';
import type { SchedulesService } from '../../server/src/services/schedules';
import type { ImporterService } from '../../server/src/services/importer';
import { adminToken } from '../helpers/admin';
import { createPost, ensureLocale, translatePost } from '../helpers/factories';
import { countStatements } from '../helpers/sql-count';
import { startApp, type TestApp } from '../helpers/strapi';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'import');
const MINUTE = 60_000;

/** Scheduled publishing on a real Strapi: the admin API, its refusals, and the runner's ticks. */
describe('scheduled publishing', () => {
  let app: TestApp;
  let token: string;
  let sequence = 0;

  const schedules = () => app.strapi.plugin('blog').service('schedules') as SchedulesService;
  const rows = () => app.strapi.db.query(PUBLICATION_SCHEDULE_UID as never);
  const inMinutes = (minutes: number) => new Date(Date.now() + minutes * MINUTE);

  const create = (body: Partial<CreateSchedule.Body>, bearer = token) =>
    app.http().post('/blog/schedules').set('Authorization', `Bearer ${bearer}`).send(body);
  const list = async (post: string, locale = 'en', bearer = token) => {
    const res = await app
      .http()
      .get('/blog/schedules')
      .query({ post, locale })
      .set('Authorization', `Bearer ${bearer}`)
      .expect(200);
    return (res.body as FindSchedules.Response).data;
  };
  const cancel = (id: number, bearer = token) =>
    app.http().delete(`/blog/schedules/${id}`).set('Authorization', `Bearer ${bearer}`);
  const isPublic = async (slug: string, locale = 'en') =>
    (await app.http().get(`/api/blog/posts/${slug}`).query({ locale })).status === 200;
  const draftPost = (title = 'To schedule') => createPost(app.strapi, { title }, { draft: true });
  const error = (body: unknown) => (body as ErrorResponse).error;

  /**
   * An admin in a role of their own, with these Content Manager actions on posts for these
   * locales. Returns a bearer token and the role's id.
   */
  const editorWith = async (permissions: Array<{ action: string; locales: string[] }>) => {
    sequence += 1;
    const { strapi } = app;
    const role = await strapi.service('admin::role').create({
      name: `Schedules role ${sequence} ${Date.now()}`,
      description: 'scheduling test',
    });
    await strapi.service('admin::role').assignPermissions(
      role.id,
      permissions.map(({ action, locales }) => ({
        action: `plugin::content-manager.explorer.${action}`,
        subject: POST_UID,
        properties: { locales },
        conditions: [],
      }))
    );
    const email = `scheduler${sequence}.${Date.now()}@example.com`;
    await strapi.service('admin::user').create({
      email,
      firstname: 'Sam',
      lastname: `Scheduler ${sequence}`,
      password: 'Scheduler-pass-1',
      isActive: true,
      registrationToken: null,
      roles: [role.id],
    });
    const res = await app.http().post('/admin/login').send({ email, password: 'Scheduler-pass-1' });
    return { token: res.body.data.token as string, roleId: role.id as number };
  };

  beforeAll(async () => {
    app = await startApp();
    token = await adminToken(app);
    await ensureLocale(app.strapi, 'fr', 'French');
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('the admin API', () => {
    it('schedules, lists, replaces and cancels, recording who scheduled', async () => {
      const post = await draftPost();
      const at = inMinutes(60);
      const created = await create({
        post: post.documentId,
        locale: 'en',
        action: 'publish',
        at: at.toISOString(),
      }).expect(201);
      const schedule = (created.body as CreateSchedule.Response).data;
      expect(schedule).toMatchObject({
        postDocumentId: post.documentId,
        locale: 'en',
        action: 'publish',
        at: at.toISOString(),
        state: 'pending',
        scheduledBy: 'Demo Admin',
        byImport: false,
        doneAt: null,
        error: null,
      });
      expect(await list(post.documentId)).toEqual([schedule]);

      // A new time for the same action replaces the pending one; another action adds one.
      const later = inMinutes(120);
      await create({
        post: post.documentId,
        locale: 'en',
        action: 'publish',
        at: later.toISOString(),
      }).expect(201);
      await create({
        post: post.documentId,
        locale: 'en',
        action: 'unpublish',
        at: inMinutes(180).toISOString(),
      }).expect(201);
      const listed = await list(post.documentId);
      expect(listed.map((s) => [s.action, s.at])).toEqual([
        ['publish', later.toISOString()],
        ['unpublish', expect.any(String)],
      ]);

      for (const { id } of listed) {
        expect((await cancel(id).expect(200)).body).toEqual({ data: { id } });
      }
      expect(await list(post.documentId)).toEqual([]);
      expect(error((await cancel(listed[0].id).expect(404)).body).message).toBe('No such schedule');
    });

    it('refuses a time in the past', async () => {
      const post = await draftPost();
      const res = await create({
        post: post.documentId,
        locale: 'en',
        action: 'publish',
        at: inMinutes(-5).toISOString(),
      }).expect(400);
      expect(error(res.body)).toMatchObject({
        status: 400,
        name: 'ValidationError',
        message: expect.stringMatching(/^at is in the past \(.+\): choose a time to come$/),
      });
      expect(await rows().count({ where: { postDocumentId: post.documentId } })).toBe(0);
    });

    it('refuses a past time before reading anything, as it refuses an empty body', async () => {
      const post = await draftPost();
      const past = () =>
        create({
          post: post.documentId,
          locale: 'en',
          action: 'publish',
          at: inMinutes(-5).toISOString(),
        }).expect(400);
      const empty = () => create({}).expect(400);
      expect(await countStatements(app, past)).toBe(await countStatements(app, empty));
    });

    it('refuses an unknown or deleted post, and a locale the post or the app does not have', async () => {
      const at = inMinutes(10).toISOString();
      const unknown = await create({
        post: 'nosuchpost0000000000000a',
        locale: 'en',
        action: 'publish',
        at,
      }).expect(404);
      expect(error(unknown.body)).toMatchObject({
        name: 'NotFoundError',
        message: 'No post nosuchpost0000000000000a in the locale en',
      });

      const deleted = await draftPost('Deleted');
      await app.strapi.documents(POST_UID).delete({ documentId: deleted.documentId } as never);
      await create({ post: deleted.documentId, locale: 'en', action: 'publish', at }).expect(404);

      const englishOnly = await draftPost('English only');
      const noFrench = await create({
        post: englishOnly.documentId,
        locale: 'fr',
        action: 'publish',
        at,
      }).expect(404);
      expect(error(noFrench.body).message).toBe(
        `No post ${englishOnly.documentId} in the locale fr`
      );
      const noLocale = await create({
        post: englishOnly.documentId,
        locale: 'xx',
        action: 'publish',
        at,
      }).expect(400);
      expect(error(noLocale.body)).toMatchObject({
        name: 'ValidationError',
        message: 'Unknown locale "xx"',
      });
    });

    it('refuses a role without the publish action, and one that may publish another locale only', async () => {
      const post = await draftPost('Bilingual');
      await translatePost(
        app.strapi,
        post.documentId,
        'fr',
        { title: 'Bilingue', slug: `bilingue-${Date.now()}` },
        { draft: true }
      );
      const at = inMinutes(10).toISOString();

      const readOnly = await editorWith([
        { action: 'read', locales: ['en', 'fr'] },
        { action: 'update', locales: ['en', 'fr'] },
      ]);
      const refused = await create(
        { post: post.documentId, locale: 'en', action: 'publish', at },
        readOnly.token
      ).expect(403);
      expect(error(refused.body).status).toBe(403);
      // Reading the schedules is what reading the post allows.
      expect(await list(post.documentId, 'en', readOnly.token)).toEqual([]);

      const frenchPublisher = await editorWith([
        { action: 'read', locales: ['en', 'fr'] },
        { action: 'publish', locales: ['fr'] },
      ]);
      const english = await create(
        { post: post.documentId, locale: 'en', action: 'publish', at },
        frenchPublisher.token
      ).expect(403);
      expect(error(english.body)).toMatchObject({
        name: 'PolicyError',
        message: 'Your role may not publish this post in the locale en (Content Manager: Publish)',
      });
      const french = await create(
        { post: post.documentId, locale: 'fr', action: 'publish', at },
        frenchPublisher.token
      ).expect(201);
      expect(french.body.data.scheduledBy).toMatch(/^Sam Scheduler \d+$/);

      // Cancelling is scheduling too.
      const mine = french.body.data as PublicationSchedule;
      await cancel(mine.id, readOnly.token).expect(403);
      expect(await rows().count({ where: { id: mine.id } })).toBe(1);
    });

    it('answers 401 without an admin session', async () => {
      await app.http().get('/blog/schedules').query({ post: 'x', locale: 'en' }).expect(401);
    });
  });

  describe('the runner', () => {
    it('finds nothing due in one statement, however many schedules wait', async () => {
      const later = inMinutes(24 * 60);
      const waiting = [];
      for (let n = 0; n < 40; n += 1) {
        waiting.push(
          await rows().create({
            data: {
              postDocumentId: `waiting${n}`,
              locale: 'en',
              action: 'publish',
              at: later,
              pending: true,
              scheduledById: null,
              scheduledBy: 'Import',
              createdAt: new Date(),
            },
          })
        );
      }
      try {
        expect(await countStatements(app, () => schedules().runner.tick(new Date()))).toBe(1);
      } finally {
        await rows().deleteMany({
          where: { id: { $in: waiting.map((row: { id: number }) => row.id) } },
        });
      }
    });

    const scheduleNow = async (documentId: string, action: 'publish' | 'unpublish' = 'publish') => {
      const res = await create({
        post: documentId,
        locale: 'en',
        action,
        at: inMinutes(1).toISOString(),
      }).expect(201);
      return (res.body as CreateSchedule.Response).data;
    };
    const row = async (id: number) =>
      (await rows().findOne({ where: { id } })) as PublicationScheduleRow;

    it('publishes a post when its time comes, and unpublishes it at its own', async () => {
      const post = await draftPost('On time');
      const publish = await scheduleNow(post.documentId);

      // Not yet due: nothing happens.
      expect((await schedules().runner.tick(new Date())).ran).not.toContain(publish.id);
      expect(await isPublic(post.slug)).toBe(false);

      const result = await schedules().runner.tick(inMinutes(2));
      expect(result.ran).toContain(publish.id);
      expect(result.failed).not.toContain(publish.id);
      expect(await isPublic(post.slug)).toBe(true);
      const done = await row(publish.id);
      expect(done).toMatchObject({
        claimedBy: schedules().runner.instanceId,
        pending: null,
        error: null,
      });
      expect(done.doneAt).not.toBeNull();
      expect((await list(post.documentId))[0]).toMatchObject({ id: publish.id, state: 'done' });

      // It ran once: a later tick leaves it.
      expect((await schedules().runner.tick(inMinutes(3))).ran).not.toContain(publish.id);

      const unpublish = await scheduleNow(post.documentId, 'unpublish');
      expect((await schedules().runner.tick(inMinutes(2))).ran).toContain(unpublish.id);
      expect(await isPublic(post.slug)).toBe(false);
    });

    it('runs each schedule exactly once when two ticks race', async () => {
      const posts = await Promise.all([1, 2, 3, 4, 5].map((n) => draftPost(`Race ${n}`)));
      const ids: number[] = [];
      for (const post of posts) ids.push((await scheduleNow(post.documentId)).id);
      const published: string[] = [];
      const onPublish = async (event: { uid?: string; entry?: { documentId?: string } }) => {
        if (event.uid === POST_UID && event.entry?.documentId) {
          published.push(event.entry.documentId);
        }
      };
      app.strapi.eventHub.on('entry.publish', onPublish);
      try {
        const at = inMinutes(2);
        const [first, second] = await Promise.all([
          schedules().runner.tick(at),
          schedules().runner.tick(at),
        ]);
        const ran = [...first.ran, ...second.ran].filter((id) => ids.includes(id));
        expect(ran.sort()).toEqual([...ids].sort());
        expect(first.ran.filter((id) => second.ran.includes(id))).toEqual([]);
        // Strapi emits the events once the transactions have committed: wait for them, and a
        // little more for any second one.
        for (let wait = 0; wait < 50 && published.length < posts.length; wait += 1) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await new Promise((resolve) => setTimeout(resolve, 300));
      } finally {
        app.strapi.eventHub.off('entry.publish', onPublish);
      }
      expect(published.sort()).toEqual(posts.map((p) => p.documentId).sort());
      for (const post of posts) expect(await isPublic(post.slug)).toBe(true);
    });

    it('leaves a row another instance claimed, and takes over a claim that went stale', async () => {
      const fresh = await draftPost('Claimed elsewhere');
      const stale = await draftPost('Claimed by a dead instance');
      const freshRow = await scheduleNow(fresh.documentId);
      const staleRow = await scheduleNow(stale.documentId);
      const now = inMinutes(2);
      await rows().update({
        where: { id: freshRow.id },
        data: { claimedBy: 'other-instance', claimedAt: now },
      });
      await rows().update({
        where: { id: staleRow.id },
        data: { claimedBy: 'dead-instance', claimedAt: new Date(now.getTime() - 10 * MINUTE) },
      });
      expect((await list(fresh.documentId))[0].state).toBe('running');
      // Running now: it can no longer be cancelled.
      expect(error((await cancel(freshRow.id).expect(409)).body).message).toBe(
        'This schedule is running right now and can no longer be cancelled'
      );

      const result = await schedules().runner.tick(now);
      expect(result.ran).toContain(staleRow.id);
      expect(result.ran).not.toContain(freshRow.id);
      expect(await isPublic(stale.slug)).toBe(true);
      expect(await isPublic(fresh.slug)).toBe(false);
      expect((await row(staleRow.id)).claimedBy).toBe(schedules().runner.instanceId);
    });

    it('records why a schedule could not run, and does not try it again', async () => {
      const gone = await draftPost('Gone before its time');
      const schedule = await scheduleNow(gone.documentId);
      await app.strapi.documents(POST_UID).delete({ documentId: gone.documentId } as never);

      const result = await schedules().runner.tick(inMinutes(2));
      expect(result.failed).toContain(schedule.id);
      expect(await row(schedule.id)).toMatchObject({
        pending: null,
        error: 'The post no longer exists in the locale en',
      });
      expect((await schedules().runner.tick(inMinutes(3))).ran).not.toContain(schedule.id);
    });

    it('does not publish for an admin whose role lost the publish action since', async () => {
      const post = await draftPost('Rights withdrawn');
      const editor = await editorWith([
        { action: 'read', locales: ['en'] },
        { action: 'publish', locales: ['en'] },
      ]);
      const created = await create(
        {
          post: post.documentId,
          locale: 'en',
          action: 'publish',
          at: inMinutes(1).toISOString(),
        },
        editor.token
      ).expect(201);
      await app.strapi.service('admin::role').assignPermissions(editor.roleId, [
        {
          action: 'plugin::content-manager.explorer.read',
          subject: POST_UID,
          properties: { locales: ['en'] },
          conditions: [],
        },
      ]);

      const result = await schedules().runner.tick(inMinutes(2));
      expect(result.failed).toContain(created.body.data.id);
      expect((await row(created.body.data.id)).error).toMatch(
        /^Sam Scheduler \d+ may no longer publish this post in the locale en$/
      );
      expect(await isPublic(post.slug)).toBe(false);
    });
  });

  describe('importing WordPress posts scheduled at the source', () => {
    it('schedules their publish at their date, once however many times the file is imported', async () => {
      const importer = app.strapi.plugin('blog').service('importer') as ImporterService;
      const importFile = () =>
        importer.run(() => fs.createReadStream(path.join(FIXTURES, 'small.wxr.xml')));
      const report = await importFile();
      expect(report.scheduled).toEqual([
        { sourceId: '12', title: 'Scheduled', at: '2030-01-01T00:00:00.000Z' },
      ]);
      const post = (await app.strapi.db.query(POST_UID).findOne({
        where: { title: 'Scheduled', publishedAt: null },
        select: ['documentId', 'slug'],
      })) as { documentId: string; slug: string };
      await importFile();

      const listed = await list(post.documentId);
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({
        action: 'publish',
        at: '2030-01-01T00:00:00.000Z',
        state: 'pending',
        scheduledBy: 'Import',
        byImport: true,
      });
      expect(await isPublic(post.slug)).toBe(false);
      expect((await schedules().runner.tick(new Date('2030-01-01T00:00:30Z'))).ran).toContain(
        listed[0].id
      );
      expect(await isPublic(post.slug)).toBe(true);
    });
  });
});
