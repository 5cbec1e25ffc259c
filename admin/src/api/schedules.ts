import { adminApi } from '@strapi/strapi/admin';

import type {
  CancelSchedule,
  CreateSchedule,
  FindSchedules,
  PublicationSchedule,
} from '../../../contracts/schedules';

/**
 * `/blog/schedules` in the admin's query cache (Strapi's `adminApi`, as in api/blog.ts): a
 * post's locale's schedules are tagged `BlogSchedule` with `<documentId>:<locale>`, which a
 * schedule or a cancel of that post's locale invalidates.
 */
const tagOf = (post: string, locale: string) => ({
  type: 'BlogSchedule' as const,
  id: `${post}:${locale}`,
});

const schedulesApi = adminApi.enhanceEndpoints({ addTagTypes: ['BlogSchedule'] }).injectEndpoints({
  endpoints: (build) => ({
    getBlogSchedules: build.query<PublicationSchedule[], FindSchedules.Query>({
      query: (params) => ({ url: '/blog/schedules', config: { params } }),
      transformResponse: (body: FindSchedules.Response) => body.data,
      providesTags: (_data, _error, { post, locale }) => [tagOf(post, locale)],
    }),
    createBlogSchedule: build.mutation<PublicationSchedule, CreateSchedule.Body>({
      query: (body) => ({ url: '/blog/schedules', method: 'POST', data: body }),
      transformResponse: (body: CreateSchedule.Response) => body.data,
      // Also after a refusal: a 409 means the list on screen is out of date.
      invalidatesTags: (_data, _error, { post, locale }) => [tagOf(post, locale)],
    }),
    cancelBlogSchedule: build.mutation<
      CancelSchedule.Response,
      { id: number; post: string; locale: string }
    >({
      query: ({ id }) => ({ url: `/blog/schedules/${id}`, method: 'DELETE' }),
      invalidatesTags: (_data, _error, { post, locale }) => [tagOf(post, locale)],
    }),
  }),
});

export const {
  useGetBlogSchedulesQuery,
  useCreateBlogScheduleMutation,
  useCancelBlogScheduleMutation,
} = schedulesApi;
