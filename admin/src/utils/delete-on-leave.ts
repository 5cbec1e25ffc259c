import type { BulkAction } from '../../../contracts/moderation';

/**
 * The delete a page sends as it goes (`pagehide`: the tab closed or reloaded) while the delete's
 * undo window is still open: the same route and body as the Moderation view's own delete
 * (`POST /blog/comments/bulk`), with the admin's token, as a `keepalive` request, which the
 * browser finishes after the page is gone (the admin's fetch client cannot ask for that). Null
 * without a token: the admin is logged out, nothing could be sent.
 */
export const deleteOnLeaveRequest = ({
  backendURL,
  token,
  documentIds,
}: {
  backendURL: string;
  token: string | null;
  documentIds: string[];
}): { url: string; init: RequestInit } | null => {
  if (!token || documentIds.length === 0) return null;
  const body: BulkAction.Body = { documentIds, action: 'delete' };
  return {
    url: `${backendURL}/blog/comments/bulk`,
    init: {
      method: 'POST',
      keepalive: true,
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(body),
    },
  };
};

/** Where the admin's API is: the admin sets `window.strapi.backendURL` ('' for its own origin). */
const backendURL = (): string =>
  (globalThis as { strapi?: { backendURL?: string } }).strapi?.backendURL ?? '';

/** Sends the delete as the page goes; nobody is left to hear the answer. */
export const sendDeleteOnLeave = (token: string | null, documentIds: string[]): void => {
  const request = deleteOnLeaveRequest({ backendURL: backendURL(), token, documentIds });
  if (request) void fetch(request.url, request.init).catch(() => undefined);
};
