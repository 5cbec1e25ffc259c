import { useAuth } from '@strapi/strapi/admin';

import { ADMIN_ACTIONS } from '../../../contracts/plugin';
import { useGetBlogPendingCountQuery } from '../api/blog';

import { PENDING_POLL_MS } from './pending-count';

/**
 * How many comments wait, for the menu link and the Blog page's navigation (one cached query
 * for both); null while unknown or for a role that may not read comments. Read again after
 * every status change or delete (the `BlogComment` tag), every minute, and on `refresh` mounts.
 *
 * The permission is read from the session's permissions as they are (not `useRBAC`, which
 * answers "no" until its check settles): Strapi's menu mounts its icons again on every
 * navigation, and the badge must not blink.
 */
export const usePendingCount = ({ refresh = false }: { refresh?: boolean } = {}): number | null => {
  const canRead = useAuth('usePendingCount', (auth) =>
    auth.permissions.some((permission) => permission.action === ADMIN_ACTIONS.readComments)
  );
  const { data } = useGetBlogPendingCountQuery(undefined, {
    skip: !canRead,
    pollingInterval: PENDING_POLL_MS,
    refetchOnMountOrArgChange: refresh,
  });
  return canRead && typeof data === 'number' ? data : null;
};
