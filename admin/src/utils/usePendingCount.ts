import { useRBAC } from '@strapi/strapi/admin';

import { useGetBlogPendingCountQuery } from '../api/blog';
import { PERMISSIONS } from '../permissions';

import { PENDING_POLL_MS } from './pending-count';

/**
 * How many comments wait, for the menu link and the Blog page's navigation (one cached query
 * for both); null while unknown or for a role that may not read comments. Read again after
 * every status change or delete (the `BlogComment` tag) and every minute.
 */
export const usePendingCount = (): number | null => {
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.readComments);
  const canRead = !isLoading && Boolean(allowedActions.canRead);
  const { data } = useGetBlogPendingCountQuery(undefined, {
    skip: !canRead,
    pollingInterval: PENDING_POLL_MS,
  });
  return canRead && typeof data === 'number' ? data : null;
};
