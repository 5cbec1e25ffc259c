import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import type { CommentStatus } from '../../../contracts/comments';
import { emitCreated } from '../comments/created-event';
import type { CountChange } from '../repositories/comment-counts';
import createDerivedData, { threadCopies } from '../comments/derived-data';
import createTrash from '../comments/trash';
import { rowsPerStatement } from '../db/batch-rows';
import { insertComments, type InsertedComment } from '../db/comment-insert';
import { dialectOf } from '../db/dialect';
import { attributesOf } from '../db/metadata';
import { COMMENT_UID } from '../../../contracts/plugin';
import { cleanUpdateData, createData } from '../comments/write-data';
import {
  currentScope,
  describe,
  hidesPrivateFields,
  isTrusted,
  mayChange,
  runInModerationScope,
  type Actor,
  type ModerationScope,
} from '../moderation/actor';
import { assertStructure, readCandidate } from '../moderation/candidate';
import createVerdicts from '../moderation/create-verdict';
import { CommentsForbiddenError, fieldRefusal, isFloodRefusal } from '../moderation/errors';
import { refusePrivateQuery, stripPrivateFields } from '../moderation/private-fields';
import { changesRelation, relationDocumentId } from '../moderation/relation-ref';
import { isStatus, type Facts } from '../moderation/rules';
import createUpdateChecks, {
  CHECKED_FIELDS,
  mergedCandidate,
  OWN_FIELDS,
  refuseRepliesChange,
} from '../moderation/update-checks';
import createReaderEdits from '../moderation/reader-edit';
import createModerationFactsRepository from '../repositories/moderation-facts';
import createReportsRepository from '../repositories/reports';
import { getService } from '../utils/get-service';
import { ConflictError } from '../utils/conflict';
import { getSecret, keyedHash } from '../utils/secret';

/** The part of a Document Service middleware context this service reads and changes. */
export interface DocumentContext {
  uid: string;
  action: string;
  params: { documentId?: string; data?: Record<string, unknown> } & Record<string, unknown>;
}
type Next = () => Promise<unknown>;

/**
 * A parent's facts the caller already has: the importer's batch knows a reply's parent written
 * in the same batch (not yet in the database) and where its thread starts.
 */
export interface KnownParent {
  parent: Facts['parent'];
  rootDocumentId: string | null;
}

/** A comment's create as `prepareCreate` decided it: the row's data and what follows it. */
export interface PreparedCreate {
  data: Record<string, unknown>;
  postDocumentId: string;
  parentDocumentId: string | null;
  status: CommentStatus;
  rule: string;
  reason: string;
  actor: Actor;
  /** Its level in the thread: 1 for a root, its parent's + 1 for a reply. */
  depth: number;
}

/**
 * A relation as the Document Service takes it. With the locale named (the app's default, which
 * Strapi would read again for a relation from a comment, a type without locales, to a post),
 * the Document Service links the same rows without reading it.
 */
const relationTo = (documentId: string, defaultLocale: string | undefined) =>
  defaultLocale ? { documentId, locale: defaultLocale } : documentId;

/** Document Service reads of a comment (as the Content Manager makes them). */
export const READ_ACTIONS = ['findOne', 'findMany', 'findFirst', 'count'];

/**
 * The moderation engine: runs as a Document Service middleware on comments, so every path a
 * comment can take (the public route, the Content Manager, the importer, custom code) gets the
 * same rules, and every status change, the first verdict and a delete included, is logged.
 * Who acts is moderation/actor.ts, the verdict moderation/judge.ts (through create-verdict.ts),
 * the thread copies and counts comments/derived-data.ts; here: the write's transaction, the
 * moderation log and the notifications. A create is `prepareCreate` then, in one transaction,
 * the write and `afterCreate`: the middleware's write is the Document Service's (`onCreate`), the
 * public submission's a direct insert (`createDirect`, db/comment-insert.ts).
 */
const createModerationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const facts = createModerationFactsRepository({ strapi });
  const { refreshDerived } = createDerivedData({ strapi });
  const { verdict, parentFacts } = createVerdicts({ strapi });
  const { refuseChanges, refusePostMove, checkPlacement } = createUpdateChecks({ strapi });
  const hash = (value: string) => keyedHash(getSecret(strapi), value);
  const trash = createTrash({ strapi });
  const readerEdit = createReaderEdits({ strapi });
  const reports = createReportsRepository({ strapi });

  return {
    /** Runs `fn` as `actor`: the importer and trusted code keep the statuses they set. */
    runAs<T>(actor: Actor, fn: () => Promise<T>, extra: Omit<ModerationScope, 'actor'> = {}) {
      return runInModerationScope({ actor, ...extra }, fn);
    },

    /** The keyed hash an IP address is stored as. */
    hashIp(ip: string) {
      return hash(`ip:${ip}`);
    },

    /**
     * Everything a comment's create decides before the write, the same whoever writes it: its
     * data cleaned, its parent and post read, the verdict (a refusal thrown), and the row's data
     * as the Document Service takes it (the relations by documentId, the thread copies).
     */
    async prepareCreate(
      given: Record<string, unknown>,
      known?: KnownParent
    ): Promise<PreparedCreate> {
      const scope = currentScope(strapi);
      const trusted = isTrusted(scope);
      const data = createData(given, trusted);
      refuseRepliesChange(data);
      const { candidate, postDocumentId, parentDocumentId } = readCandidate(data, scope.submission);
      const { parent, rootDocumentId } =
        known && parentDocumentId
          ? known
          : await parentFacts(parentDocumentId, postDocumentId, trusted);
      const now = new Date();
      const { status, rule, reason } = await verdict({
        scope,
        data,
        candidate,
        postDocumentId,
        parentDocumentId,
        post:
          scope.post?.documentId === postDocumentId
            ? scope.post.facts
            : await facts.post(postDocumentId),
        parent,
        settings: scope.settings ?? (await getService('settings', { strapi }).get()),
        now,
      });
      const ipHash = candidate.ip ? hash(`ip:${candidate.ip}`) : null;

      return {
        data: {
          ...data,
          post: relationTo(postDocumentId, scope.defaultLocale),
          parent: parentDocumentId && relationTo(parentDocumentId, scope.defaultLocale),
          authorName: candidate.authorName,
          authorEmail: candidate.authorEmail,
          authorUrl: candidate.authorUrl,
          content: candidate.content,
          status,
          moderationReason: reason,
          ipHash: trusted && typeof data.ipHash === 'string' ? data.ipHash : ipHash,
          userAgent: candidate.userAgent,
          submittedAt:
            trusted && data.submittedAt !== undefined ? data.submittedAt : now.toISOString(),
          ...threadCopies(postDocumentId, parentDocumentId, rootDocumentId),
        },
        postDocumentId,
        parentDocumentId,
        status,
        rule,
        reason,
        actor: scope.actor,
        depth: (parent?.depth ?? 0) + 1,
      };
    },

    /**
     * What follows comments' creates, in their transaction, whoever wrote the rows: the posts'
     * counts, the moderation log's first entries, the notifications once it commits, and, for
     * rows written without the Query Engine (whose lifecycle events bump the public cache), the
     * cache's comment answers when one of them is public (a held one changes no public answer).
     * A statement or so per batch, whatever its size.
     */
    async afterCreate(
      created: Array<{ documentId: string; prepared: PreparedCreate }>,
      onCommit: (callback: () => unknown) => void,
      { viaQueryEngine }: { viaQueryEngine: boolean }
    ) {
      if (!viaQueryEngine && created.some(({ prepared }) => prepared.status === 'approved')) {
        await getService('publicCache', { strapi }).invalidate(['comments']);
      }
      const perPost = new Map<string, CountChange>();
      for (const { prepared } of created) {
        if (prepared.status !== 'approved') continue;
        const counts = perPost.get(prepared.postDocumentId) ?? { approved: 0, approvedRoots: 0 };
        counts.approved += 1;
        if (!prepared.parentDocumentId) counts.approvedRoots += 1;
        perPost.set(prepared.postDocumentId, counts);
      }
      for (const [postDocumentId, counts] of perPost) {
        await refreshDerived({ action: 'create', postDocumentId, counts });
      }
      await getService('moderationEvents', { strapi }).recordMany(
        created.map(({ documentId, prepared }) => ({
          commentDocumentId: documentId,
          postDocumentId: prepared.postDocumentId,
          fromStatus: null,
          toStatus: prepared.status,
          actor: prepared.actor,
          rule: prepared.rule,
          reason: prepared.reason,
        }))
      );
      onCommit(() => {
        const notifications = getService('notifications', { strapi });
        for (const { documentId, prepared } of created) {
          notifications.commentCreated(documentId, prepared.status, prepared.postDocumentId);
        }
      });
    },

    async onCreate(context: DocumentContext, next: Next) {
      const prepared = await this.prepareCreate(context.params.data ?? {});
      context.params.data = prepared.data;
      return strapi.db.transaction(async ({ onCommit }) => {
        const created = (await next()) as { documentId: string };
        await this.afterCreate([{ documentId: created.documentId, prepared }], onCommit, {
          viaQueryEngine: true,
        });
        return created;
      });
    },

    /**
     * A prepared comment's attributes checked by Strapi's own entity validator (lengths, email,
     * enumerations: no statement), as the Document Service checks a create; the relations aside
     * (the verdict checked them). Answers the attributes to write.
     */
    async validateCreate(prepared: PreparedCreate): Promise<Record<string, unknown>> {
      const scalar = { ...prepared.data };
      delete scalar.post;
      delete scalar.parent;
      await strapi.entityValidator.validateEntityCreation(
        strapi.getModel(COMMENT_UID as UID.ContentType),
        scalar as never,
        { isDraft: false } as never
      );
      return scalar;
    },

    /**
     * Comments of one post, prepared and validated, written without the Document Service
     * (db/comment-insert.ts, on the rows of the post document `postRowIds`, parents before their
     * replies) with what follows every create (`afterCreate`), in one transaction; Strapi's
     * `entry.create` event is sent for each once it commits, with the entry as written. The
     * public submission writes one, the importer a post's new comments.
     */
    async insertPrepared(
      items: Array<{
        prepared: PreparedCreate;
        data: Record<string, unknown>;
        documentId?: string;
      }>,
      postRowIds: number[]
    ): Promise<InsertedComment[]> {
      if (items.length === 0) return [];
      // Every attribute counted as a column: more than the row has, never fewer.
      const perStatement = rowsPerStatement(Object.keys(attributesOf(strapi, COMMENT_UID)).length);
      return strapi.db.transaction(async ({ onCommit }) => {
        const rows: InsertedComment[] = [];
        for (let start = 0; start < items.length; start += perStatement) {
          const chunk = items.slice(start, start + perStatement);
          rows.push(
            ...(await insertComments(
              strapi,
              postRowIds,
              chunk.map(({ prepared, data, documentId }) => ({
                data,
                parentDocumentId: prepared.parentDocumentId,
                documentId,
              }))
            ))
          );
        }
        const created = rows.map((row, index) => ({
          documentId: row.documentId,
          prepared: items[index].prepared,
        }));
        await this.afterCreate(created, onCommit, { viaQueryEngine: false });
        onCommit(async () => {
          for (const [index, row] of rows.entries()) {
            await emitCreated(strapi, row, items[index].prepared);
          }
        });
        return rows;
      });
    },

    /**
     * A comment created without the Document Service (the public submission): the same
     * preparation, checks and effects as `onCreate`, written by `insertPrepared`. Answers its
     * documentId and status.
     *
     * On SQLite and PostgreSQL it all runs in one transaction, the flood marks and the form
     * token's use included: one commit per submission, and a submission that fails after its
     * verdict (Strapi's validator, the database) leaves no mark, so the reader may send it again
     * at once. A flood refusal still commits the marks of the keys it passed (docs/moderation.md).
     * On MySQL and MariaDB the marks are written before the transaction, each in its own: their
     * UPDATE-then-INSERT of a new key takes InnoDB gap locks, which two submissions holding them
     * to the end of their transactions would deadlock on.
     */
    async createDirect(
      given: Record<string, unknown>,
      postRowIds: number[]
    ): Promise<{ documentId: string; status: CommentStatus }> {
      const write = async () => {
        const prepared = await this.prepareCreate(given);
        const data = await this.validateCreate(prepared);
        const [created] = await this.insertPrepared([{ prepared, data }], postRowIds);
        return { documentId: created.documentId, status: prepared.status };
      };
      if (dialectOf(strapi) === 'mysql') return write();
      const outcome = await strapi.db.transaction(async () => {
        try {
          return { created: await write() };
        } catch (error) {
          if (isFloodRefusal(error)) return { refused: error };
          throw error;
        }
      });
      if ('refused' in outcome) throw outcome.refused;
      return outcome.created;
    },

    async onUpdate(context: DocumentContext, next: Next) {
      const data = context.params.data ?? {};
      const documentId = context.params.documentId;
      cleanUpdateData(data);
      refuseRepliesChange(data);
      // An author's edit in the edit window (services/reader-actions.ts): the text only, judged.
      const editor = currentScope(strapi);
      if (documentId && editor.actor.type === 'reader' && editor.actor.name === 'the author') {
        return readerEdit(editor, documentId, data, next);
      }
      const postRef = relationDocumentId(data.post, 'post');
      const parentRef = relationDocumentId(data.parent, 'parent');
      const moved = postRef !== undefined || parentRef !== undefined;
      if (!documentId || (!moved && !OWN_FIELDS.some((field) => field in data))) return next();

      const scope = currentScope(strapi);
      if (!mayChange(scope)) {
        // Saving the form unchanged is fine; changing anything is moderating.
        await refuseChanges(documentId, data, postRef, parentRef);
        return next();
      }
      await refusePostMove(scope, documentId, postRef);
      if ('status' in data && !isStatus(data.status)) {
        throw new errors.ValidationError(
          'status must be pending, approved, spam, rejected or trash',
          {
            errors: [{ path: ['status'], message: 'Invalid status', name: 'ValidationError' }],
          }
        );
      }
      const current = await facts.current(documentId);
      if (!current) return next();
      if (CHECKED_FIELDS.some((field) => field in data)) {
        assertStructure(mergedCandidate((await facts.stored(documentId, OWN_FIELDS)) ?? {}, data));
      }
      await checkPlacement(scope, documentId, current, postRef, parentRef);

      const changesStatus = 'status' in data && current.status !== data.status;
      const previousContent = await this.previousContent(documentId, data);
      if (!changesStatus && previousContent === null) {
        if (!moved) return next();
        return strapi.db.transaction(async () => {
          const updated = await next();
          await refreshDerived({
            action: 'update',
            documentId,
            before: current,
            status: current.status,
            moved,
          });
          return updated;
        });
      }

      const { actor, reason: given } = scope;
      const to = (changesStatus ? data.status : current.status) as CommentStatus;
      const toTrash = changesStatus && to === 'trash';
      const fromTrash = changesStatus && current.status === 'trash';
      if (fromTrash && (await trash.parentInTrash(current.parentDocumentId))) {
        throw new ConflictError('The comment it answers is in the trash: restore that one first');
      }
      const now = new Date();
      const reason =
        given ?? (fromTrash ? `restored by ${describe(actor)}` : `${to} by ${describe(actor)}`);
      if (changesStatus) data.moderationReason = reason;
      if (toTrash) Object.assign(data, trash.trashFields(current.status, now));
      if (fromTrash) Object.assign(data, trash.clearedFields());

      return strapi.db.transaction(async ({ onCommit }) => {
        const updated = await next();
        await refreshDerived({ action: 'update', documentId, before: current, status: to, moved });
        const events = getService('moderationEvents', { strapi });
        const where = { commentDocumentId: documentId, postDocumentId: current.postDocumentId };
        if (changesStatus) {
          await events.record({
            ...where,
            fromStatus: current.status,
            toStatus: to,
            actor,
            rule: scope.rule ?? (actor.type === 'system' ? 'code' : null),
            reason,
          });
          // Approved again after a review: readers' reports start over.
          if (to === 'approved') await reports.clear(documentId);
          const thread = { documentId, postDocumentId: current.postDocumentId, actor, reason };
          if (toTrash) await trash.trashReplies({ ...thread, at: now });
          if (fromTrash) await trash.restoreReplies(thread);
          onCommit(() =>
            getService('notifications', { strapi }).statusChanged(documentId, current.status, to)
          );
        }
        if (previousContent !== null) {
          await events.record({
            ...where,
            fromStatus: to,
            toStatus: to,
            actor,
            rule: null,
            reason: `edited by ${describe(actor)}`,
            previousContent,
          });
        }
        return updated;
      });
    },

    /**
     * The stored text of a comment when an update changes it (the moderation log keeps it with
     * the edit); null when the update leaves the text as it is.
     */
    async previousContent(documentId: string, data: Record<string, unknown>) {
      if (typeof data.content !== 'string') return null;
      const stored = await facts.stored(documentId, ['content']);
      const text = typeof stored?.content === 'string' ? stored.content : '';
      return text === data.content ? null : text;
    },

    async onDelete(context: DocumentContext, next: Next) {
      const documentId = context.params.documentId;
      if (!documentId) return next();
      const scope = currentScope(strapi);
      if (!mayChange(scope)) {
        throw new CommentsForbiddenError(
          'Deleting a comment needs the permission to moderate comments'
        );
      }
      const current = await facts.current(documentId);
      if (!current) return next();
      const { actor, reason: given } = scope;

      return strapi.db.transaction(async () => {
        const replies = await facts.reparentReplies(current.id);
        const deleted = await next();
        await refreshDerived({ action: 'delete', before: current, replies });
        await getService('moderationEvents', { strapi }).record({
          commentDocumentId: documentId,
          postDocumentId: current.postDocumentId,
          fromStatus: current.status,
          toStatus: 'deleted',
          actor,
          rule: null,
          reason: given ?? `deleted by ${describe(actor)}`,
        });
        return deleted;
      });
    },

    /**
     * Every Document Service action on comments: writes through the moderation engine, clones
     * refused (a copy would skip the rules, the counts and the log), and for an admin without
     * `comments.read` reads that name no private field and answers without them.
     */
    async handle(context: DocumentContext, next: Next) {
      const hide = hidesPrivateFields(strapi);
      if (hide && READ_ACTIONS.includes(context.action)) refusePrivateQuery(context.params);
      let result: unknown;
      switch (context.action) {
        case 'create':
          result = await this.onCreate(context, next);
          break;
        case 'update':
          result = await this.onUpdate(context, next);
          break;
        case 'delete':
          result = await this.onDelete(context, next);
          break;
        case 'clone':
          throw new CommentsForbiddenError('Comments cannot be duplicated');
        default:
          result = await next();
      }
      return hide ? stripPrivateFields(result) : result;
    },

    /**
     * Post writes and reads, as they touch comments: a post's `comments` relation is not where
     * comments move (each comment's own `post` is, through the checks of
     * moderation/update-checks.ts), and an admin without `comments.read` may not filter posts on
     * their comments' private fields.
     */
    checkPostAction(context: DocumentContext) {
      if (READ_ACTIONS.includes(context.action) && hidesPrivateFields(strapi)) {
        refusePrivateQuery(context.params);
      }
      if (
        (context.action === 'create' || context.action === 'update') &&
        changesRelation(context.params.data?.comments)
      ) {
        throw fieldRefusal('comments', 'Comments move to a post through their own post field');
      }
    },
  };
};

export type ModerationService = ReturnType<typeof createModerationService>;
export default createModerationService;
