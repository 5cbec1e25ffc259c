import { Badge, Button, Checkbox, Flex, Td, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise, Clock, Pencil, Trash, Message } from '@strapi/icons';
import { Link } from 'react-router-dom';
import { styled } from 'styled-components';

import type { CommentStatus } from '../../../contracts/comments';
import type { AdminComment, ReplyTo } from '../../../contracts/moderation';
import { linkableUrl, urlLabel } from '../utils/author-url';
import { excerpt, postEditPath } from '../utils/format';
import { actionsFor, canAnswer, canEdit, type RowAction } from '../utils/moderation-actions';
import type { TextDialogMode } from './CommentTextDialog';
import { reasonSentence } from '../utils/reason-sentence';
import { useTranslate } from '../utils/useTranslate';

const STATUS_BADGE: Record<CommentStatus, 'secondary' | 'success' | 'danger' | 'neutral'> = {
  pending: 'secondary',
  approved: 'success',
  spam: 'danger',
  rejected: 'neutral',
  trash: 'neutral',
};

const ACTION_ICON: Partial<Record<RowAction, JSX.Element>> = {
  delete: <Trash />,
  restore: <ArrowClockwise />,
};

/** A button that reads as a link: the parent of a reply, shown in the queue. */
const ParentLink = styled.button`
  display: block;
  max-width: 100%;
  padding: 0;
  border: 0;
  background: none;
  text-align: start;
  cursor: pointer;
  color: ${({ theme }) => theme.colors.primary600};
  &:hover span {
    text-decoration: underline;
  }
  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.colors.primary600};
  }
`;

/** The rule's id, for the curious. */
const RuleId = styled.code`
  white-space: nowrap;
  font-size: 1.1rem;
  color: ${({ theme }) => theme.colors.neutral500};
`;

interface CommentRowProps {
  comment: AdminComment;
  canModerate: boolean;
  busy: boolean;
  selected: boolean;
  onSelect: (checked: boolean) => void;
  onAction: (action: RowAction) => void;
  /** Opens the reply or edit form for this comment. */
  onWrite: (mode: TextDialogMode) => void;
  onHistory: () => void;
  /** Shows the comment this one replies to (the queue filtered to it). */
  onShowParent: (parent: ReplyTo) => void;
}

/** One comment of the moderation queue, with what the editor's role may do to it. */
export const CommentRow = ({
  comment,
  canModerate,
  busy,
  selected,
  onSelect,
  onAction,
  onWrite,
  onHistory,
  onShowParent,
}: CommentRowProps) => {
  const t = useTranslate();
  const href = linkableUrl(comment.authorUrl);
  const parent = comment.replyTo;
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
      <Td style={{ whiteSpace: 'normal', maxWidth: '18rem' }}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography fontWeight="bold">{comment.authorName}</Typography>
          {comment.staff && (
            <Badge variant="primary" data-testid="staff-badge">
              {t('moderation.staff')}
            </Badge>
          )}
          <Typography variant="pi" textColor="neutral600">
            {comment.authorEmail ?? ''}
          </Typography>
          {href ? (
            <a
              href={href}
              target="_blank"
              rel="nofollow noopener noreferrer"
              title={href}
              data-testid="author-url"
            >
              <Typography variant="pi" textColor="primary600">
                {urlLabel(href)}
              </Typography>
            </a>
          ) : (
            comment.authorUrl && (
              // Not an http(s) address: shown as text, never as a link.
              <Typography variant="pi" textColor="neutral600" data-testid="author-url">
                {excerpt(comment.authorUrl, 48)}
              </Typography>
            )
          )}
          <Badge variant={STATUS_BADGE[comment.status]}>{t(`status.${comment.status}`)}</Badge>
        </Flex>
      </Td>
      <Td style={{ whiteSpace: 'normal', maxWidth: '32rem' }}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          {parent && (
            <ParentLink
              type="button"
              data-testid="reply-to"
              title={t('moderation.replyTo.show')}
              onClick={() => onShowParent(parent)}
            >
              <Typography variant="pi" fontWeight="bold" textColor="primary600">
                {t('moderation.replyTo', { name: parent.authorName })}
              </Typography>{' '}
              <Typography variant="pi" textColor="neutral600">
                “{parent.excerpt}”
              </Typography>
            </ParentLink>
          )}
          {/* Text nodes only: React escapes it; comment content is never HTML. */}
          <Typography title={comment.content}>{excerpt(comment.content)}</Typography>
        </Flex>
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
      <Td style={{ whiteSpace: 'normal', maxWidth: '18rem' }} data-testid="comment-reason">
        {comment.reasonParts && (
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography variant="pi" textColor="neutral700">
              {reasonSentence(comment.reasonParts, t)}
            </Typography>
            {comment.reasonParts.rule && (
              <RuleId title={comment.moderationReason ?? undefined}>
                {comment.reasonParts.rule}
              </RuleId>
            )}
          </Flex>
        )}
      </Td>
      <Td>
        <Flex gap={1} wrap="wrap">
          {actionsFor(comment.status, canModerate).map((action) => (
            <Button
              key={action}
              size="S"
              variant={action === 'delete' ? 'danger-light' : 'tertiary'}
              startIcon={ACTION_ICON[action]}
              disabled={busy}
              onClick={() => onAction(action)}
            >
              {t(`action.${action}`)}
            </Button>
          ))}
          {canModerate && canAnswer(comment.status) && (
            <Button
              size="S"
              variant="tertiary"
              startIcon={<Message />}
              disabled={busy}
              onClick={() => onWrite('reply')}
            >
              {t('action.reply')}
            </Button>
          )}
          {canModerate && canEdit(comment.status) && (
            <Button
              size="S"
              variant="tertiary"
              startIcon={<Pencil />}
              disabled={busy}
              onClick={() => onWrite('edit')}
            >
              {t('action.edit')}
            </Button>
          )}
          <Button size="S" variant="ghost" startIcon={<Clock />} onClick={onHistory}>
            {t('action.history')}
          </Button>
        </Flex>
      </Td>
    </Tr>
  );
};
