import { useState } from 'react';

import {
  Badge,
  Box,
  Button,
  EmptyStateLayout,
  Flex,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';

import type { ReportReason } from '../../../contracts/comments';
import type { ReportedComment } from '../../../contracts/moderation';
import { useModerateBlogCommentsMutation } from '../api/blog';
import { useGetBlogReportsQuery } from '../api/reports';
import { BlogNav } from '../components/BlogNav';
import { Pager } from '../components/Pager';
import { UndoToast } from '../components/UndoToast';
import { PERMISSIONS } from '../permissions';
import { reportedUndo, type ReportedAction, type UndoChange } from '../utils/moderation-actions';
import { STATUS_BADGE } from '../utils/status-badge';
import { useErrorMessage, type QueryError } from '../utils/useErrorMessage';
import { useTranslate } from '../utils/useTranslate';
import { useUndoWindow } from '../utils/useUndoWindow';

const PAGE_SIZE = 25;

/** Tells one undo entry from the next. */
let lastUndoId = 0;

/** The actions on a reported comment, through the moderation API's bulk route. */
const ACTIONS: ReportedAction[] = ['approved', 'spam', 'rejected'];

/**
 * Comments readers reported, most reported first, with their reasons and notes. Each action is
 * saved at once and offered for undo, as in the Moderation view: the undo sets the former status
 * back (an approval's cleared reports stay cleared: the toast says so).
 */
export const ReportedPage = () => {
  const t = useTranslate();
  const errorMessage = useErrorMessage();
  const { toggleNotification } = useNotification();
  const { allowedActions, isLoading } = useRBAC([
    ...PERMISSIONS.readComments,
    ...PERMISSIONS.moderateComments,
  ]);
  const [page, setPage] = useState(1);
  const reports = useGetBlogReportsQuery(
    { page, pageSize: PAGE_SIZE },
    { skip: !allowedActions.canRead, refetchOnMountOrArgChange: true }
  );
  const [moderate, { isLoading: moderating }] = useModerateBlogCommentsMutation();
  const { entry, undoWindow } = useUndoWindow();

  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canRead) return <Page.NoPermissions />;

  const result = reports.data;
  const error = reports.error ? errorMessage(reports.error) : null;
  const rows = result?.data ?? [];

  const failed = (cause: unknown) =>
    toggleNotification({ type: 'danger', message: errorMessage(cause as QueryError) });

  /** Sends the requests an undo is made of, in order. */
  const setBack = async (changes: UndoChange[]) => {
    try {
      for (const change of changes) await moderate(change).unwrap();
      toggleNotification({ type: 'info', message: t('reports.undone') });
    } catch (cause) {
      failed(cause);
    }
  };

  const act = async (comment: ReportedComment, status: ReportedAction) => {
    const { documentId, status: was } = comment;
    try {
      await moderate({ documentIds: [documentId], status }).unwrap();
      const undo = reportedUndo({ documentId, status: was }, status);
      if (!undo) {
        toggleNotification({ type: 'success', message: t(`reports.done.${status}`) });
        return;
      }
      lastUndoId += 1;
      const { message, changes } = undo;
      undoWindow.offer({ id: lastUndoId, message, revert: () => void setBack(changes) });
    } catch (cause) {
      failed(cause);
    }
  };
  const reasons = (comment: ReportedComment) =>
    (Object.entries(comment.reasons) as Array<[ReportReason, number]>)
      .map(([reason, count]) => `${t(`reports.reason.${reason}`)} × ${count}`)
      .join(', ');

  return (
    <Page.Main>
      <Page.Title>{`${t('reports.title')} · ${t('page.title')}`}</Page.Title>
      <Layouts.Header
        title={t('reports.title')}
        subtitle={t('reports.subtitle')}
        navigationAction={<BlogNav />}
      />
      <Layouts.Content>
        {error && (
          <EmptyStateLayout
            icon={<WarningCircle width="6.4rem" height="6.4rem" />}
            content={error}
          />
        )}
        {!error && !result && <Page.Loading />}
        {!error && result && rows.length === 0 && <EmptyStateLayout content={t('reports.empty')} />}
        {!error && rows.length > 0 && (
          <Table colCount={4} rowCount={rows.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('reports.column.comment')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('reports.column.reports')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('reports.column.status')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('reports.column.actions')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((comment) => (
                <Tr key={comment.documentId} data-testid="reported-row">
                  <Td style={{ whiteSpace: 'normal', maxWidth: '40rem' }}>
                    <Flex direction="column" alignItems="start" gap={1}>
                      <Typography fontWeight="bold">{comment.authorName}</Typography>
                      <Typography>{comment.content}</Typography>
                      {comment.post && (
                        <Typography variant="pi" textColor="neutral600">
                          {t('reports.on', { title: comment.post.title })}
                        </Typography>
                      )}
                    </Flex>
                  </Td>
                  <Td style={{ whiteSpace: 'normal' }}>
                    <Flex direction="column" alignItems="start" gap={1}>
                      <Typography fontWeight="bold" data-testid="reported-count">
                        {t('reports.count', { count: comment.reports })}
                      </Typography>
                      <Typography variant="pi">{reasons(comment)}</Typography>
                      {comment.notes.map((note) => (
                        <Box key={`${note.createdAt}-${note.note}`} tag="blockquote">
                          <Typography variant="pi" textColor="neutral600">
                            “{note.note}”
                          </Typography>
                        </Box>
                      ))}
                    </Flex>
                  </Td>
                  <Td>
                    <Badge variant={STATUS_BADGE[comment.status]}>
                      {t(`status.${comment.status}`)}
                    </Badge>
                  </Td>
                  <Td>
                    {allowedActions.canModerate && (
                      <Flex gap={2} wrap="wrap">
                        {ACTIONS.map((status) => (
                          <Button
                            key={status}
                            size="S"
                            variant={status === 'approved' ? 'success-light' : 'danger-light'}
                            disabled={moderating}
                            onClick={() => void act(comment, status)}
                          >
                            {status === 'approved' ? t('reports.approve') : t(`action.${status}`)}
                          </Button>
                        ))}
                      </Flex>
                    )}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {result && (
          <Pager page={page} pageCount={result.meta.pagination.pageCount} onChange={setPage} />
        )}
      </Layouts.Content>

      <UndoToast entry={entry} onUndo={undoWindow.undo} onClose={undoWindow.finish} />
    </Page.Main>
  );
};
