import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import type { Pagination } from '../../../contracts/common';
import {
  COMMENT_PUBLIC_SORT_FIELDS,
  type CommentForm,
  type CommentThread,
  type SubmitComment,
} from '../../../contracts/comments';
import { COMMENT_UID } from '../../../contracts/plugin';
import { requestedKinds } from '../mail/subscriptions';
import { CommentsForbiddenError } from '../moderation/errors';
import { issueFormToken } from '../moderation/form-token';
import { readTexts } from '../moderation/candidate';
import { checkPost } from '../moderation/rules';
import createModerationFactsRepository from '../repositories/moderation-facts';
import createCommentsRepository from '../repositories/comments';
import { buildThread, type ThreadNode } from '../utils/build-thread';
import { storedDateToIso, storedDateToTime } from '../utils/iso-dates';
import { getService } from '../utils/get-service';
import { getPageLimits, getPluginConfig } from '../utils/plugin-config';
import { getSecret } from '../utils/secret';
import { parseSubmission } from '../validation/comment-submission';
import { isPossibleSlug } from '../validation/slug';
import {
  paginationMeta,
  parsePagination,
  parseSort,
  rejectUnknownQueryKeys,
} from '../validation/public-query';

const createCommentsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = createCommentsRepository({ strapi });
  const facts = createModerationFactsRepository({ strapi });

  /**
   * The documentId of the published post with this slug in the request's locale (the default
   * one when it names none), or a 404. A post's comments are the document's: the same in every
   * locale.
   */
  const publishedPost = async (
    slug: string,
    requestedLocale: unknown
  ): Promise<{ postDocumentId: string; locale: string }> => {
    const posts = getService('posts', { strapi });
    const locale = await posts.locales.resolve(requestedLocale);
    const documentId = await posts.findPublishedDocumentId(slug, locale);
    if (!documentId) throw new errors.NotFoundError('Post not found');
    return { postDocumentId: documentId, locale };
  };

  return {
    /**
     * A page of a post's approved root comments, each with its approved replies nested to any
     * depth. A bounded number of statements, whatever the size of the thread.
     */
    async findApprovedThread(
      slug: string,
      query: Record<string, unknown>
    ): Promise<{ data: CommentThread[]; pagination: Pagination }> {
      rejectUnknownQueryKeys(query, ['sort', 'pagination', 'start', 'limit', 'locale']);
      const [sort] = parseSort(query.sort, COMMENT_PUBLIC_SORT_FIELDS);
      const order = sort?.submittedAt ?? 'asc';
      const page = parsePagination(query, getPageLimits(strapi));
      const { locales } = getService('posts', { strapi });
      // A locale the request names is checked first (through the query engine); the default
      // one is read with the thread, on its borrow of the connection.
      const named = query.locale === undefined ? null : await locales.resolve(query.locale);
      const found = isPossibleSlug(slug)
        ? await repository.findApprovedThreadPage(
            slug,
            named,
            (select) => locales.defaultLocale(select),
            { ...page, order }
          )
        : null;
      if (!found) throw new errors.NotFoundError('Post not found');
      const { roots, replies } = found;

      const idOf = new Map<string, number>();
      const nodes = new Map<number, ThreadNode>();
      // Replies read oldest first, whatever the order of the roots: by the stored date's
      // instant, then by id.
      const times = new Map<number, number>();
      for (const list of [roots, replies]) {
        for (const row of list) {
          const id = Number(row.id);
          idOf.set(row.documentId, id);
          times.set(id, storedDateToTime(row.submittedAt));
          nodes.set(id, {
            id,
            documentId: row.documentId,
            authorName: row.authorName,
            authorUrl: row.authorUrl ?? null,
            content: row.content,
            submittedAt: storedDateToIso(row.submittedAt),
            staff: Boolean(row.staff),
            editedAt: storedDateToIso(row.editedAt),
          });
        }
      }
      // A reply is shown under its parent only when the parent is shown: buildThread walks
      // down from the roots, so a reply whose parent is not approved stays out with its replies.
      const links: Array<{ id: number; parentId: number }> = [];
      for (const reply of replies) {
        const parentId = reply.parentDocumentId ? idOf.get(reply.parentDocumentId) : undefined;
        if (parentId !== undefined) links.push({ id: Number(reply.id), parentId });
      }

      return {
        data: buildThread(
          roots.map((row) => Number(row.id)),
          links,
          nodes,
          (a, b) => (times.get(a.id) ?? 0) - (times.get(b.id) ?? 0) || a.id - b.id
        ),
        pagination: paginationMeta(page, found.total),
      };
    },

    /**
     * A reader's comment from the public route. The moderation service decides its fate (its
     * `createDirect`: the same rules and effects as the Document Service middleware's create);
     * the answer says only `approved` or `pending`, so a bot cannot tell it was seen as spam.
     */
    async submit(
      slug: string,
      body: unknown,
      request: { ip: string | null; userAgent: string | null; locale?: unknown }
    ): Promise<SubmitComment.Response['data']> {
      // One statement for the settings and the default locale, one for the post and its
      // facts: the moderation middleware is handed both (the scope) rather than reading them again.
      const { settings, defaultLocale } = await getService('settings', {
        strapi,
      }).withDefaultLocale();
      const submission = parseSubmission(body, settings.honeypotField);
      const locale = await getService('posts', { strapi }).locales.resolve(
        request.locale,
        defaultLocale
      );
      const { data } = submission;
      // The duplicate check is read with the post (one statement), on the text as it is stored.
      const duplicateOf = { ...readTexts(data), parentDocumentId: data.parent ?? null };
      const post = isPossibleSlug(slug)
        ? await facts.publishedPostBySlug(slug, locale, { defaultLocale, duplicateOf })
        : null;
      if (!post) throw new errors.NotFoundError('Post not found');
      const postDocumentId = post.documentId;
      const moderation = getService('moderation', { strapi });
      const given = {
        post: postDocumentId,
        parent: data.parent ?? null,
        authorName: data.authorName,
        authorEmail: data.authorEmail,
        authorUrl: data.authorUrl ?? null,
        content: data.content,
        pageLocale: locale,
      };

      // Written straight into the tables (db/comment-insert.ts) on the post's rows in the
      // default locale, through the same preparation and effects as the Document Service's
      // create; through the Document Service when it has none there (it decides then).
      const created = await moderation.runAs(
        { type: 'system' },
        () =>
          defaultLocale && post.rowIds.length
            ? moderation.createDirect(given, post.rowIds)
            : (strapi.documents(COMMENT_UID as UID.ContentType).create({
                data: given,
              } as never) as unknown as Promise<{ documentId: string; status: string }>),
        {
          settings,
          defaultLocale,
          post,
          submission: {
            ip: request.ip,
            userAgent: request.userAgent,
            honeypotFilled: submission.honeypotFilled,
            formToken: submission.formToken,
          },
        }
      );

      // Mail the author asked for, unless the comment was refused (spam and rejected comments
      // make no mail, and the answer does not tell them apart from held ones). The comment is
      // stored: a subscription that cannot be written is logged, not answered as an error.
      const kinds = requestedKinds(submission.notify);
      if (kinds.length && (created.status === 'approved' || created.status === 'pending')) {
        await getService('mail', { strapi })
          .subscriptions.subscribe({
            email: data.authorEmail ?? '',
            name: data.authorName ?? '',
            postDocumentId,
            locale,
            commentDocumentId: created.documentId,
            kinds,
            now: new Date(),
          })
          .catch((error) =>
            strapi.log.error(`[blog] subscription of comment ${created.documentId}: ${error}`)
          );
      }

      return {
        documentId: created.documentId,
        status: created.status === 'approved' ? 'approved' : 'pending',
        // Whatever the verdict (spam too: the answer never tells it apart from pending).
        ...(await getService('readerActions', { strapi }).editGrant(
          created.documentId,
          settings.editWindowMinutes
        )),
      };
    },

    /** What a site needs to render the comment form of a post: a fresh token and the honeypot. */
    async form(slug: string, requestedLocale?: unknown): Promise<CommentForm.Response['data']> {
      const settings = await getService('settings', { strapi }).get();
      const { postDocumentId } = await publishedPost(slug, requestedLocale);
      const now = new Date();
      const closed = checkPost(settings, await facts.post(postDocumentId), now);
      if (closed?.status === 403) throw new CommentsForbiddenError(closed.message);
      const ttl = getPluginConfig(strapi).formTokenTtlSeconds;
      return {
        formToken: issueFormToken(getSecret(strapi), postDocumentId, now),
        honeypotField: settings.honeypotField,
        minSubmitSeconds: settings.minSubmitSeconds,
        expiresAt: new Date(now.getTime() + ttl * 1000).toISOString(),
      };
    },
  };
};

export type CommentsService = ReturnType<typeof createCommentsService>;
export default createCommentsService;
