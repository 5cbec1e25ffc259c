import { Flex, ProgressBar, Typography } from '@strapi/design-system';

import type { ImportJob } from '../../../contracts/imports';
import { progressMessage } from '../utils/import-text';
import { useTranslate } from '../utils/useTranslate';

interface ImportProgressViewProps {
  job: ImportJob;
}

/** A running job: the file being read, then posts and comments compared or written, as a bar. */
export const ImportProgressView = ({ job }: ImportProgressViewProps) => {
  const t = useTranslate();
  const { phase, posts, comments, totalPosts, totalComments } = job.progress;
  const total = totalPosts + totalComments;
  const value = phase === 'checking' || total === 0 ? 0 : ((posts + comments) / total) * 100;
  const { id, values } = progressMessage(job);
  const message = t(id, values);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="import-progress">
      <Typography role="status" aria-live="polite">
        {message}
      </Typography>
      <ProgressBar value={Math.round(value)} aria-label={t('import.progress.label')} />
    </Flex>
  );
};
