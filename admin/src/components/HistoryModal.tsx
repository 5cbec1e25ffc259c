import { useEffect, useState } from 'react';

import { Box, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import { useAPIErrorHandler } from '@strapi/strapi/admin';

import type { ModerationEvent } from '../../../contracts/moderation';
import type { BlogApi } from '../api/blog';
import { useTranslate } from '../utils/useTranslate';

interface HistoryModalProps {
  api: BlogApi;
  documentId: string | null;
  onClose: () => void;
}

/** A comment's moderation history, oldest first. */
export const HistoryModal = ({ api, documentId, onClose }: HistoryModalProps) => {
  const t = useTranslate();
  const { formatAPIError } = useAPIErrorHandler();
  const [events, setEvents] = useState<ModerationEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!documentId) return;
    setEvents(null);
    setError(null);
    api
      .events(documentId)
      .then((body) => setEvents(body.data))
      .catch((cause) => setError(formatAPIError(cause)));
  }, [api, documentId, formatAPIError]);

  const label = (status: string) =>
    status === 'deleted' ? t('action.delete') : t(`status.${status}`);

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
                    {event.fromStatus
                      ? t('moderation.history.by', {
                          from: label(event.fromStatus),
                          to: label(event.toStatus),
                          actor: event.actorName ?? event.actorType,
                        })
                      : t('moderation.history.created', {
                          to: label(event.toStatus),
                          actor: event.actorName ?? event.actorType,
                        })}
                  </Typography>
                  <Typography variant="pi" textColor="neutral600" display="block">
                    {new Date(event.createdAt).toLocaleString()}
                    {event.reason ? ` — ${event.reason}` : ''}
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
