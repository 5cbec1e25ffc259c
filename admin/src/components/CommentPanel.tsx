import { Badge, Box, Flex, LinkButton, Typography } from '@strapi/design-system';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';

import { COMMENT_UID } from '../../../contracts/plugin';
import { useGetBlogQueueQuery } from '../api/blog';
import { PERMISSIONS } from '../permissions';
import { moderationPath } from '../utils/moderation-link';
import { reasonSentence } from '../utils/reason-sentence';
import { STATUS_BADGE } from '../utils/status-badge';
import { useTranslate } from '../utils/useTranslate';

/** A label and its value, read-only. */
const Fact = ({ label, value, testId }: { label: string; value: string; testId?: string }) => (
  <Box>
    <Typography variant="sigma" textColor="neutral600" display="block">
      {label}
    </Typography>
    <Typography
      variant="omega"
      display="block"
      style={{ overflowWrap: 'anywhere' }}
      data-testid={testId}
    >
      {value}
    </Typography>
  </Box>
);

/** "French (fr)" in the admin's language; the code alone when the browser has no name for it. */
const languageName = (code: string, adminLocale: string) => {
  try {
    const name = new Intl.DisplayNames([adminLocale], { type: 'language' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
};

/**
 * The comment as the moderation queue knows it (one request, by its documentId), and the page
 * language the edit view's document carries.
 */
const PanelContent = ({
  documentId,
  pageLocale,
}: {
  documentId: string;
  pageLocale: string | null;
}) => {
  const t = useTranslate();
  const { locale } = useIntl();
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.readComments);
  const queue = useGetBlogQueueQuery(
    { comment: documentId, page: 1, pageSize: 1 },
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
  const comment = queue.data?.data[0];
  if (!comment) {
    return (
      <Typography variant="pi" textColor="neutral600">
        {t(queue.isFetching ? 'panel.comments.loading' : 'panel.comment.notFound')}
      </Typography>
    );
  }

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="comment-panel">
      <Flex gap={2}>
        <Typography variant="sigma" textColor="neutral600">
          {t('panel.comment.status')}
        </Typography>
        <Badge variant={STATUS_BADGE[comment.status]} data-testid="comment-panel-status">
          {t(`status.${comment.status}`)}
        </Badge>
      </Flex>
      {comment.reasonParts ? (
        <Fact
          label={t('panel.comment.reason')}
          value={reasonSentence(comment.reasonParts, t)}
          testId="comment-panel-reason"
        />
      ) : (
        comment.moderationReason && (
          <Fact label={t('panel.comment.reason')} value={comment.moderationReason} />
        )
      )}
      {pageLocale && (
        <Fact
          label={t('panel.comment.pageLocale')}
          value={languageName(pageLocale, locale)}
          testId="comment-panel-page-locale"
        />
      )}
      {comment.ipHash && <Fact label={t('panel.comment.ipHash')} value={comment.ipHash} />}
      {comment.userAgent && <Fact label={t('panel.comment.userAgent')} value={comment.userAgent} />}
      <LinkButton
        tag={RouterLink}
        to={moderationPath({ comment: documentId, status: comment.status })}
        variant="secondary"
        fullWidth
      >
        {t('panel.comment.open')}
      </LinkButton>
      {comment.post && (
        // A link, not a button: a post's title is too long for a button's one line.
        <RouterLink to={moderationPath({ post: comment.post.documentId })}>
          <Typography textColor="primary600">
            {t('panel.comment.openPost', { title: comment.post.title })}
          </Typography>
        </RouterLink>
      )}
      <Typography variant="pi" textColor="neutral600">
        {t('panel.comment.hint')}
      </Typography>
    </Flex>
  );
};

/**
 * The comment edit view's side panel: its moderation status and why, the page language and its
 * private traces (read only, set by the plugin), and the way to the Moderation view, where its
 * status is changed.
 */
export const CommentPanel: PanelComponent = ({ model, documentId, document }) => {
  const t = useTranslate();
  if (model !== COMMENT_UID || !documentId) return null;
  const pageLocale = typeof document?.pageLocale === 'string' ? document.pageLocale : null;
  return {
    title: t('panel.comment.title'),
    content: <PanelContent documentId={documentId} pageLocale={pageLocale} />,
  };
};
