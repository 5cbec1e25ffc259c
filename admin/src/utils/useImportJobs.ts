import { useCallback, useEffect, useRef, useState } from 'react';

import { useAPIErrorHandler } from '@strapi/strapi/admin';

import type { ImportJob, StartImport } from '../../../contracts/imports';
import { useBlogApi } from '../api/blog';

/** How often a running job is asked how far it is. */
const POLL_MS = 1000;

/**
 * The Import view's state: the job being followed (one the editor started, or one already
 * running when the view opens), polled until it ends, and the recent jobs.
 */
export const useImportJobs = () => {
  const api = useBlogApi();
  const { formatAPIError } = useAPIErrorHandler();
  const [job, setJob] = useState<ImportJob | null>(null);
  const [history, setHistory] = useState<ImportJob[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const mounted = useRef(true);

  const refreshHistory = useCallback(async () => {
    try {
      const jobs = await api.importJobs();
      if (mounted.current) setHistory(jobs);
      return jobs;
    } catch (cause) {
      if (mounted.current) setError(formatAPIError(cause as Error));
      return [];
    }
  }, [api, formatAPIError]);

  useEffect(() => {
    mounted.current = true;
    void refreshHistory().then((jobs) => {
      const running = jobs.find((candidate) => candidate.state === 'running');
      if (running && mounted.current) setJob((current) => current ?? running);
    });
    return () => {
      mounted.current = false;
    };
  }, [refreshHistory]);

  // Follows the job while it runs; the history is read again once it ends.
  const jobId = job?.id;
  const running = job?.state === 'running';
  useEffect(() => {
    if (!jobId || !running) return undefined;
    let timer: ReturnType<typeof setTimeout>;
    let live = true;
    const poll = async () => {
      try {
        const next = await api.importJob(jobId);
        if (!live) return;
        setJob(next);
        if (next.state === 'running') timer = setTimeout(poll, POLL_MS);
        else void refreshHistory();
      } catch (cause) {
        if (live) setError(formatAPIError(cause as Error));
      }
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, jobId, running, refreshHistory, formatAPIError]);

  const start = useCallback(
    async (file: File, fields: StartImport.Fields) => {
      setError(null);
      setStarting(true);
      try {
        const started = await api.startImport(file, fields);
        if (mounted.current) setJob(started);
        void refreshHistory();
      } catch (cause) {
        if (mounted.current) setError(formatAPIError(cause as Error));
      } finally {
        if (mounted.current) setStarting(false);
      }
    },
    [api, formatAPIError, refreshHistory]
  );

  const reset = useCallback(() => {
    setJob(null);
    setError(null);
  }, []);

  return { job, history, error, starting, start, reset };
};
