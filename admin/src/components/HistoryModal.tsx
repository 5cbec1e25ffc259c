import { Box, Flex, Loader, Modal, Typography } from '@strapi/design-system';

import type { ModerationEvent } from '../../../contracts/moderation';
import { useGetBlogCommentEventsQuery } from '../api/blog';
import { reasonSentence } from '../utils/reason-sentence';
import { useErrorMessage } from '../utils/useErrorMessage';
import { useTranslate } from '../utils/useTranslate';

interface HistoryModalProps {
  documentId: string | null;
  onClose: () => void;
}

/** A comment's moderation history, oldest first. */
export const HistoryModal = ({ documentId, onClose }: HistoryModalProps) => {
  const t = useTranslate();
  const errorMessage = useErrorMessage();
  // Read on every opening; `currentData` is this comment's, never the one opened before.
  const history = useGetBlogCommentEventsQuery(documentId ?? '', {
    skip: documentId === null,
    refetchOnMountOrArgChange: true,
  });
  const events = history.currentData ?? null;
  const error = history.error ? errorMessage(history.error) : null;

  const label = (status: string) =>
    status === 'deleted' ? t('action.delete') : t(`status.${status}`);
  // The rules have no name; an admin or an import run has one.
  const actor = (event: ModerationEvent) =>
    event.actorType === 'system' ? t('reason.actor.rules') : (event.actorName ?? event.actorType);

  /** What happened: an edit of the text, a status change, or how the comment arrived. */
  const eventTitle = (event: ModerationEvent) => {
    if (event.previousContent !== null && event.fromStatus === event.toStatus) {
      return t('moderation.history.edited', { actor: actor(event) });
    }
    return event.fromStatus
      ? t('moderation.history.by', {
          from: label(event.fromStatus),
          to: label(event.toStatus),
          actor: actor(event),
        })
      : t('moderation.history.created', { to: label(event.toStatus), actor: actor(event) });
  };

  return (
    <Modal.Root open={documentId !== null} onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('moderation.history.title')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {error && <Typography textColor="danger600">{error}</Typography>}
          {!error && !events && <Loader small>{t('moderation.history.title')}</Loader>}
          {events && events.length === 0 && (
            <Typography>{t('moderation.history.empty')}</Typography>
          )}
          {events && events.length > 0 && (
            <Flex tag="ol" direction="column" alignItems="stretch" gap={3}>
              {events.map((event) => (
                <Box tag="li" key={event.id} padding={3} background="neutral100" hasRadius>
                  <Typography fontWeight="bold" display="block">
                    {eventTitle(event)}
                    {event.via === 'mail' ? ` (${t('moderation.history.viaMail')})` : ''}
                  </Typography>
                  {event.previousContent !== null && (
                    <Typography
                      variant="pi"
                      display="block"
                      data-testid="previous-content"
                      style={{ whiteSpace: 'pre-wrap' }}
                    >
                      {t('moderation.history.previous', { text: event.previousContent })}
                    </Typography>
                  )}
                  <Typography variant="pi" textColor="neutral600" display="block">
                    {new Date(event.createdAt).toLocaleString()}
                    {event.reasonParts ? ` — ${reasonSentence(event.reasonParts, t)}` : ''}
                  </Typography>
                </Box>
              ))}
            </Flex>
          )}
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
};
