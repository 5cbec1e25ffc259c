import { Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

import type { ImportReport, ImportTally } from '../../../contracts/imports';
import { useTranslate } from '../utils/useTranslate';

/** Skipped items listed by name before "and N more". */
const SHOWN_SKIPPED = 20;
const KNOWN_TYPES = [
  'page',
  'attachment',
  'nav_menu_item',
  'pingback',
  'trackback',
  'settings',
  'template',
];

interface ImportReportViewProps {
  report: ImportReport;
}

/**
 * A dry run's or an import's report: created, updated, unchanged, skipped with why, the posts
 * scheduled to publish and when, and what was left out.
 */
export const ImportReportView = ({ report }: ImportReportViewProps) => {
  const t = useTranslate();
  const { formatDate } = useIntl();
  const rows = (
    [
      ['posts', report.posts],
      ['comments', report.comments],
      ['categories', report.categories],
      ['tags', report.tags],
      ['authors', report.authors],
    ] as Array<[string, ImportTally | undefined]>
  ).filter((row): row is [string, ImportTally] => !!row[1]);
  const { media, heldBack = [], scheduled = [] } = report;
  const skipped = rows.flatMap(([type, tally]) => tally.skipped.map((item) => ({ type, ...item })));
  const notImported = Object.entries(report.notImported);
  const column = (name: string) => t(`import.report.column.${name}`);

  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="import-report">
      <Table colCount={5} rowCount={rows.length + 1}>
        <Thead>
          <Tr>
            <Th>
              <Typography variant="sigma">{column('type')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">
                {column(report.dryRun ? 'toCreate' : 'created')}
              </Typography>
            </Th>
            <Th>
              <Typography variant="sigma">
                {column(report.dryRun ? 'toUpdate' : 'updated')}
              </Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{column('unchanged')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{column('skipped')}</Typography>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {rows.map(([type, tally]) => (
            <Tr key={type} data-testid={`import-report-${type}`}>
              <Td>
                <Typography fontWeight="bold">{t(`import.report.${type}`)}</Typography>
              </Td>
              <Td>
                <Typography>{tally.created}</Typography>
              </Td>
              <Td>
                <Typography>{tally.updated}</Typography>
              </Td>
              <Td>
                {/* Reports from before it was counted have no `unchanged`. */}
                <Typography>{tally.unchanged ?? '—'}</Typography>
              </Td>
              <Td>
                <Typography>{tally.skipped.length}</Typography>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>

      {skipped.length > 0 && (
        <Box>
          <Typography variant="delta" tag="h3">
            {t('import.report.skipped')}
          </Typography>
          <Box tag="ul" paddingTop={2} paddingLeft={4}>
            {skipped.slice(0, SHOWN_SKIPPED).map((item) => (
              <li key={`${item.type}:${item.sourceId}`}>
                <Typography>
                  {t('import.report.skippedItem', { id: item.sourceId, reason: item.reason })}
                </Typography>
              </li>
            ))}
            {skipped.length > SHOWN_SKIPPED && (
              <li>
                <Typography textColor="neutral600">
                  {t('import.report.more', { count: skipped.length - SHOWN_SKIPPED })}
                </Typography>
              </li>
            )}
          </Box>
        </Box>
      )}

      {heldBack.length > 0 && (
        <Box data-testid="import-held-back">
          <Typography variant="delta" tag="h3">
            {t('import.report.heldBack')}
          </Typography>
          <Box tag="ul" paddingTop={2} paddingLeft={4}>
            {heldBack.map((item) => (
              <li key={item.sourceId}>
                <Typography>{`${item.title}: ${item.reason}`}</Typography>
              </li>
            ))}
          </Box>
        </Box>
      )}

      {scheduled.length > 0 && (
        <Box data-testid="import-scheduled">
          <Typography variant="delta" tag="h3">
            {t(report.dryRun ? 'import.report.toSchedule' : 'import.report.scheduled')}
          </Typography>
          <Box tag="ul" paddingTop={2} paddingLeft={4}>
            {scheduled.map((item) => (
              <li key={item.sourceId}>
                <Typography>
                  {t('import.report.scheduledItem', {
                    title: item.title,
                    at: formatDate(item.at, { dateStyle: 'long', timeStyle: 'short' }),
                  })}
                </Typography>
              </li>
            ))}
          </Box>
        </Box>
      )}

      {media && (
        <Box data-testid="import-media">
          <Typography variant="delta" tag="h3">
            {t('import.report.media')}
          </Typography>
          <Box paddingTop={2}>
            <Typography>
              {t(report.dryRun ? 'import.report.media.toRead' : 'import.report.media.done', {
                created: media.created,
                reused: media.reused,
                unreadable: media.unreadableTotal,
              })}
            </Typography>
          </Box>
          <Box tag="ul" paddingTop={2} paddingLeft={4}>
            {media.unreadable.slice(0, SHOWN_SKIPPED).map((item) => (
              <li key={item.url}>
                <Typography>{`${item.url}: ${item.reason}`}</Typography>
              </li>
            ))}
            {media.unreadableTotal > SHOWN_SKIPPED && (
              <li>
                <Typography textColor="neutral600">
                  {t('import.report.more', { count: media.unreadableTotal - SHOWN_SKIPPED })}
                </Typography>
              </li>
            )}
          </Box>
        </Box>
      )}

      <Box>
        <Typography variant="delta" tag="h3">
          {t('import.report.notImported')}
        </Typography>
        {notImported.length === 0 ? (
          <Box paddingTop={2}>
            <Typography textColor="neutral600">{t('import.report.nothingLeftOut')}</Typography>
          </Box>
        ) : (
          <Box tag="ul" paddingTop={2} paddingLeft={4} data-testid="import-not-imported">
            {notImported.map(([type, { count, examples }]) => (
              <li key={type}>
                <Typography>
                  {KNOWN_TYPES.includes(type)
                    ? t(`import.type.${type}`, { count })
                    : t('import.type.other', { count, type })}
                  {examples.length > 0 && (
                    <Typography textColor="neutral600">{` (${examples.join(', ')})`}</Typography>
                  )}
                </Typography>
              </li>
            ))}
          </Box>
        )}
      </Box>
    </Flex>
  );
};
