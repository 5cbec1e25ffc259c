import { Flex, ProgressBar, Typography } from '@strapi/design-system';

import type { ImportJob } from '../../../contracts/imports';
import { useTranslate } from '../utils/useTranslate';

interface ImportProgressViewProps {
  job: ImportJob;
}

/** A running job: the file being checked, then posts and comments written, as a bar. */
export const ImportProgressView = ({ job }: ImportProgressViewProps) => {
  const t = useTranslate();
  const { phase, posts, comments, totalPosts, totalComments } = job.progress;
  const total = totalPosts + totalComments;
  const value = phase === 'checking' || total === 0 ? 0 : ((posts + comments) / total) * 100;
  const message =
    phase === 'checking'
      ? t('import.progress.checking', { posts: totalPosts, comments: totalComments })
      : t(job.mode === 'dry-run' ? 'import.progress.dryRun' : 'import.progress.importing', {
          posts,
          totalPosts,
          comments,
          totalComments,
        });
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="import-progress">
      <Typography role="status" aria-live="polite">
        {message}
      </Typography>
      <ProgressBar value={Math.round(value)} aria-label={t('import.progress.label')} />
    </Flex>
  );
};
