import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { adminDisplayName, type AdminUserName } from '../../../contracts/display-name';
import { POST_UID } from '../../../contracts/plugin';
import {
  SCHEDULE_LIST_LIMIT,
  type PublicationSchedule,
  type ScheduleAction,
} from '../../../contracts/schedules';
import { contentManagerPermissions } from '../db/publish-permission';
import { hasLocale } from '../i18n/locales';
import {
  IMPORTER_NAME,
  PENDING,
  PUBLICATION_SCHEDULE_UID,
  type PublicationScheduleRow,
} from '../models/publication-schedule';
import { findPostSubject } from '../schedules/post-subject';
import { createScheduleRunner } from '../schedules/runner';
import { scheduleState, staleBefore, toSchedule } from '../schedules/state';
import { ConflictError } from '../utils/conflict';
import type { ScheduleInput } from '../validation/schedules';

/**
 * Scheduled publishing (see schedules/runner.ts for how a schedule runs): the admin API's list,
 * create and cancel, each checked as the Content Manager checks a publish (the admin's role, the
 * post's locale, its conditions), the importer's schedules, and this instance's runner.
 */

/** An admin in a request: their user and the ability Strapi's admin authentication built. */
export interface ScheduleActor {
  user: AdminUserName & { id: number };
  userAbility: unknown;
}

/** Rows that ran, listed after the pending ones: the latest few. */
const HISTORY = 5;

/**
 * A 403 with its reason: Strapi answers any other ForbiddenError a route throws with a bare
 * "Forbidden" (its authorize middleware), and lets a PolicyError's message through.
 */
const forbidden = (message: string) => new errors.PolicyError(message);

const mayNotPublish = (locale: string) =>
  forbidden(
    `Your role may not publish this post in the locale ${locale} (Content Manager: Publish)`
  );

const createSchedulesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(PUBLICATION_SCHEDULE_UID as UID.Schema);
  const runner = createScheduleRunner(strapi);

  /** The post's locale, or a 404 (a 400 when the locale itself is unknown). */
  const subjectOf = async (documentId: string, locale: string) => {
    const subject = await findPostSubject(strapi, documentId, locale);
    if (subject) return subject;
    if (!(await hasLocale(strapi, locale))) {
      throw new errors.ValidationError(`Unknown locale "${locale}"`, { key: 'locale' });
    }
    throw new errors.NotFoundError(`No post ${documentId} in the locale ${locale}`);
  };

  /**
   * Replaces the pending schedule of the same post, locale and action by `data`, in one
   * transaction; 409 when that schedule is running now (or another request just set one).
   */
  const replacePending = async (data: Omit<PublicationScheduleRow, 'id'>) => {
    const now = new Date();
    try {
      return (await strapi.db.transaction(async () => {
        const key = {
          postDocumentId: data.postDocumentId,
          locale: data.locale,
          action: data.action,
          pending: PENDING,
        };
        const current = (await rows().findOne({ where: key })) as PublicationScheduleRow | null;
        if (current && scheduleState(current, now) === 'running') {
          throw new ConflictError(
            `This post's scheduled ${data.action} is running right now: try again in a moment`
          );
        }
        if (current) await rows().delete({ where: { id: current.id } });
        return rows().create({ data });
      })) as PublicationScheduleRow;
    } catch (error) {
      if (error instanceof errors.ApplicationError) throw error;
      // The unique index: another request set a time for this action at the same moment.
      const taken = await rows().findOne({
        where: {
          postDocumentId: data.postDocumentId,
          locale: data.locale,
          action: data.action,
          pending: PENDING,
        },
        select: ['id'],
      });
      if (taken) {
        throw new ConflictError(
          `Someone else just scheduled this post's ${data.action}: reload to see it`
        );
      }
      throw error;
    }
  };

  return {
    runner,

    /** Pending schedules of a post's locale (soonest first), then the latest that ran. */
    async list(
      documentId: string,
      locale: string,
      actor: ScheduleActor
    ): Promise<PublicationSchedule[]> {
      const subject = await subjectOf(documentId, locale);
      if (!contentManagerPermissions(strapi, actor.userAbility, POST_UID).canRead(subject)) {
        throw forbidden(`Your role may not read this post in the locale ${locale}`);
      }
      const where = { postDocumentId: documentId, locale };
      const [pending, history] = (await Promise.all([
        rows().findMany({
          where: { ...where, pending: PENDING },
          orderBy: [{ at: 'asc' }, { id: 'asc' }],
          limit: SCHEDULE_LIST_LIMIT,
        }),
        rows().findMany({
          where: { ...where, pending: null },
          orderBy: [{ id: 'desc' }],
          limit: HISTORY,
        }),
      ])) as [PublicationScheduleRow[], PublicationScheduleRow[]];
      const now = new Date();
      return [...pending, ...history].map((row) => toSchedule(row, now));
    },

    /** Schedules a publish or unpublish for an admin who may publish the post's locale. */
    async create(input: ScheduleInput, actor: ScheduleActor): Promise<PublicationSchedule> {
      const subject = await subjectOf(input.post, input.locale);
      if (!contentManagerPermissions(strapi, actor.userAbility, POST_UID).canPublish(subject)) {
        throw mayNotPublish(input.locale);
      }
      const row = await replacePending({
        postDocumentId: input.post,
        locale: input.locale,
        action: input.action,
        at: input.at,
        pending: PENDING,
        scheduledById: actor.user.id,
        scheduledBy: adminDisplayName(actor.user).slice(0, 255) || null,
        createdAt: new Date(),
        claimedBy: null,
        claimedAt: null,
        doneAt: null,
        error: null,
      });
      return toSchedule(row, new Date());
    },

    /** Cancels a pending schedule; 409 once it ran or while it runs. */
    async cancel(id: number, actor: ScheduleActor): Promise<void> {
      const row = (await rows().findOne({ where: { id } })) as PublicationScheduleRow | null;
      if (!row) throw new errors.NotFoundError('No such schedule');
      // The post may be gone since: its locale is then what the role's permission is checked on.
      const subject = (await findPostSubject(strapi, row.postDocumentId, row.locale)) ?? {
        id: 0,
        documentId: row.postDocumentId,
        locale: row.locale,
      };
      if (!contentManagerPermissions(strapi, actor.userAbility, POST_UID).canPublish(subject)) {
        throw mayNotPublish(row.locale);
      }
      const now = new Date();
      const deleted = await rows().deleteMany({
        where: {
          id,
          doneAt: null,
          $or: [{ claimedBy: null }, { claimedAt: { $lt: staleBefore(now) } }],
        },
      });
      if (deleted.count === 1) return;
      throw new ConflictError(
        row.doneAt === null
          ? `This schedule is running right now and can no longer be cancelled`
          : `This schedule already ran on ${new Date(row.doneAt).toISOString()}`
      );
    },

    /**
     * The importer's schedule: a post scheduled at its source publishes at that time. Replaces
     * the pending one a previous run of the same file set; one an editor set is kept.
     */
    /**
     * True when an import's schedule would change nothing: the post's pending publish is at
     * that time already, or was set by an editor (an import leaves those).
     */
    async importScheduleHeld(documentId: string, locale: string, at: Date): Promise<boolean> {
      const current = (await rows().findOne({
        where: { postDocumentId: documentId, locale, action: 'publish', pending: PENDING },
        select: ['at', 'scheduledById'],
      })) as Pick<PublicationScheduleRow, 'at' | 'scheduledById'> | null;
      if (!current) return false;
      return (
        (current.scheduledById ?? null) !== null || new Date(current.at).getTime() === at.getTime()
      );
    },

    async scheduleForImport(
      documentId: string,
      locale: string,
      action: ScheduleAction,
      at: Date
    ): Promise<void> {
      const byEditor = await rows().findOne({
        where: {
          postDocumentId: documentId,
          locale,
          action,
          pending: PENDING,
          scheduledById: { $notNull: true },
        },
        select: ['id'],
      });
      if (byEditor) return;
      await replacePending({
        postDocumentId: documentId,
        locale,
        action,
        at,
        pending: PENDING,
        scheduledById: null,
        scheduledBy: IMPORTER_NAME,
        createdAt: new Date(),
        claimedBy: null,
        claimedAt: null,
        doneAt: null,
        error: null,
      });
    },
  };
};

export type SchedulesService = ReturnType<typeof createSchedulesService>;
export default createSchedulesService;
