import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

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
import { readWxr } from '../import/wxr';
import { getService } from '../utils/get-service';

/**
 * Imports a WordPress (WXR) or Blogger export: posts with their body as blocks, their lessons
 * and their comments, keyed on the export's own ids so a second run updates instead of
 * duplicating. The file is read twice as a stream: once to check it is an export at all (so a
 * wrong file writes nothing), once to write, each post with its comments in one transaction.
 * Comments go through the moderation lifecycle as the importer, keeping their source status.
 */

export type ImportFormat = 'wxr' | 'blogger';

export interface ImportOptions {
  format: ImportFormat;
  dryRun?: boolean;
  /** Take a numbered list the post ends with as its lessons (on by default). */
  lessons?: boolean;
  onProgress?: (progress: { posts: number; comments: number }) => void;
}

export interface ImportTally {
  created: number;
  updated: number;
  skipped: Array<{ sourceId: string; reason: string }>;
}

export interface ImportReport {
  format: ImportFormat;
  dryRun: boolean;
  posts: ImportTally;
  comments: ImportTally;
  /** What the export holds that is not imported: pages, attachments, pingbacks … by type. */
  notImported: Record<string, { count: number; examples: string[] }>;
}

type Records = AsyncGenerator<SourceRecord | BloggerRecord>;
type Open = () => AsyncIterable<Buffer | string>;

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
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'post';

/** Parents before their replies; a reply whose parent is not in the export becomes a root. */
const parentsFirst = (comments: SourceComment[]): SourceComment[] => {
  const ids = new Set(comments.map((c) => c.sourceId));
  const done = new Set<string>();
  const ordered: SourceComment[] = [];
  let pending = comments.map((c) =>
    c.parentSourceId && !ids.has(c.parentSourceId) ? { ...c, parentSourceId: null } : c
  );
  while (pending.length) {
    const ready = pending.filter((c) => !c.parentSourceId || done.has(c.parentSourceId));
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

  const writeComment = async (
    format: ImportFormat,
    postDocumentId: string,
    comment: SourceComment,
    counts: ImportTally
  ) => {
    const importKey = `${format}:comment:${comment.sourceId}`;
    const parent = comment.parentSourceId
      ? await findByKey(COMMENT_UID, `${format}:comment:${comment.parentSourceId}`)
      : null;
    const existing = await findByKey(COMMENT_UID, importKey);
    const data = {
      post: postDocumentId,
      parent: parent?.documentId ?? null,
      authorName: comment.authorName.slice(0, 245),
      authorEmail: comment.authorEmail,
      authorUrl: comment.authorUrl && comment.authorUrl.length <= 200 ? comment.authorUrl : null,
      content: plainText(comment.html) || '(empty)',
      status: comment.status,
      submittedAt: comment.date,
      importKey,
    };
    try {
      await getService('moderation', { strapi }).runAs({ type: 'importer' }, () =>
        existing
          ? documents(COMMENT_UID).update({ documentId: existing.documentId, data } as never)
          : documents(COMMENT_UID).create({ data } as never)
      );
      if (existing) counts.updated += 1;
      else counts.created += 1;
    } catch (error) {
      // A refusal (bad email, …) comes before any write: the post's transaction goes on.
      if (!(error instanceof errors.ApplicationError)) throw error;
      counts.skipped.push({ sourceId: comment.sourceId, reason: error.message });
    }
  };

  /** Checks the whole file is an export before anything is written; counts what it holds. */
  const survey = async (format: ImportFormat, open: Open, report: ImportReport) => {
    try {
      for await (const record of read(format, open)) {
        if (record.kind === 'skipped') {
          const entry = (report.notImported[record.type] ??= { count: 0, examples: [] });
          entry.count += 1;
          if (entry.examples.length < 5 && record.title) entry.examples.push(record.title);
        } else if (record.kind === 'post') {
          for (const skipped of record.post.skippedComments) {
            const entry = (report.notImported[skipped.kind] ??= { count: 0, examples: [] });
            entry.count += 1;
          }
        }
      }
    } catch (error) {
      if (error instanceof ImportFormatError) throw new errors.ValidationError(error.message);
      throw error;
    }
  };

  return {
    async run(open: Open, options: ImportOptions): Promise<ImportReport> {
      const { format, dryRun = false, lessons = true, onProgress } = options;
      const report: ImportReport = {
        format,
        dryRun,
        posts: tally(),
        comments: tally(),
        notImported: {},
      };
      await survey(format, open, report);
      const postIds = new Map<string, string>();
      let seen = 0;

      for await (const record of read(format, open)) {
        if (record.kind === 'post') {
          const { post } = record;
          if (dryRun) {
            const exists = await findByKey(POST_UID, `${format}:post:${post.sourceId}`);
            report.posts[exists ? 'updated' : 'created'] += 1;
            for (const c of post.comments) {
              const known = await findByKey(COMMENT_UID, `${format}:comment:${c.sourceId}`);
              report.comments[known ? 'updated' : 'created'] += 1;
            }
          } else {
            await strapi.db.transaction(async () => {
              const written = await writePost(format, post, lessons);
              postIds.set(post.sourceId, written.documentId);
              report.posts[written.created ? 'created' : 'updated'] += 1;
              for (const c of parentsFirst(post.comments)) {
                await writeComment(format, written.documentId, c, report.comments);
              }
            });
          }
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
            const known = await findByKey(
              COMMENT_UID,
              `${format}:comment:${record.comment.sourceId}`
            );
            report.comments[known ? 'updated' : 'created'] += 1;
          } else {
            await strapi.db.transaction(() =>
              writeComment(format, postDocumentId!, record.comment, report.comments)
            );
          }
        }
        seen += 1;
        if (onProgress && seen % 10 === 0) {
          onProgress({
            posts: report.posts.created + report.posts.updated,
            comments: report.comments.created + report.comments.updated,
          });
        }
      }
      return report;
    },
  };
};

export type ImporterService = ReturnType<typeof createImporterService>;
export default createImporterService;
