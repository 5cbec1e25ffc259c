import { useState } from 'react';

import {
  Alert,
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  LinkButton,
  Loader,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { Upload } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { Link as RouterLink } from 'react-router-dom';

import type { ImportJob } from '../../../contracts/imports';
import { POST_UID } from '../../../contracts/plugin';
import { BlogNav } from '../components/BlogNav';
import { ImportFilePicker } from '../components/ImportFilePicker';
import { ImportHistory } from '../components/ImportHistory';
import { ImportProgressView } from '../components/ImportProgressView';
import { ImportReportView } from '../components/ImportReportView';
import { PERMISSIONS } from '../permissions';
import { confirmMessage } from '../utils/import-text';
import { useImportJobs } from '../utils/useImportJobs';
import { useTranslate } from '../utils/useTranslate';

const POSTS_PATH = `/content-manager/collection-types/${POST_UID}`;

const Card = ({ children }: { children: React.ReactNode }) => (
  <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
    <Flex direction="column" alignItems="stretch" gap={5}>
      {children}
    </Flex>
  </Box>
);

/** A job's end, as the editor reads it: the dry run's or the import's report, or why it failed. */
const JobOutcome = ({
  job,
  confirm,
  canConfirm,
}: {
  job: ImportJob;
  confirm: () => void;
  canConfirm: boolean;
}) => {
  const t = useTranslate();
  if (job.state === 'failed') {
    return (
      <Alert variant="danger" title={t('import.failed')} closeLabel={t('import.close')}>
        {job.error}
      </Alert>
    );
  }
  if (job.state === 'interrupted') {
    return (
      <Alert variant="warning" title={t(`import.state.interrupted`)} closeLabel={t('import.close')}>
        {t('import.interrupted')}
      </Alert>
    );
  }
  if (job.state !== 'done' || !job.report) return null;
  const { report } = job;
  const dryRun = report.dryRun;
  const confirmLabel = confirmMessage(report);
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Box>
        <Typography variant="beta" tag="h2">
          {t(dryRun ? 'import.report.dryRun' : 'import.report.done')}
        </Typography>
        <Box paddingTop={1}>
          <Typography textColor="neutral600">
            {dryRun
              ? t('import.report.dryRun.hint')
              : t('import.report.done.hint', { source: t(`import.format.${report.format}`) })}
          </Typography>
        </Box>
      </Box>
      <ImportReportView report={report} />
      <Flex gap={2}>
        {dryRun && canConfirm && !confirmLabel.nothingToDo && (
          <Button onClick={confirm} startIcon={<Upload />}>
            {t(confirmLabel.id, confirmLabel.values)}
          </Button>
        )}
        {dryRun && confirmLabel.nothingToDo && (
          <Typography fontWeight="bold" data-testid="import-nothing-to-do">
            {t(confirmLabel.id, confirmLabel.values)}
          </Typography>
        )}
        {!dryRun && (
          <>
            <LinkButton tag={RouterLink} to={POSTS_PATH} variant="secondary">
              {t('import.report.openPosts')}
            </LinkButton>
            <LinkButton tag={RouterLink} to="../moderation" relative="path" variant="tertiary">
              {t('import.report.openModeration')}
            </LinkButton>
          </>
        )}
      </Flex>
    </Flex>
  );
};

/**
 * Import: choose a WordPress or Blogger export, check it (a dry run that writes nothing), read
 * what an import would do, confirm, follow the import, read its report.
 */
export const ImportPage = () => {
  const t = useTranslate();
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.importPosts);
  const { job, history, historyError, error, starting, start, reset } = useImportJobs();
  const [file, setFile] = useState<File | null>(null);
  const [lessons, setLessons] = useState(true);
  /** A copy of the site's uploads folder on the server (only under import.uploadsRoots). */
  const [uploads, setUploads] = useState('');
  /** Changing it empties the file input. */
  const [inputKey, setInputKey] = useState(0);

  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canImport) return <Page.NoPermissions />;

  const running = job?.state === 'running';
  const busy = running || starting;
  const fields = {
    lessons: lessons ? 'true' : 'false',
    ...(uploads.trim() && { uploads: uploads.trim() }),
  } as const;
  const check = () => file && start(file, { mode: 'dry-run', ...fields });
  const confirm = () => file && start(file, { mode: 'import', ...fields });
  const chooseAnother = () => {
    reset();
    setFile(null);
    setInputKey((key) => key + 1);
  };
  // The dry run shown is of the file chosen now, with the same lessons choice.
  const canConfirm =
    !!file &&
    job?.mode === 'dry-run' &&
    job.fileName === file.name &&
    job.fileSize === file.size &&
    job.lessons === lessons;

  return (
    <Page.Main>
      <Page.Title>{`${t('nav.import')} · ${t('page.title')}`}</Page.Title>
      <Layouts.Header
        title={t('nav.import')}
        subtitle={t('import.subtitle')}
        navigationAction={<BlogNav />}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Card>
            <ImportFilePicker
              inputKey={inputKey}
              file={file}
              disabled={busy}
              onChange={(chosen) => {
                reset();
                setFile(chosen);
              }}
            />
            <Box>
              <Checkbox
                checked={lessons}
                disabled={busy}
                onCheckedChange={(checked) => {
                  setLessons(checked === true);
                  if (job?.mode === 'dry-run') reset();
                }}
              >
                {t('import.lessons')}
              </Checkbox>
              <Box paddingTop={1} paddingLeft={6}>
                <Typography variant="pi" textColor="neutral600">
                  {t('import.lessons.hint')}
                </Typography>
              </Box>
            </Box>
            <Field.Root id="blog-import-uploads" name="uploads" hint={t('import.uploads.hint')}>
              <Field.Label>{t('import.uploads')}</Field.Label>
              <TextInput
                value={uploads}
                disabled={busy}
                placeholder="/srv/wordpress/wp-content/uploads"
                onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
                  setUploads(event.target.value);
                  if (job?.mode === 'dry-run') reset();
                }}
              />
              <Field.Hint />
            </Field.Root>
            <Flex gap={2}>
              <Button
                onClick={check}
                disabled={!file || busy}
                loading={starting}
                variant={canConfirm ? 'secondary' : 'default'}
              >
                {t('import.check')}
              </Button>
              {(file || job) && !busy && (
                <Button variant="tertiary" onClick={chooseAnother}>
                  {t('import.another')}
                </Button>
              )}
            </Flex>
            {error && (
              <Alert
                variant="danger"
                title={t('import.failed')}
                closeLabel={t('import.close')}
                data-testid="import-error"
              >
                {error}
              </Alert>
            )}
            {running && job && <ImportProgressView job={job} />}
            {job && <JobOutcome job={job} confirm={confirm} canConfirm={canConfirm && !busy} />}
          </Card>

          <Box>
            <Box paddingBottom={3}>
              <Typography variant="delta" tag="h2">
                {t('import.history')}
              </Typography>
            </Box>
            {/* Not Page.Loading: that fills the screen, and stayed there when the list failed. */}
            {history && <ImportHistory jobs={history} />}
            {!history && historyError && (
              <Typography textColor="danger600" data-testid="import-history-error">
                {t('import.history.loadFailed', { error: historyError })}
              </Typography>
            )}
            {!history && !historyError && <Loader small>{t('import.history')}</Loader>}
          </Box>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
