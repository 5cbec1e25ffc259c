import { useState } from 'react';

import { Badge, Button, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

import type { ImportJob, ImportState } from '../../../contracts/imports';
import { resultParts, resultSentence, type Message } from '../utils/import-text';
import { useTranslate } from '../utils/useTranslate';

import { ImportRunModal } from './ImportRunModal';

const STATE_BADGE: Record<ImportState, 'secondary' | 'success' | 'danger' | 'warning'> = {
  running: 'secondary',
  done: 'success',
  failed: 'danger',
  interrupted: 'warning',
};

interface ImportHistoryProps {
  jobs: ImportJob[];
}

/** The latest checks and imports, by whom and with what result; each opens on its report. */
export const ImportHistory = ({ jobs }: ImportHistoryProps) => {
  const t = useTranslate();
  const { locale } = useIntl();
  const [opened, setOpened] = useState<number | null>(null);
  const say = ({ id, values }: Message) => t(id, values);
  const column = (name: string) => (
    <Th>
      <Typography variant="sigma">{t(`import.history.column.${name}`)}</Typography>
    </Th>
  );
  if (jobs.length === 0) {
    return <Typography textColor="neutral600">{t('import.history.empty')}</Typography>;
  }
  return (
    <>
      <Table colCount={7} rowCount={jobs.length + 1}>
        <Thead>
          <Tr>
            {column('file')}
            {column('kind')}
            {column('state')}
            {column('by')}
            {column('started')}
            {column('result')}
            <Th>
              <Typography variant="sigma">{t('import.history.report')}</Typography>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {jobs.map((job) => (
            <Tr key={job.id} data-testid="import-history-row">
              <Td>
                <Typography>{`${job.fileName} · ${t(`import.format.${job.format}`)}`}</Typography>
              </Td>
              <Td>
                <Typography>{t(`import.mode.${job.mode}`)}</Typography>
              </Td>
              <Td>
                <Badge variant={STATE_BADGE[job.state]}>{t(`import.state.${job.state}`)}</Badge>
              </Td>
              <Td>
                <Typography>{job.startedBy ?? '—'}</Typography>
              </Td>
              <Td>
                <Typography>{new Date(job.startedAt).toLocaleString()}</Typography>
              </Td>
              <Td style={{ whiteSpace: 'normal' }}>
                <Typography textColor={job.error ? 'danger600' : undefined}>
                  {job.report
                    ? resultSentence(resultParts(job.report).map(say), locale)
                    : (job.error ?? '')}
                </Typography>
              </Td>
              <Td>
                <Button
                  variant="tertiary"
                  size="S"
                  onClick={() => setOpened(job.id)}
                  aria-label={t('import.history.open', { file: job.fileName })}
                >
                  {t('import.history.report')}
                </Button>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <ImportRunModal id={opened} onClose={() => setOpened(null)} />
    </>
  );
};
