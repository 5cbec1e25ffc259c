import type { ImportJob, ImportReport } from '../../../contracts/imports';

/** A message of the Import view: a translation id and its values. */
export interface Message {
  id: string;
  values: Record<string, number | string>;
}

/**
 * A running job's progress line. While the file is read nothing is counted yet: "Reading the
 * file…", then what it has found so far, then how far the comparison or the import is.
 */
export const progressMessage = (job: Pick<ImportJob, 'mode' | 'progress'>): Message => {
  const { phase, posts, comments, totalPosts, totalComments } = job.progress;
  if (phase === 'checking') {
    return totalPosts + totalComments === 0
      ? { id: 'import.progress.reading', values: {} }
      : { id: 'import.progress.found', values: { posts: totalPosts, comments: totalComments } };
  }
  return {
    id: job.mode === 'dry-run' ? 'import.progress.dryRun' : 'import.progress.importing',
    values: { posts, totalPosts, comments, totalComments },
  };
};

/**
 * The confirm button after a check: what an import of the file would create and what it would
 * update (posts and comments imported before are updated, never duplicated), so a file imported
 * already does not read as new content.
 */
export const confirmMessage = (report: Pick<ImportReport, 'posts' | 'comments'>): Message => {
  const values = {
    newPosts: report.posts.created,
    newComments: report.comments.created,
    updatedPosts: report.posts.updated,
    updatedComments: report.comments.updated,
  };
  const anyNew = values.newPosts + values.newComments > 0;
  const anyUpdated = values.updatedPosts + values.updatedComments > 0;
  const id =
    anyNew && anyUpdated
      ? 'import.confirm.both'
      : anyUpdated
        ? 'import.confirm.update'
        : 'import.confirm.new';
  return { id, values };
};

/** A past run's result in the history list: created and updated, posts and comments. */
export const resultMessage = (
  report: Pick<ImportReport, 'dryRun' | 'posts' | 'comments'>
): Message => ({
  id: report.dryRun ? 'import.history.result.dryRun' : 'import.history.result',
  values: {
    newPosts: report.posts.created,
    updatedPosts: report.posts.updated,
    newComments: report.comments.created,
    updatedComments: report.comments.updated,
  },
});
