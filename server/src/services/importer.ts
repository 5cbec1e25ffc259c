import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import type {
  ImportFormat,
  ImportProgress,
  ImportReport,
  ImportTally,
} from '../../../contracts/imports';
import { COMMENT_UID, POST_UID } from '../constants';
import { readBlogger, type BloggerRecord } from '../import/blogger';
import { htmlToBlocks, inlineText, type Block, type InlineNode } from '../import/html-to-blocks';
import { extractLessons } from '../import/lessons';
import {
  ImportFormatError,
  type SourceComment,
  type SourcePost,
  type SourceRecord,
} from '../import/source';
import { notAnExport, sniffFormat } from '../import/sniff';
import { readWxr } from '../import/wxr';
import { getService } from '../utils/get-service';

/**
 * Imports a WordPress (WXR) or Blogger export: posts with their body as blocks, their lessons
 * and their comments, keyed on the export's own ids so a second run updates instead of
 * duplicating. The file is read twice as a stream: once to check it is an export at all (so a
 * wrong file writes nothing), once to write, each post with its comments in one transaction.
 * Comments go through the moderation lifecycle as the importer, keeping their source status.
 */

export interface ImportOptions {
  /** Read from the file's first kilobytes when absent. */
  format?: ImportFormat;
  dryRun?: boolean;
  /** Take a numbered list the post ends with as its lessons (on by default). */
  lessons?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Stops the run between two posts (the post being written is finished first). */
  signal?: AbortSignal;
}

type Records = AsyncGenerator<SourceRecord | BloggerRecord>;
type Open = () => AsyncIterable<Buffer | string>;

/** Import keys looked up per query. */
const KEY_BATCH = 500;
/** Records between two progress reports. */
const PROGRESS_EVERY = 10;

const tally = (): ImportTally => ({ created: 0, updated: 0, skipped: [] });

/** A comment's HTML as the plain text a comment holds: paragraphs apart by a blank line. */
const plainText = (html: string) =>
  htmlToBlocks(html)
    .map((block) => ('children' in block ? inlineText(block.children as InlineNode[]) : ''))
    .filter(Boolean)
    .join('\n\n');

const slugify = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|(?<!-)-+$/g, '')
    .slice(0, 80) || 'post';

/**
 * Parents before their replies. A reply whose parent is not among these comments keeps its
 * parent's id (the parent may be in the database already; if not, the reply becomes a root).
 */
const parentsFirst = (comments: SourceComment[]): SourceComment[] => {
  const ids = new Set(comments.map((c) => c.sourceId));
  const done = new Set<string>();
  const ordered: SourceComment[] = [];
  let pending = comments;
  while (pending.length) {
    const ready = pending.filter(
      (c) => !c.parentSourceId || !ids.has(c.parentSourceId) || done.has(c.parentSourceId)
    );
    // A cycle in the export: the rest come in as roots.
    const next = ready.length ? ready : pending.map((c) => ({ ...c, parentSourceId: null }));
    for (const c of next) {
      ordered.push(c);
      done.add(c.sourceId);
    }
    pending = pending.filter((c) => !done.has(c.sourceId));
  }
  return ordered;
};

const createImporterService = ({ strapi }: { strapi: Core.Strapi }) => {
  const documents = (uid: string) => strapi.documents(uid as UID.ContentType);

  const read = (format: ImportFormat, open: Open): Records =>
    format === 'wxr' ? readWxr(open()) : readBlogger(open());

  const findByKey = async (uid: string, importKey: string) =>
    (await strapi.db.query(uid as UID.ContentType).findOne({
      where: { importKey },
      select: ['id', 'documentId', 'publishedAt'],
    })) as { id: number; documentId: string; publishedAt: string | null } | null;

  /** The post's slug, made unique against posts from elsewhere. */
  const slugFor = async (post: SourcePost, importKey: string) => {
    const base = post.slug ? slugify(post.slug) : slugify(post.title);
    const taken = await strapi.db.query(POST_UID as UID.ContentType).findOne({
      where: {
        slug: base,
        $or: [{ importKey: { $null: true } }, { importKey: { $ne: importKey } }],
      },
      select: ['id', 'importKey'],
    });
    if (!taken) return base;
    return `${base}-${slugify(post.sourceId)}`;
  };

  const writePost = async (
    format: ImportFormat,
    post: SourcePost,
    withLessons: boolean
  ): Promise<{ documentId: string; created: boolean }> => {
    const importKey = `${format}:post:${post.sourceId}`;
    const existing = await findByKey(POST_UID, importKey);
    const blocks: Block[] = htmlToBlocks(post.html);
    const found = withLessons ? extractLessons(blocks) : null;
    const data = {
      title: post.title.slice(0, 200),
      slug: await slugFor(post, importKey),
      excerpt: post.excerpt ? plainText(post.excerpt) : null,
      body: found?.body ?? blocks,
      originalDate: post.date ? post.date.slice(0, 10) : null,
      authorName: post.authorName?.slice(0, 245) ?? null,
      lessonsHeading: found?.lessonsHeading ?? null,
      lessons: (found?.lessons ?? []).map((text) => ({ text })),
      importKey,
    };
    let documentId: string;
    if (existing) {
      documentId = existing.documentId;
      await documents(POST_UID).update({ documentId, data } as never);
    } else {
      const created = (await documents(POST_UID).create({ data } as never)) as unknown as {
        documentId: string;
      };
      documentId = created.documentId;
    }
    if (post.status === 'published') await documents(POST_UID).publish({ documentId } as never);
    else if (existing) await documents(POST_UID).unpublish({ documentId } as never);
    return { documentId, created: !existing };
  };

  /** documentIds of the comments already imported, by source id: one query per 500 keys. */
  const knownComments = async (format: ImportFormat, sourceIds: string[]) => {
    const known = new Map<string, string>();
    const prefix = `${format}:comment:`;
    for (let i = 0; i < sourceIds.length; i += KEY_BATCH) {
      const rows = (await strapi.db.query(COMMENT_UID as UID.ContentType).findMany({
        where: { importKey: { $in: sourceIds.slice(i, i + KEY_BATCH).map((id) => prefix + id) } },
        select: ['documentId', 'importKey'],
      })) as Array<{ documentId: string; importKey: string }>;
      for (const row of rows) known.set(row.importKey.slice(prefix.length), row.documentId);
    }
    return known;
  };

  /**
   * Writes a post's comments, parents first. `known` maps source ids to the documentIds of
   * comments already in the database, and learns each comment written here, so a reply finds
   * its parent without a query.
   */
  const writeComments = async (
    format: ImportFormat,
    postDocumentId: string,
    comments: SourceComment[],
    known: Map<string, string>,
    counts: ImportTally
  ) => {
    const moderation = getService('moderation', { strapi });
    const settings = await getService('settings', { strapi }).get();
    for (const comment of parentsFirst(comments)) {
      const existing = known.get(comment.sourceId);
      let parent = comment.parentSourceId ? known.get(comment.parentSourceId) : undefined;
      if (comment.parentSourceId && !parent) {
        parent = (await knownComments(format, [comment.parentSourceId])).get(
          comment.parentSourceId
        );
      }
      const data = {
        post: postDocumentId,
        parent: parent ?? null,
        authorName: comment.authorName.slice(0, 245),
        authorEmail: comment.authorEmail,
        authorUrl: comment.authorUrl && comment.authorUrl.length <= 200 ? comment.authorUrl : null,
        content: plainText(comment.html) || '(empty)',
        status: comment.status,
        submittedAt: comment.date,
        importKey: `${format}:comment:${comment.sourceId}`,
      };
      try {
        const written = (await moderation.runAs(
          { type: 'importer' },
          () =>
            existing
              ? documents(COMMENT_UID).update({ documentId: existing, data } as never)
              : documents(COMMENT_UID).create({ data } as never),
          { settings }
        )) as unknown as { documentId: string };
        known.set(comment.sourceId, written.documentId);
        if (existing) counts.updated += 1;
        else counts.created += 1;
      } catch (error) {
        // A refusal (bad email, …) comes before any write: the post's transaction goes on.
        if (!(error instanceof errors.ApplicationError)) throw error;
        counts.skipped.push({ sourceId: comment.sourceId, reason: error.message });
      }
    }
  };

  /** What a dry run reports for comments: those already imported would be updated. */
  const tallyComments = async (
    format: ImportFormat,
    comments: SourceComment[],
    counts: ImportTally
  ) => {
    const known = await knownComments(
      format,
      comments.map((c) => c.sourceId)
    );
    counts.updated += known.size;
    counts.created += comments.length - known.size;
  };

  /**
   * Checks the whole file is an export before anything is written; counts what it holds and
   * what it leaves out.
   */
  const survey = async (
    format: ImportFormat,
    open: Open,
    report: ImportReport,
    progress: ImportProgress,
    onProgress?: (progress: ImportProgress) => void,
    signal?: AbortSignal
  ) => {
    let seen = 0;
    const leftOut = (type: string, title?: string | null) => {
      const entry = (report.notImported[type] ??= { count: 0, examples: [] });
      entry.count += 1;
      if (entry.examples.length < 5 && title) entry.examples.push(title);
    };
    try {
      for await (const record of read(format, open)) {
        signal?.throwIfAborted();
        if (record.kind === 'skipped') {
          leftOut(record.type, record.title);
        } else if (record.kind === 'post') {
          progress.totalPosts += 1;
          progress.totalComments += record.post.comments.length;
          for (const skipped of record.post.skippedComments) leftOut(skipped.kind);
        } else {
          progress.totalComments += 1;
        }
        seen += 1;
        if (onProgress && seen % PROGRESS_EVERY === 0) onProgress({ ...progress });
      }
    } catch (error) {
      if (error instanceof ImportFormatError) throw new errors.ValidationError(error.message);
      throw error;
    }
  };

  return {
    /** WordPress or Blogger, from the file's first kilobytes; `null` when neither. */
    sniff: (open: Open) => sniffFormat(open()),

    async run(open: Open, options: ImportOptions = {}): Promise<ImportReport> {
      const { dryRun = false, lessons = true, onProgress, signal } = options;
      const format = options.format ?? (await sniffFormat(open()));
      if (!format) throw new errors.ValidationError(notAnExport());
      const report: ImportReport = {
        format,
        dryRun,
        posts: tally(),
        comments: tally(),
        notImported: {},
      };
      const progress: ImportProgress = {
        phase: 'checking',
        posts: 0,
        comments: 0,
        totalPosts: 0,
        totalComments: 0,
      };
      await survey(format, open, report, progress, onProgress, signal);
      progress.phase = 'importing';
      onProgress?.({ ...progress });

      const postIds = new Map<string, string>();
      let seen = 0;
      for await (const record of read(format, open)) {
        signal?.throwIfAborted();
        if (record.kind === 'post') {
          const { post } = record;
          if (dryRun) {
            const exists = await findByKey(POST_UID, `${format}:post:${post.sourceId}`);
            report.posts[exists ? 'updated' : 'created'] += 1;
            await tallyComments(format, post.comments, report.comments);
          } else {
            await strapi.db.transaction(async () => {
              const written = await writePost(format, post, lessons);
              postIds.set(post.sourceId, written.documentId);
              report.posts[written.created ? 'created' : 'updated'] += 1;
              const known = await knownComments(
                format,
                post.comments.map((c) => c.sourceId)
              );
              await writeComments(
                format,
                written.documentId,
                post.comments,
                known,
                report.comments
              );
            });
          }
          progress.posts += 1;
          progress.comments += post.comments.length;
        } else if (record.kind === 'comment') {
          const postDocumentId =
            postIds.get(record.postSourceId) ??
            (await findByKey(POST_UID, `${format}:post:${record.postSourceId}`))?.documentId;
          if (!postDocumentId && !dryRun) {
            report.comments.skipped.push({
              sourceId: record.comment.sourceId,
              reason: `its post ${record.postSourceId} is not in the export`,
            });
          } else if (dryRun) {
            await tallyComments(format, [record.comment], report.comments);
          } else {
            const known = await knownComments(format, [record.comment.sourceId]);
            await strapi.db.transaction(() =>
              writeComments(format, postDocumentId!, [record.comment], known, report.comments)
            );
          }
          progress.comments += 1;
        }
        seen += 1;
        if (onProgress && seen % PROGRESS_EVERY === 0) onProgress({ ...progress });
      }
      onProgress?.({ ...progress });
      return report;
    },
  };
};

export type { ImportFormat, ImportProgress, ImportReport, ImportTally };
export type ImporterService = ReturnType<typeof createImporterService>;
export default createImporterService;
