import { useAPIErrorHandler } from '@strapi/strapi/admin';

/** Strapi's error body, as the admin's `fetchBaseQuery` hands it back. */
type ApiError = Parameters<ReturnType<typeof useAPIErrorHandler>['_unstableFormatAPIError']>[0];
/** What a failed query or mutation holds: Strapi's error body, or RTK's serialized error. */
export type QueryError = ApiError | { name?: string; message?: string };

/**
 * A failed query's or mutation's error, worded as the admin words it elsewhere (the server's
 * message, translated when Strapi knows it). This is the formatter Strapi's own plugins use for
 * their `adminApi` errors; the `formatAPIError` next to it takes the fetch client's thrown errors.
 */
export const useErrorMessage = () => {
  const { _unstableFormatAPIError } = useAPIErrorHandler();
  return (error: QueryError) => _unstableFormatAPIError(error as ApiError);
};
