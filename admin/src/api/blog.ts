import { useMemo } from 'react';

import { useFetchClient } from '@strapi/strapi/admin';

import type { CommentStatus } from '../../../contracts/comments';
import type { FindImport, FindImports, StartImport } from '../../../contracts/imports';
import type { FindLessons } from '../../../contracts/lessons';
import type {
  BulkAction,
  FindCommentedPosts,
  FindEvents,
  FindQueue,
  Settings,
} from '../../../contracts/moderation';

/**
 * Typed calls to the plugin's admin routes (`/blog/…`), with the admin's auth. Status changes go
 * through the bulk route, one comment or many: the admin's fetch client has no PATCH.
 */
export const useBlogApi = () => {
  const { get, put, post } = useFetchClient();

  return useMemo(
    () => ({
      queue: async (query: FindQueue.Query) =>
        (await get<FindQueue.Response>('/blog/comments', { params: query })).data,
      bulk: async (body: BulkAction.Body) =>
        (await post<BulkAction.Response>('/blog/comments/bulk', body)).data,
      commentedPosts: async () =>
        (await get<FindCommentedPosts.Response>('/blog/comments/posts')).data.data,
      events: async (documentId: string) =>
        (await get<FindEvents.Response>(`/blog/comments/${documentId}/events`)).data,
      settings: async () => (await get<Settings.Response>('/blog/settings')).data,
      saveSettings: async (body: Settings.Body) =>
        (await put<Settings.Response>('/blog/settings', body)).data,
      lessons: async (query: FindLessons.Query) =>
        (await get<FindLessons.Response>('/blog/lessons', { params: query })).data,
      /** Uploads an export as `multipart/form-data`; the job runs on the server. */
      startImport: async (file: File, fields: StartImport.Fields) => {
        const form = new FormData();
        for (const [name, value] of Object.entries(fields)) {
          if (value !== undefined) form.append(name, value);
        }
        form.append('files', file, file.name);
        return (await post<StartImport.Response>('/blog/imports', form)).data.data;
      },
      importJob: async (id: number) =>
        (await get<FindImport.Response>(`/blog/imports/${id}`)).data.data,
      importJobs: async () => (await get<FindImports.Response>('/blog/imports')).data.data,
      pendingCount: async (): Promise<number> =>
        (
          await get<FindQueue.Response>('/blog/comments', {
            params: { status: 'pending' satisfies CommentStatus, pageSize: 1 },
          })
        ).data.meta.counts.pending,
    }),
    [get, put, post]
  );
};

export type BlogApi = ReturnType<typeof useBlogApi>;
