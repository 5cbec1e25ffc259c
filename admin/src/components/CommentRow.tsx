import { Badge, Button, Checkbox, Flex, Td, Tr, Typography } from '@strapi/design-system';
import { Clock, Trash } from '@strapi/icons';
import { Link } from 'react-router-dom';

import type { CommentStatus } from '../../../contracts/comments';
import type { AdminComment } from '../../../contracts/moderation';
import { excerpt, postEditPath } from '../utils/format';
import { actionsFor, type RowAction } from '../utils/moderation-actions';
import { useTranslate } from '../utils/useTranslate';

const STATUS_BADGE: Record<CommentStatus, 'secondary' | 'success' | 'danger' | 'neutral'> = {
  pending: 'secondary',
  approved: 'success',
  spam: 'danger',
  rejected: 'neutral',
};

interface CommentRowProps {
  comment: AdminComment;
  canModerate: boolean;
  busy: boolean;
  selected: boolean;
  onSelect: (checked: boolean) => void;
  onAction: (action: RowAction) => void;
  onHistory: () => void;
}

/** One comment of the moderation queue, with what the editor's role may do to it. */
export const CommentRow = ({
  comment,
  canModerate,
  busy,
  selected,
  onSelect,
  onAction,
  onHistory,
}: CommentRowProps) => {
  const t = useTranslate();
  return (
    <Tr data-testid="comment-row">
      <Td>
        {canModerate && (
          <Checkbox
            aria-label={t('moderation.select', { name: comment.authorName })}
            checked={selected}
            onCheckedChange={(checked) => onSelect(checked === true)}
          />
        )}
      </Td>
      <Td>
        <Flex direction="column" alignItems="flex-start">
          <Typography fontWeight="bold">{comment.authorName}</Typography>
          <Typography variant="pi" textColor="neutral600">
            {comment.authorEmail ?? ''}
          </Typography>
          <Badge variant={STATUS_BADGE[comment.status]}>{t(`status.${comment.status}`)}</Badge>
        </Flex>
      </Td>
      <Td style={{ whiteSpace: 'normal', maxWidth: '32rem' }}>
        {/* Text nodes only: React escapes it; comment content is never HTML. */}
        <Typography title={comment.content}>{excerpt(comment.content)}</Typography>
      </Td>
      <Td>
        {comment.post ? (
          <Link to={postEditPath(comment.post.documentId)}>
            <Typography textColor="primary600">{comment.post.title}</Typography>
          </Link>
        ) : (
          '—'
        )}
      </Td>
      <Td>
        <Typography variant="pi">
          {comment.submittedAt
            ? new Date(comment.submittedAt).toLocaleString()
            : t('moderation.undated')}
        </Typography>
      </Td>
      <Td style={{ whiteSpace: 'normal', maxWidth: '16rem' }}>
        <Typography variant="pi" textColor="neutral600">
          {comment.moderationReason ?? ''}
        </Typography>
      </Td>
      <Td>
        <Flex gap={1} wrap="wrap">
          {actionsFor(comment.status, canModerate).map((action) => (
            <Button
              key={action}
              size="S"
              variant={action === 'delete' ? 'danger-light' : 'tertiary'}
              startIcon={action === 'delete' ? <Trash /> : undefined}
              disabled={busy}
              onClick={() => onAction(action)}
            >
              {t(`action.${action}`)}
            </Button>
          ))}
          <Button size="S" variant="ghost" startIcon={<Clock />} onClick={onHistory}>
            {t('action.history')}
          </Button>
        </Flex>
      </Td>
    </Tr>
  );
};
