import { Badge, Flex, LinkButton, Typography } from '@strapi/design-system';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useRBAC } from '@strapi/strapi/admin';
import { Link as RouterLink } from 'react-router-dom';

import { COMMENT_STATUSES } from '../../../contracts/comments';
import { POST_UID } from '../../../contracts/plugin';
import { useGetBlogQueueQuery } from '../api/blog';
import { PERMISSIONS } from '../permissions';
import { moderationPath } from '../utils/moderation-link';
import { STATUS_BADGE } from '../utils/status-badge';
import { useTranslate } from '../utils/useTranslate';

/** The counts by status (one request: the queue's counts for this post), each a way in. */
const PanelContent = ({ documentId }: { documentId: string }) => {
  const t = useTranslate();
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.readComments);
  const queue = useGetBlogQueueQuery(
    { post: documentId, page: 1, pageSize: 1 },
    { skip: !allowedActions.canRead, refetchOnMountOrArgChange: true }
  );
  if (isLoading) return null;
  if (!allowedActions.canRead) {
    return (
      <Typography variant="pi" textColor="neutral600">
        {t('panel.comments.noAccess')}
      </Typography>
    );
  }
  const counts = queue.data?.meta.counts;
  // The trash is listed (a way to restore) but not counted among the post's comments.
  const total = counts
    ? COMMENT_STATUSES.reduce((sum, status) => sum + (status === 'trash' ? 0 : counts[status]), 0)
    : null;

  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={3}
      width="100%"
      data-testid="post-comments-panel"
    >
      <Typography variant="pi" textColor="neutral600" data-testid="post-comments-total">
        {total === null ? t('panel.comments.loading') : t('panel.comments.count', { count: total })}
      </Typography>
      {counts && total !== null && total > 0 && (
        <Flex tag="ul" direction="column" alignItems="stretch" gap={1}>
          {COMMENT_STATUSES.filter((status) => counts[status] > 0).map((status) => (
            <Flex
              tag="li"
              key={status}
              justifyContent="space-between"
              data-testid="post-comments-status"
            >
              <RouterLink to={moderationPath({ post: documentId, status })}>
                <Typography textColor="primary600">{t(`status.${status}`)}</Typography>
              </RouterLink>
              <Badge variant={STATUS_BADGE[status]}>{counts[status]}</Badge>
            </Flex>
          ))}
        </Flex>
      )}
      <LinkButton
        tag={RouterLink}
        to={moderationPath({ post: documentId })}
        variant="secondary"
        fullWidth
      >
        {t('panel.comments.open')}
      </LinkButton>
      <Typography variant="pi" textColor="neutral600">
        {t('panel.comments.hint')}
      </Typography>
    </Flex>
  );
};

/**
 * The post edit view's side panel: how many comments the post has by status, read-only, with
 * the way to the Moderation view on that post (the relation itself is not editable here).
 */
export const PostCommentsPanel: PanelComponent = ({ model, documentId }) => {
  const t = useTranslate();
  if (model !== POST_UID || !documentId) return null;
  return { title: t('panel.comments.title'), content: <PanelContent documentId={documentId} /> };
};
