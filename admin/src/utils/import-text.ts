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

/** A message that may say there is nothing to do (then no import is offered). */
export interface ConfirmMessage extends Message {
  /** True when the file holds nothing new or changed: no import is offered. */
  nothingToDo: boolean;
}

type Counted = Pick<ImportReport, 'posts' | 'comments'>;

const counts = ({ posts, comments }: Counted) => ({
  newPosts: posts.created,
  newComments: comments.created,
  updatedPosts: posts.updated,
  updatedComments: comments.updated,
  unchangedPosts: posts.unchanged ?? 0,
  unchangedComments: comments.unchanged ?? 0,
});

/** Which of posts and comments a part names: `both`, `posts` or `comments`. */
const which = (posts: number, comments: number) =>
  posts > 0 && comments > 0 ? 'both' : posts > 0 ? 'posts' : 'comments';

/**
 * The confirm button after a check: what an import of the file would create and what it would
 * update (posts and comments imported before are updated, never duplicated); when everything is
 * already up to date, no button but a sentence saying so.
 */
export const confirmMessage = (report: Counted): ConfirmMessage => {
  const counted = counts(report);
  const values = {
    ...counted,
    newWhich: which(counted.newPosts, counted.newComments),
    updatedWhich: which(counted.updatedPosts, counted.updatedComments),
    unchangedWhich: which(counted.unchangedPosts, counted.unchangedComments),
  };
  const anyNew = values.newPosts + values.newComments > 0;
  const anyUpdated = values.updatedPosts + values.updatedComments > 0;
  const anyUnchanged = values.unchangedPosts + values.unchangedComments > 0;
  if (!anyNew && !anyUpdated && anyUnchanged) {
    return { id: 'import.confirm.nothing', values, nothingToDo: true };
  }
  const id =
    anyNew && anyUpdated
      ? 'import.confirm.both'
      : anyUpdated
        ? 'import.confirm.update'
        : 'import.confirm.new';
  return { id, values, nothingToDo: false };
};

/**
 * A past run's result in the history list, as the parts of a sentence that names only what
 * happened: created, updated, unchanged (each naming posts, comments or both), or nothing
 * changed. Join them with `resultSentence`.
 */
export const resultParts = (
  report: Pick<ImportReport, 'dryRun' | 'posts' | 'comments'>
): Message[] => {
  const values = counts(report);
  const prefix = report.dryRun ? 'import.history.dryRun' : 'import.history.done';
  const part = (kind: string, posts: number, comments: number): Message[] =>
    posts + comments > 0
      ? [{ id: `${prefix}.${kind}`, values: { posts, comments, which: which(posts, comments) } }]
      : [];
  const changes = [
    ...part('created', values.newPosts, values.newComments),
    ...part('updated', values.updatedPosts, values.updatedComments),
  ];
  const unchanged = part('unchanged', values.unchangedPosts, values.unchangedComments);
  return [...(changes.length ? changes : [{ id: `${prefix}.nothing`, values: {} }]), ...unchanged];
};

/** The translated parts as one sentence: joined by commas, its first letter a capital. */
export const resultSentence = (parts: string[], locale?: string) => {
  const text = parts.join(', ');
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
};
