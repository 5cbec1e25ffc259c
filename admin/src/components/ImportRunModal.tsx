import { Alert, Box, Flex, Loader, Modal, Typography } from '@strapi/design-system';

import { useGetBlogImportQuery } from '../api/blog';
import { useErrorMessage } from '../utils/useErrorMessage';
import { useTranslate } from '../utils/useTranslate';

import { ImportReportView } from './ImportReportView';

interface ImportRunModalProps {
  /** The run to show; `null` when closed. */
  id: number | null;
  onClose: () => void;
}

/** A past check or import, read again by its id (`GET /blog/imports/:id`): its full report. */
export const ImportRunModal = ({ id, onClose }: ImportRunModalProps) => {
  const t = useTranslate();
  const errorMessage = useErrorMessage();
  const run = useGetBlogImportQuery(id ?? 0, { skip: id === null });
  // `currentData`: this run's, never the one opened before.
  const job = run.currentData ?? null;
  const error = run.error ? errorMessage(run.error) : null;

  return (
    <Modal.Root open={id !== null} onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>
            {job
              ? t('import.run.title', { kind: t(`import.mode.${job.mode}`), file: job.fileName })
              : t('import.history.report')}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {error && <Typography textColor="danger600">{error}</Typography>}
          {!error && !job && <Loader small>{t('import.history.report')}</Loader>}
          {job && (
            <Flex direction="column" alignItems="stretch" gap={4} data-testid="import-run">
              <Typography textColor="neutral600">
                {t('import.run.started', {
                  date: new Date(job.startedAt).toLocaleString(),
                  by: job.startedBy ?? '—',
                })}
              </Typography>
              {job.state === 'failed' && (
                <Alert variant="danger" title={t('import.failed')} closeLabel={t('import.close')}>
                  {job.error}
                </Alert>
              )}
              {job.state === 'interrupted' && (
                <Alert
                  variant="warning"
                  title={t('import.state.interrupted')}
                  closeLabel={t('import.close')}
                >
                  {t('import.interrupted')}
                </Alert>
              )}
              {job.state === 'running' && <Typography>{t('import.state.running')}</Typography>}
              {job.report && (
                <Box>
                  <ImportReportView report={job.report} />
                </Box>
              )}
            </Flex>
          )}
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
};
