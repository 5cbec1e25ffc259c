import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import type {
  ImportFormat,
  ImportProgress,
  ImportReport,
  ImportTally,
} from '../../../contracts/imports';
import { POST_UID } from '../../../contracts/plugin';
import { readBlogger, type BloggerRecord } from '../import/blogger';
import { createCommentWriter } from '../import/comment-writer';
import { breathe } from '../import/decode';
import {
  htmlText,
  htmlToBlocks,
  imageSources,
  plainText,
  type Block,
} from '../import/html-to-blocks';
import { keyOf, legacyKeyOf, refusalOf } from '../import/import-keys';
import { extractLessons } from '../import/lessons';
import { createMediaLibrary, emptyMediaReport, type LibraryFile } from '../import/media-library';
import {
  ImportFormatError,
  type ReaderLimits,
  type SourcePost,
  type SourceRecord,
} from '../import/source';
import { notAnExport, sniffFormat } from '../import/sniff';
import { createTaxonomyWriter, type TaxonomyWriter } from '../import/taxonomy-writer';
import { samePost, type IncomingPost, type StoredPost } from '../import/unchanged';
import { readWxr } from '../import/wxr';
import { postContentBytes, postSizeProblem } from '../posts/size-limit';
import { getService } from '../utils/get-service';
import { getPluginConfig } from '../utils/plugin-config';

/**
 * Imports a WordPress (WXR) or Blogger export: posts with their body as blocks, their lessons
 * and their comments, keyed on the export's own ids scoped by their source (the WordPress
 * site's URL, the Blogger blog's id: `wxr:example.com/blog:post:12`), so a second run of the same
 * blog updates instead of duplicating and another blog's post 12 stays apart. The file is read
 * twice as a stream: once to check it is an export at all (so a wrong file writes nothing), once
 * to write, each post with its comments in one transaction, yielding to the event loop between
 * records. Comments go through the moderation lifecycle as the importer, keeping their source
 * status. A post over `limits.postBytes` or nested too deep is skipped and named in the report.
 *
 * Keys written by 0.1.0 had no scope (`wxr:post:12`). A scoped post whose key is absent adopts
 * such a post when it has the same id AND the slug this post would get (its key is rewritten),
 * and its comments adopt unscoped comments of that same post; anything else is left as it is.
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
  /**
   * The real path of a copy of the site's uploads folder, where images are read first (checked
   * by the caller: see import/uploads-dir.ts).
   */
  uploadsDir?: string | null;
}

type Records = AsyncGenerator<SourceRecord | BloggerRecord>;
type Open = () => AsyncIterable<Buffer | string>;

/** The reader holds a field up to this many times `limits.postBytes` (HTML is longer than blocks). */
const FIELD_CHARS_PER_POST_BYTE = 8;
/** A source id longer than this is not an export's id. */
const MAX_SOURCE_ID = 64;

interface PreparedPost {
  post: SourcePost;
  importKey: string;
  data: Record<string, unknown>;
}

/** What a post links to: its cover and its images' files by URL, its terms and author. */
interface PostLinks {
  cover: LibraryFile | null;
  images: Map<string, LibraryFile>;
  categories: string[];
  tags: string[];
  author: string | null;
}
/** Records between two progress reports. */
const PROGRESS_EVERY = 10;

const tally = (): ImportTally => ({ created: 0, updated: 0, skipped: [] });
/** What a run leaves as it is is counted too. */
const contentTally = (): ImportTally => ({ ...tally(), unchanged: 0 });

/** A stored post's fields a run compares (unchanged.ts), with what it links to. */
const STORED_POST = {
  select: [
    'publishedAt',
    'title',
    'slug',
    'excerpt',
    'body',
    'originalDate',
    'authorName',
    'lessonsHeading',
    'commentsEnabled',
  ],
  populate: {
    lessons: { select: ['text'] },
    cover: { select: ['id'] },
    categories: { select: ['documentId'] },
    tags: { select: ['documentId'] },
    author: { select: ['documentId'] },
  },
};

const slugify = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|(?<!-)-+$/g, '')
    .slice(0, 80) || 'post';

const createImporterService = ({ strapi }: { strapi: Core.Strapi }) => {
  const documents = (uid: string) => strapi.documents(uid as UID.ContentType);
  const { knownComments, writeComments, tallyComments } = createCommentWriter({ strapi });

  const readerLimits = (): ReaderLimits => ({
    maxFieldChars: getPluginConfig(strapi).limits.postBytes * FIELD_CHARS_PER_POST_BYTE,
  });

  const read = (format: ImportFormat, open: Open): Records =>
    format === 'wxr' ? readWxr(open(), readerLimits()) : readBlogger(open(), readerLimits());

  const findByKey = async (uid: string, importKey: string) =>
    (await strapi.db.query(uid as UID.ContentType).findOne({
      where: { importKey },
      select: ['id', 'documentId', 'publishedAt', 'slug', 'importKey'],
    })) as {
      id: number;
      documentId: string;
      publishedAt: string | null;
      slug: string;
      importKey: string;
    } | null;

  const baseSlug = (post: SourcePost) => (post.slug ? slugify(post.slug) : slugify(post.title));

  /** The post already imported under this key, or a 0.1.0 post it adopts (see above). */
  const existingPost = async (format: ImportFormat, post: SourcePost, importKey: string) => {
    const found = await findByKey(POST_UID, importKey);
    if (found || !post.scope) return found;
    const legacy = await findByKey(POST_UID, legacyKeyOf(format, 'post', post.sourceId));
    const base = baseSlug(post);
    return legacy && [base, `${base}-${slugify(post.sourceId)}`].includes(legacy.slug)
      ? legacy
      : null;
  };

  /** The post's slug, made unique against other posts. */
  const slugFor = async (post: SourcePost, documentId: string | null) => {
    const base = baseSlug(post);
    const taken = await strapi.db.query(POST_UID as UID.ContentType).findOne({
      where: { slug: base, ...(documentId && { documentId: { $ne: documentId } }) },
      select: ['id'],
    });
    if (!taken) return base;
    return `${base}-${slugify(post.sourceId)}`;
  };

  const checkSourceId = (post: SourcePost) => {
    if (!post.sourceId || post.sourceId.length > MAX_SOURCE_ID) {
      throw new errors.ValidationError(`its id is empty or over ${MAX_SOURCE_ID} characters`);
    }
  };

  /**
   * A post's cover, images, terms and author, in the Media Library and the database (a dry run
   * reads and writes nothing: it counts). Written before the post's transaction: a post refused
   * later leaves them, and the next run reuses them.
   */
  const linksOf = async (
    post: SourcePost,
    coverUrl: string | null,
    taxonomy: TaxonomyWriter,
    media: ReturnType<typeof createMediaLibrary>
  ): Promise<PostLinks> => {
    checkSourceId(post);
    const images = await media.filesOf(coverUrl, imageSources(post.html));
    const terms = await taxonomy.linksOf(post.scope, post);
    return { cover: (coverUrl && images.get(coverUrl)) || null, images, ...terms };
  };

  /**
   * The post as it will be saved (slug aside); throws a refusal (HtmlTooDeepError, or a
   * ValidationError naming limits.postBytes) when it cannot be imported.
   */
  const preparePost = (
    format: ImportFormat,
    post: SourcePost,
    withLessons: boolean,
    links: PostLinks
  ) => {
    checkSourceId(post);
    const blocks: Block[] = htmlToBlocks(post.html, {
      imageFor: (src) => links.images.get(src) ?? null,
    });
    const found = withLessons ? extractLessons(blocks) : null;
    const data = {
      title: (htmlText(post.title) || '(untitled)').slice(0, 200),
      excerpt: post.excerpt ? plainText(post.excerpt) : null,
      body: found?.body ?? blocks,
      originalDate: post.date ? post.date.slice(0, 10) : null,
      authorName: post.authorName?.slice(0, 245) ?? null,
      lessonsHeading: found?.lessonsHeading ?? null,
      lessons: (found?.lessons ?? []).map((text) => ({ text })),
      commentsEnabled: !post.commentsClosed,
      cover: links.cover?.id ?? null,
      categories: links.categories,
      tags: links.tags,
      author: links.author,
    };
    const max = getPluginConfig(strapi).limits.postBytes;
    // The slug is not known yet: count the longest it can be.
    const problem = postSizeProblem(postContentBytes({ ...data, slug: 'x'.repeat(160) }), max);
    if (problem) throw new errors.ValidationError(problem);
    return { post, importKey: keyOf(format, post.scope, 'post', post.sourceId), data };
  };

  /**
   * The post already imported (or adopted) under this key, the slug it gets, and whether it
   * holds already what a run would write (fields, publication and schedule): then it is left as
   * it is. A handful of queries per post, whatever its size: its rows (draft and published) and
   * what they link to.
   */
  const postState = async (
    format: ImportFormat,
    { post, importKey, data: content }: PreparedPost,
    locale: string
  ) => {
    const existing = await existingPost(format, post, importKey);
    const slug = await slugFor(post, existing?.documentId ?? null);
    if (!existing) return { existing, slug, unchanged: false };
    const rows = (await strapi.db.query(POST_UID as UID.ContentType).findMany({
      where: { documentId: existing.documentId, locale },
      ...STORED_POST,
    })) as StoredPost[];
    const incoming = { ...content, slug } as unknown as IncomingPost;
    // An adopted 0.1.0 post gets its scoped key: a write.
    const unchanged =
      existing.importKey === importKey &&
      samePost(rows, incoming, post.status === 'published') &&
      (!post.scheduledAt ||
        (await getService('schedules', { strapi }).importScheduleHeld(
          existing.documentId,
          locale,
          new Date(post.scheduledAt)
        )));
    return { existing, slug, unchanged };
  };

  /**
   * Writes a post in the default locale (`locale`), where the import puts every post; a post
   * that holds what would be written is left alone.
   */
  const writePost = async (
    format: ImportFormat,
    prepared: PreparedPost,
    locale: string
  ): Promise<{ documentId: string; outcome: 'created' | 'updated' | 'unchanged' }> => {
    const { post, importKey, data: content } = prepared;
    const { existing, slug, unchanged } = await postState(format, prepared, locale);
    if (existing && unchanged) return { documentId: existing.documentId, outcome: 'unchanged' };
    const data = { ...content, slug, importKey };
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
    if (post.scheduledAt) {
      // In the post's transaction: a post refused later leaves no schedule behind.
      await getService('schedules', { strapi }).scheduleForImport(
        documentId,
        locale,
        'publish',
        new Date(post.scheduledAt)
      );
    }
    return { documentId, outcome: existing ? 'updated' : 'created' };
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
    attachments: Map<string, string>,
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
        } else if (record.kind === 'attachment') {
          // Not imported as an item; its file may be a post's featured image.
          leftOut('attachment', record.title);
          if (record.url && record.sourceId) attachments.set(record.sourceId, record.url);
        } else if (
          record.kind === 'category' ||
          record.kind === 'tag' ||
          record.kind === 'author'
        ) {
          // Written on the second reading.
        } else if (record.kind === 'post') {
          progress.totalPosts += 1;
          progress.totalComments += record.post.comments.length;
          for (const skipped of record.post.skippedComments) leftOut(skipped.kind);
        } else if (record.kind === 'refused') {
          progress.totalPosts += 1;
        } else {
          progress.totalComments += 1;
        }
        seen += 1;
        if (onProgress && seen % PROGRESS_EVERY === 0) onProgress({ ...progress });
        await breathe();
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
      const { dryRun = false, lessons = true, onProgress, signal, uploadsDir = null } = options;
      const format = options.format ?? (await sniffFormat(open()));
      if (!format) throw new errors.ValidationError(notAnExport());
      const report: ImportReport = {
        format,
        dryRun,
        posts: contentTally(),
        comments: contentTally(),
        categories: contentTally(),
        tags: contentTally(),
        authors: contentTally(),
        media: emptyMediaReport(),
        heldBack: [],
        scheduled: [],
        notImported: {},
      };
      const progress: ImportProgress = {
        phase: 'checking',
        posts: 0,
        comments: 0,
        totalPosts: 0,
        totalComments: 0,
      };
      const attachments = new Map<string, string>();
      await survey(format, open, report, progress, attachments, onProgress, signal);
      progress.phase = 'importing';
      onProgress?.({ ...progress });

      const config = getPluginConfig(strapi);
      const locale = await getService('posts', { strapi }).locales.defaultLocale();
      const taxonomy = createTaxonomyWriter(strapi, {
        format,
        dryRun,
        locale,
        tallies: { category: report.categories!, tag: report.tags!, author: report.authors! },
      });
      const media = createMediaLibrary(
        strapi,
        {
          dryRun,
          uploadsDir,
          maxFiles: config.limits.import.mediaFiles,
          maxBytes: config.limits.import.imageBytes,
          timeoutMs: config.import.fetchTimeoutMs,
          allowPrivateAddresses: config.import.allowPrivateAddresses,
        },
        report.media!
      );

      const postIds = new Map<string, string>();
      const skipPost = (post: SourcePost | null, sourceId: string, title: string, why: string) => {
        report.posts.skipped.push({ sourceId, reason: `“${title}”: ${why}` });
        for (const comment of post?.comments ?? []) {
          report.comments.skipped.push({
            sourceId: comment.sourceId,
            reason: `its post ${sourceId} was skipped`,
          });
        }
      };
      let seen = 0;
      for await (const record of read(format, open)) {
        signal?.throwIfAborted();
        if (record.kind === 'category') {
          await taxonomy.category(record.scope, record.category);
        } else if (record.kind === 'tag') {
          await taxonomy.tag(record.scope, record.tag);
        } else if (record.kind === 'author') {
          await taxonomy.author(record.scope, record.author);
        } else if (record.kind === 'post') {
          const { post } = record;
          report.comments.skipped.push(...post.refusedComments);
          let prepared: PreparedPost | null = null;
          try {
            const coverUrl = post.thumbnailId ? (attachments.get(post.thumbnailId) ?? null) : null;
            const links = await linksOf(post, coverUrl, taxonomy, media);
            prepared = preparePost(format, post, lessons, links);
            if (post.heldBack) {
              report.heldBack!.push({
                sourceId: post.sourceId,
                title: String(prepared.data.title),
                reason: post.heldBack,
              });
            }
            if (post.scheduledAt) {
              report.scheduled!.push({
                sourceId: post.sourceId,
                title: String(prepared.data.title),
                at: post.scheduledAt,
              });
            }
          } catch (error) {
            const reason = refusalOf(error);
            if (reason === null) throw error;
            skipPost(post, post.sourceId, post.title, reason);
          }
          if (prepared && dryRun) {
            const { existing: exists, unchanged } = await postState(format, prepared, locale);
            const outcome = !exists ? 'created' : unchanged ? 'unchanged' : 'updated';
            report.posts[outcome] = (report.posts[outcome] ?? 0) + 1;
            await tallyComments(
              format,
              post.scope,
              post.comments,
              report.comments,
              exists?.documentId ?? null
            );
          } else if (prepared) {
            const ready = prepared;
            const comments = contentTally();
            try {
              await strapi.db.transaction(async () => {
                const written = await writePost(format, ready, locale);
                postIds.set(post.sourceId, written.documentId);
                const known = await knownComments(
                  format,
                  post.scope,
                  post.comments.map((c) => c.sourceId),
                  written.documentId
                );
                await writeComments(
                  format,
                  post.scope,
                  written.documentId,
                  post.comments,
                  known,
                  comments,
                  locale
                );
                report.posts[written.outcome] = (report.posts[written.outcome] ?? 0) + 1;
              });
              report.comments.created += comments.created;
              report.comments.updated += comments.updated;
              report.comments.unchanged = (report.comments.unchanged ?? 0) + comments.unchanged!;
              report.comments.skipped.push(...comments.skipped);
            } catch (error) {
              // Refused while saving (the size cap, a field Strapi refuses): the post's
              // transaction is rolled back, comments and all.
              const reason = refusalOf(error);
              if (reason === null) throw error;
              skipPost(post, post.sourceId, post.title, reason);
            }
          }
          progress.posts += 1;
          progress.comments += post.comments.length;
        } else if (record.kind === 'refused') {
          skipPost(null, record.sourceId, record.title, record.reason);
          if (record.comments) {
            report.comments.skipped.push({
              sourceId: `(${record.comments} comments of post ${record.sourceId})`,
              reason: `their post ${record.sourceId} was skipped`,
            });
          }
          progress.posts += 1;
        } else if (record.kind === 'refused-comment') {
          report.comments.skipped.push({ sourceId: record.sourceId, reason: record.reason });
          progress.comments += 1;
        } else if (record.kind === 'comment') {
          const postKey = keyOf(format, record.scope, 'post', record.postSourceId);
          const postDocumentId =
            postIds.get(record.postSourceId) ?? (await findByKey(POST_UID, postKey))?.documentId;
          if (!postDocumentId && !dryRun) {
            report.comments.skipped.push({
              sourceId: record.comment.sourceId,
              reason: `its post ${record.postSourceId} is not in the export`,
            });
          } else if (dryRun) {
            await tallyComments(
              format,
              record.scope,
              [record.comment],
              report.comments,
              postDocumentId ?? null
            );
          } else {
            const known = await knownComments(
              format,
              record.scope,
              [record.comment.sourceId],
              postDocumentId!
            );
            await strapi.db.transaction(() =>
              writeComments(
                format,
                record.scope,
                postDocumentId!,
                [record.comment],
                known,
                report.comments,
                locale
              )
            );
          }
          progress.comments += 1;
        }
        seen += 1;
        if (onProgress && seen % PROGRESS_EVERY === 0) onProgress({ ...progress });
        // Other requests run between two records, however long the import.
        await breathe();
      }
      onProgress?.({ ...progress });
      return report;
    },
  };
};

export type { ImportFormat, ImportProgress, ImportReport, ImportTally };
export type ImporterService = ReturnType<typeof createImporterService>;
export default createImporterService;
