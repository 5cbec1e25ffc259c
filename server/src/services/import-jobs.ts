import { randomUUID } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import type { ImportJob, ImportProgress } from '../../../contracts/imports';
import { toIsoDate } from '../../../contracts/dates';
import { adminDisplayName, type AdminUserName } from '../../../contracts/display-name';
import { notAnExport } from '../import/sniff';
import { resolveUploadsDirUnder } from '../import/uploads-dir';
import { IMPORT_JOB_UID, type ImportJobRow as JobRow } from '../models/import-job';
import { ConflictError } from '../utils/conflict';
import { getService } from '../utils/get-service';
import { getPluginConfig } from '../utils/plugin-config';
import type { StartImportInput } from '../validation/imports';

/**
 * Imports started from the admin's Import view, run as jobs: the upload is answered at once
 * (202) and the importer runs in the background on the instance that received the file, writing
 * its progress to `blog_import_jobs` so the view can follow it through any instance. One job
 * runs at a time. A job whose instance stopped is shown as `interrupted`; importing the same
 * file again completes it, since the importer updates what is already there. The job's copy of
 * the upload is named on its row: the job removes it when it ends, and a boot removes those of
 * runs that are over (ended, or running with a stale heartbeat: their instance was killed).
 */

/**
 * The uploaded export, as Strapi's body parser leaves it in the temporary folder. It is removed
 * when the request ends (middlewares/remove-uploads.ts); a job moves it out of the way first.
 */
export interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
  size: number;
}

export interface ImportStarter extends AdminUserName {
  id: number;
}

/** A running job whose heartbeat is older than this is taken as interrupted. */
const STALE_MS = 60_000;
/** How often a running job writes its progress (and so its heartbeat). */
const FLUSH_MS = 1_000;
const HISTORY = 10;
const RUNNING = 'running';
/** The jobs' copies of their uploads, in the temporary folder. */
const JOB_FILE_PREFIX = 'strapi-blog-import-';

/** 409: another import runs. */
export class ImportBusyError extends ConflictError {}

const startedByName = (user: ImportStarter | undefined) => (user && adminDisplayName(user)) || null;

const emptyProgress = (): ImportProgress => ({
  phase: 'checking',
  posts: 0,
  comments: 0,
  totalPosts: 0,
  totalComments: 0,
});

const removeFile = (file: UploadedFile) => fs.promises.rm(file.filepath, { force: true });

/** Only a job's own copy is removed, whatever path a row holds. */
const isJobFile = (filePath: string) =>
  path.dirname(filePath) === os.tmpdir() && path.basename(filePath).startsWith(JOB_FILE_PREFIX);

const createImportJobsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const jobs = () => strapi.db.query(IMPORT_JOB_UID as UID.Schema);
  /** Jobs this instance runs, to stop them when Strapi stops. */
  const running = new Map<number, { controller: AbortController; done: Promise<void> }>();
  /** A second look at boot, once a run killed just before it has gone stale. */
  let recheck: NodeJS.Timeout | null = null;

  const toJob = (row: JobRow, now = Date.now()): ImportJob => {
    const stale = row.state === 'running' && now - new Date(row.heartbeatAt).getTime() > STALE_MS;
    return {
      id: row.id,
      mode: row.mode,
      state: stale ? 'interrupted' : row.state,
      fileName: row.fileName,
      fileSize: Number(row.fileSize ?? 0),
      format: row.format,
      lessons: row.lessons !== false,
      progress: row.progress ?? emptyProgress(),
      report: row.report,
      error: row.error,
      startedBy: row.startedBy,
      startedAt: toIsoDate(row.startedAt),
      finishedAt: toIsoDate(row.finishedAt),
    };
  };

  /** Releases the lock of a job whose instance stopped without ending it. */
  const releaseStale = async () => {
    await jobs().updateMany({
      where: { state: 'running', heartbeatAt: { $lt: new Date(Date.now() - STALE_MS) } },
      data: { state: 'interrupted', lock: null, finishedAt: new Date() },
    });
  };

  /**
   * Removes the files of runs that are over: ended, or interrupted (stale). Answers whether a
   * run still counts as running, to look again once it may have gone stale.
   */
  const removeFinishedFiles = async (): Promise<boolean> => {
    await releaseStale();
    const rows = (await jobs().findMany({
      where: { filePath: { $notNull: true } },
      select: ['id', 'state', 'filePath'],
    })) as Array<Pick<JobRow, 'id' | 'state'> & { filePath: string }>;
    let stillRunning = false;
    for (const row of rows) {
      if (row.state === 'running') {
        stillRunning ||= !running.has(row.id);
        continue;
      }
      if (isJobFile(row.filePath)) await fs.promises.rm(row.filePath, { force: true });
      await jobs().update({ where: { id: row.id }, data: { filePath: null } });
    }
    return stillRunning;
  };

  const busyError = async () => {
    const current = (await jobs().findOne({ where: { lock: RUNNING } })) as JobRow | null;
    return new ImportBusyError(
      current
        ? `An import is running: ${current.fileName}, started by ${current.startedBy ?? 'an admin'} at ${toIsoDate(current.startedAt)}. Try again when it ends.`
        : 'An import is running. Try again when it ends.'
    );
  };

  const execute = async (
    row: JobRow,
    file: UploadedFile,
    uploadsDir: string | null,
    controller: AbortController
  ) => {
    let progress = emptyProgress();
    // Progress and heartbeat, one write at a time: a write waits while SQLite's one connection
    // is in a post's transaction, and the next one does not pile up behind it.
    let flushing: Promise<unknown> | null = null;
    const timer = setInterval(() => {
      if (flushing) return;
      flushing = jobs()
        .update({
          where: { id: row.id, state: 'running' },
          data: { progress: { ...progress }, heartbeatAt: new Date() },
        })
        .catch((error) => strapi.log.warn(`[blog] import ${row.id}: progress not saved: ${error}`))
        .finally(() => {
          flushing = null;
        });
    }, FLUSH_MS);
    timer.unref();

    let end: Partial<Record<keyof JobRow, unknown>>;
    try {
      const report = await getService('importer', { strapi }).run(
        () => fs.createReadStream(file.filepath),
        {
          format: row.format,
          dryRun: row.mode === 'dry-run',
          lessons: row.lessons !== false,
          uploadsDir,
          signal: controller.signal,
          onProgress: (next) => {
            progress = next;
          },
        }
      );
      end = { state: 'done', report, progress };
    } catch (error) {
      if (controller.signal.aborted) {
        end = { state: 'interrupted', progress };
      } else if (error instanceof errors.ApplicationError) {
        end = { state: 'failed', error: error.message, progress };
      } else {
        strapi.log.error(`[blog] import ${row.id} (${row.fileName}) failed: ${error}`);
        end = {
          state: 'failed',
          error: `The import stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}. What was imported before it stays; importing the file again continues without duplicates.`,
          progress,
        };
      }
    } finally {
      clearInterval(timer);
      await removeFile(file).catch(() => undefined);
    }
    await flushing;
    await jobs()
      .update({
        where: { id: row.id },
        data: {
          ...end,
          lock: null,
          filePath: null,
          heartbeatAt: new Date(),
          finishedAt: new Date(),
        },
      })
      .catch((error) => strapi.log.warn(`[blog] import ${row.id}: end not saved: ${error}`));
  };

  return {
    /**
     * Starts a dry run or an import of an uploaded export, in the background. Owns the file:
     * removes it when the job ends, or at once when the job cannot start.
     */
    async start(
      file: UploadedFile,
      input: StartImportInput,
      user?: ImportStarter
    ): Promise<ImportJob> {
      let started = false;
      // The job's own copy: the upload is removed when the request ends.
      const owned: UploadedFile = {
        ...file,
        filepath: path.join(os.tmpdir(), `${JOB_FILE_PREFIX}${randomUUID()}.xml`),
      };
      let row: JobRow | null = null;
      try {
        const format =
          input.format ??
          (await getService('importer', { strapi }).sniff(() =>
            fs.createReadStream(file.filepath)
          ));
        if (!format) {
          throw new errors.ValidationError(notAnExport(file.originalFilename ?? undefined));
        }
        // An uploads folder only under the configured roots: a 400 before the job exists.
        const uploadsDir = input.uploads
          ? await resolveUploadsDirUnder(input.uploads, getPluginConfig(strapi).import.uploadsRoots)
          : null;
        await releaseStale();
        const now = new Date();
        try {
          // The row names the copy before it exists, so a boot finds it whenever the run dies.
          row = (await jobs().create({
            data: {
              mode: input.mode,
              state: 'running',
              lock: RUNNING,
              fileName: (file.originalFilename || 'export.xml').slice(0, 255),
              fileSize: file.size,
              format,
              lessons: input.lessons,
              progress: emptyProgress(),
              startedById: user?.id ?? null,
              startedBy: startedByName(user),
              startedAt: now,
              heartbeatAt: now,
              filePath: owned.filepath,
            },
          })) as JobRow;
        } catch (error) {
          // The lock's unique index: another job runs.
          if (await jobs().findOne({ where: { lock: RUNNING } })) throw await busyError();
          throw error;
        }
        await fs.promises.rename(file.filepath, owned.filepath).catch(async () => {
          await fs.promises.copyFile(file.filepath, owned.filepath);
        });
        const job = row;
        started = true;
        const controller = new AbortController();
        const done = execute(job, owned, uploadsDir, controller).finally(() =>
          running.delete(job.id)
        );
        running.set(job.id, { controller, done });
        return toJob(job);
      } finally {
        if (!started) {
          await removeFile(owned).catch(() => undefined);
          if (row) {
            await jobs()
              .update({
                where: { id: row.id },
                data: {
                  state: 'failed',
                  lock: null,
                  filePath: null,
                  error: 'The upload could not be copied for the import',
                  finishedAt: new Date(),
                },
              })
              .catch(() => undefined);
          }
        }
      }
    },

    /**
     * At boot: removes the files of runs that are over, and looks again once a run that still
     * counts as running (its instance may have been killed just before) can have gone stale.
     */
    async removeLeftoverFiles(): Promise<void> {
      if (await removeFinishedFiles()) {
        recheck = setTimeout(() => {
          recheck = null;
          removeFinishedFiles().catch((error) =>
            strapi.log.warn(`[blog] import files not removed: ${error}`)
          );
        }, STALE_MS + FLUSH_MS);
        recheck.unref();
      }
    },

    async find(id: number): Promise<ImportJob> {
      const row = (await jobs().findOne({ where: { id } })) as JobRow | null;
      if (!row) throw new errors.NotFoundError(`No import ${id}`);
      return toJob(row);
    },

    /** The latest jobs, newest first. */
    async list(): Promise<ImportJob[]> {
      const rows = (await jobs().findMany({
        orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
        limit: HISTORY,
      })) as JobRow[];
      const now = Date.now();
      return rows.map((row) => toJob(row, now));
    },

    /**
     * Stops this instance's jobs between two posts and waits (10 s at most) for each to save
     * itself as interrupted.
     */
    async stopAll(): Promise<void> {
      if (recheck) clearTimeout(recheck);
      recheck = null;
      const stopping = [...running.values()].map(({ controller, done }) => {
        controller.abort(new Error('Strapi stopped before the import ended'));
        return done;
      });
      if (!stopping.length) return;
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled(stopping),
        new Promise((resolve) => {
          timeout = setTimeout(resolve, 10_000);
        }),
      ]);
      clearTimeout(timeout);
    },
  };
};

export type ImportJobsService = ReturnType<typeof createImportJobsService>;
export default createImportJobsService;
