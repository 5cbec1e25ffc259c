import { adminApi } from '@strapi/strapi/admin';

import type { FindReports } from '../../../contracts/moderation';

/**
 * `/blog/reports` in the admin's query cache (Strapi's `adminApi`, as in api/blog.ts). Its pages
 * are tagged `BlogComment`, like the queue's: every status change (the bulk route) reads them
 * again, and approving a comment clears its reports on the server.
 */
const reportsApi = adminApi.enhanceEndpoints({ addTagTypes: ['BlogComment'] }).injectEndpoints({
  endpoints: (build) => ({
    getBlogReports: build.query<FindReports.Response, Required<FindReports.Query>>({
      query: (params) => ({ url: '/blog/reports', config: { params } }),
      providesTags: ['BlogComment'],
    }),
  }),
});

export const { useGetBlogReportsQuery } = reportsApi;
