import { useState } from 'react';

import type { ImportJob, StartImport } from '../../../contracts/imports';
import {
  useBlogImportState,
  useGetBlogImportQuery,
  useGetBlogImportsQuery,
  useStartBlogImportMutation,
} from '../api/blog';

import { useErrorMessage } from './useErrorMessage';

/** How often a running job is asked how far it is. */
const POLL_MS = 1000;

/**
 * The Import view's state: the job being followed (one the editor started, or one already
 * running when the view opens), polled while it runs, and the recent jobs (read again when a
 * job starts and when the followed job ends: see `api/blog.ts`).
 */
export const useImportJobs = () => {
  const errorMessage = useErrorMessage();
  const [openedAt] = useState(Date.now);
  const history = useGetBlogImportsQuery(undefined, { refetchOnMountOrArgChange: true });
  const [startImport, started] = useStartBlogImportMutation();
  /** The job as first known (started here, or found running); `undefined` until one is chosen. */
  const [followed, setFollowed] = useState<ImportJob | null | undefined>(undefined);

  // A job already running when the view opens is followed like one started here; only a list
  // read since then tells (an older copy in the cache may show a job that has ended).
  if (followed === undefined && history.data && (history.fulfilledTimeStamp ?? 0) >= openedAt) {
    setFollowed(history.data.find((job) => job.state === 'running') ?? null);
  }

  const id = followed?.id ?? 0;
  const known = useBlogImportState(id, { skip: !followed }).currentData ?? followed;
  // Asked every second while it runs; once it has ended the last answer stays.
  const polled = useGetBlogImportQuery(id, {
    skip: !followed,
    pollingInterval: known?.state === 'running' ? POLL_MS : 0,
  });
  const job = polled.currentData ?? followed ?? null;

  const failure = started.error ?? polled.error;

  const start = async (file: File, fields: StartImport.Fields) => {
    const answer = await startImport({ file, fields });
    if ('data' in answer) setFollowed(answer.data);
  };

  const reset = () => {
    started.reset();
    setFollowed(null);
  };

  return {
    job,
    history: history.data ?? null,
    /** Why the recent jobs could not be read (the view says so instead of waiting). */
    historyError: history.error ? errorMessage(history.error) : null,
    error: failure ? errorMessage(failure) : null,
    starting: started.isLoading,
    start,
    reset,
  };
};
