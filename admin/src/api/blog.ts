import { adminApi } from '@strapi/strapi/admin';

import type { FindImport, FindImports, ImportJob, StartImport } from '../../../contracts/imports';
import type { FindLessons } from '../../../contracts/lessons';
import type {
  BulkAction,
  CountPending,
  EditCommentText,
  FindCommentedPosts,
  FindEvents,
  FindQueue,
  ReplyName,
  ReplyToComment,
  Settings,
} from '../../../contracts/moderation';

/**
 * The plugin's admin routes (`/blog/…`) as queries and mutations of the admin's own query cache:
 * Strapi's `adminApi` (RTK Query, in the admin's Redux store; its plugins extend it the same way).
 * A query's cache key is its endpoint and its arguments; a mutation invalidates the tags of
 * what it changes, and the queries on screen that provide them are read again.
 *
 * - `BlogComment`: the queue pages with their counts per status, the pending count of the menu
 *   link, the commented posts, the histories. Every status change, delete (to the trash),
 *   restore, reply and edit invalidates it.
 * - `BlogReplyName`: the name the admin's replies are signed with.
 * - `BlogSettings`, `BlogLesson`: one resource each.
 * - `BlogImport`: the recent jobs (`LIST`) and each job (its id).
 *
 * Status changes go through the bulk route, one comment or many: the fetch client has no PATCH.
 */
const blogApi = adminApi
  .enhanceEndpoints({
    addTagTypes: ['BlogComment', 'BlogSettings', 'BlogLesson', 'BlogImport', 'BlogReplyName'],
  })
  .injectEndpoints({
    endpoints: (build) => ({
      getBlogQueue: build.query<FindQueue.Response, FindQueue.Query>({
        query: (params) => ({ url: '/blog/comments', config: { params } }),
        providesTags: ['BlogComment'],
      }),
      getBlogPendingCount: build.query<number, void>({
        query: () => '/blog/comments/pending-count',
        transformResponse: (body: CountPending.Response) => body.data.pending,
        providesTags: ['BlogComment'],
      }),
      getBlogCommentedPosts: build.query<FindCommentedPosts.Response['data'], void>({
        query: () => '/blog/comments/posts',
        transformResponse: (body: FindCommentedPosts.Response) => body.data,
        providesTags: ['BlogComment'],
      }),
      getBlogCommentEvents: build.query<FindEvents.Response['data'], string>({
        query: (documentId) => `/blog/comments/${documentId}/events`,
        transformResponse: (body: FindEvents.Response) => body.data,
        providesTags: ['BlogComment'],
      }),
      moderateBlogComments: build.mutation<BulkAction.Response, BulkAction.Body>({
        query: (body) => ({ url: '/blog/comments/bulk', method: 'POST', data: body }),
        // Also after a refusal: part of a selection may have changed before it.
        invalidatesTags: ['BlogComment'],
      }),
      replyToBlogComment: build.mutation<
        ReplyToComment.Response['data'],
        { documentId: string } & ReplyToComment.Body
      >({
        query: ({ documentId, content }) => ({
          url: `/blog/comments/${documentId}/reply`,
          method: 'POST',
          data: { content },
        }),
        transformResponse: (body: ReplyToComment.Response) => body.data,
        invalidatesTags: ['BlogComment'],
      }),
      editBlogComment: build.mutation<
        EditCommentText.Response['data'],
        { documentId: string } & EditCommentText.Body
      >({
        query: ({ documentId, content }) => ({
          url: `/blog/comments/${documentId}/content`,
          method: 'PUT',
          data: { content },
        }),
        transformResponse: (body: EditCommentText.Response) => body.data,
        invalidatesTags: ['BlogComment'],
      }),
      getBlogReplyName: build.query<ReplyName.Response['data'], void>({
        query: () => '/blog/reply-name',
        transformResponse: (body: ReplyName.Response) => body.data,
        providesTags: ['BlogReplyName'],
      }),
      saveBlogReplyName: build.mutation<ReplyName.Response['data'], ReplyName.Body>({
        query: (body) => ({ url: '/blog/reply-name', method: 'PUT', data: body }),
        transformResponse: (body: ReplyName.Response) => body.data,
        invalidatesTags: (_result, error) => (error ? [] : ['BlogReplyName']),
      }),
      getBlogSettings: build.query<Settings.Response, void>({
        query: () => '/blog/settings',
        providesTags: ['BlogSettings'],
      }),
      saveBlogSettings: build.mutation<Settings.Response, Settings.Body>({
        query: (body) => ({ url: '/blog/settings', method: 'PUT', data: body }),
        invalidatesTags: (_result, error) => (error ? [] : ['BlogSettings']),
      }),
      getBlogLessons: build.query<FindLessons.Response, FindLessons.Query>({
        query: (params) => ({ url: '/blog/lessons', config: { params } }),
        providesTags: ['BlogLesson'],
      }),
      getBlogImports: build.query<ImportJob[], void>({
        query: () => '/blog/imports',
        transformResponse: (body: FindImports.Response) => body.data,
        providesTags: [{ type: 'BlogImport', id: 'LIST' }],
      }),
      getBlogImport: build.query<ImportJob, number>({
        query: (id) => `/blog/imports/${id}`,
        transformResponse: (body: FindImport.Response) => body.data,
        providesTags: (_job, _error, id) => [{ type: 'BlogImport', id }],
        // A job read once it has ended (the poll that sees it end) is in the recent jobs with
        // its result, and an import has written posts, lessons and comments.
        async onQueryStarted(_id, { dispatch, queryFulfilled }) {
          const job = await queryFulfilled.then(
            ({ data }) => data,
            () => null
          );
          if (!job || job.state === 'running') return;
          dispatch(
            blogApi.util.invalidateTags([
              { type: 'BlogImport', id: 'LIST' },
              ...(job.mode === 'import' ? (['BlogLesson', 'BlogComment'] as const) : []),
            ])
          );
        },
      }),
      /** Uploads an export as `multipart/form-data`; the job runs on the server. */
      startBlogImport: build.mutation<ImportJob, { file: File; fields: StartImport.Fields }>({
        query: ({ file, fields }) => {
          const form = new FormData();
          for (const [name, value] of Object.entries(fields)) {
            if (value !== undefined) form.append(name, value);
          }
          form.append('files', file, file.name);
          return { url: '/blog/imports', method: 'POST', data: form };
        },
        transformResponse: (body: StartImport.Response) => body.data,
        invalidatesTags: (_job, error) => (error ? [] : [{ type: 'BlogImport', id: 'LIST' }]),
      }),
    }),
  });

export const {
  useGetBlogQueueQuery,
  useGetBlogPendingCountQuery,
  useGetBlogCommentedPostsQuery,
  useGetBlogCommentEventsQuery,
  useModerateBlogCommentsMutation,
  useReplyToBlogCommentMutation,
  useEditBlogCommentMutation,
  useGetBlogReplyNameQuery,
  useSaveBlogReplyNameMutation,
  useGetBlogSettingsQuery,
  useSaveBlogSettingsMutation,
  useGetBlogLessonsQuery,
  useGetBlogImportsQuery,
  useGetBlogImportQuery,
  useStartBlogImportMutation,
} = blogApi;

/** A job as the cache holds it, without asking the server. */
export const useBlogImportState = blogApi.endpoints.getBlogImport.useQueryState;
