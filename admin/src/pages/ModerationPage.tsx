import { useState } from 'react';

import {
  Box,
  Button,
  Checkbox,
  EmptyStateLayout,
  Flex,
  Searchbar,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tabs,
  Tbody,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';

import type { CommentStatus } from '../../../contracts/comments';
import {
  useGetBlogCommentedPostsQuery,
  useGetBlogQueueQuery,
  useModerateBlogCommentsMutation,
} from '../api/blog';
import { BlogNav } from '../components/BlogNav';
import { CommentRow } from '../components/CommentRow';
import { DeleteDialog } from '../components/DeleteDialog';
import { HistoryModal } from '../components/HistoryModal';
import { Pager } from '../components/Pager';
import { PERMISSIONS } from '../permissions';
import { bulkActions, STATUS_TABS, type RowAction } from '../utils/moderation-actions';
import { useErrorMessage, type QueryError } from '../utils/useErrorMessage';
import { useSearch } from '../utils/useSearch';
import { useTranslate } from '../utils/useTranslate';

const PAGE_SIZE = 20;

/** Checked once for the page: `canRead` and `canModerate`. */
const QUEUE_PERMISSIONS = [...PERMISSIONS.readComments, ...PERMISSIONS.moderateComments];

/** The moderation queue: tabs per status, search, per-row and bulk actions, history. */
export const ModerationPage = () => {
  const t = useTranslate();
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const { allowedActions, isLoading: rbacLoading } = useRBAC(QUEUE_PERMISSIONS);
  const canRead = Boolean(allowedActions.canRead);
  const canModerate = Boolean(allowedActions.canModerate);

  const [status, setStatus] = useState<CommentStatus>('pending');
  const [post, setPost] = useState('');
  const [page, setPage] = useState(1);
  const { search, setSearch, query } = useSearch(() => setPage(1));
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<string[] | null>(null);

  // Read again on every visit and change of page or filter (readers keep writing); a page seen
  // before shows at once from the cache meanwhile.
  const fresh = { skip: !canRead, refetchOnMountOrArgChange: true };
  const shown = { status, q: query || undefined, post: post || undefined, page };
  const queue = useGetBlogQueueQuery({ ...shown, pageSize: PAGE_SIZE }, fresh);
  const posts = useGetBlogCommentedPostsQuery(undefined, fresh).data ?? [];
  const [moderate, { isLoading: moderating }] = useModerateBlogCommentsMutation();
  const result = queue.data;
  const rows = result?.data ?? [];

  // A selection belongs to the page and filters it was made on, and holds only rows shown.
  const shownKey = JSON.stringify(shown);
  const [selection, setSelection] = useState<{ of: string; ids: string[] }>({ of: '', ids: [] });
  const selected =
    selection.of === shownKey
      ? selection.ids.filter((id) => rows.some((row) => row.documentId === id))
      : [];
  const setSelected = (update: (current: string[]) => string[]) =>
    setSelection({ of: shownKey, ids: update(selected) });
  const busy = moderating || queue.isFetching;

  const apply = async (documentIds: string[], action: RowAction) => {
    try {
      await moderate(
        action === 'delete' ? { documentIds, action: 'delete' } : { documentIds, status: action }
      ).unwrap();
      toggleNotification({
        type: 'success',
        message: t('moderation.done', { count: documentIds.length, action: t(`action.${action}`) }),
      });
      setSelected(() => []);
    } catch (cause) {
      toggleNotification({ type: 'danger', message: errorMessage(cause as QueryError) });
    }
  };

  const run = (documentIds: string[], action: RowAction) => {
    if (action === 'delete') setToDelete(documentIds);
    else void apply(documentIds, action);
  };

  if (rbacLoading) return <Page.Loading />;
  if (!canRead) return <Page.NoPermissions />;

  const error = queue.error ? errorMessage(queue.error) : null;
  const allSelected = rows.length > 0 && selected.length === rows.length;

  return (
    <Page.Main>
      <Page.Title>{`${t('nav.moderation')} · ${t('page.title')}`}</Page.Title>
      <Layouts.Header
        title={t('nav.moderation')}
        subtitle={t('moderation.subtitle')}
        navigationAction={<BlogNav />}
      />
      <Layouts.Content>
        <Tabs.Root
          value={status}
          onValueChange={(value) => {
            setStatus(value as CommentStatus);
            setPage(1);
          }}
        >
          <Tabs.List aria-label={t('nav.moderation')}>
            {STATUS_TABS.map((tab) => (
              <Tabs.Trigger key={tab} value={tab}>
                {t(`status.${tab}`)}
                {result ? ` (${result.meta.counts[tab]})` : ''}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
        </Tabs.Root>

        <Flex gap={4} paddingTop={4} paddingBottom={4} justifyContent="space-between" wrap="wrap">
          <Flex gap={2}>
            <Box width="260px">
              <SingleSelect
                aria-label={t('moderation.filter.post')}
                placeholder={t('moderation.filter.allPosts')}
                value={post}
                onChange={(value: string | number) => {
                  setPost(String(value));
                  setPage(1);
                }}
                onClear={() => {
                  setPost('');
                  setPage(1);
                }}
              >
                {posts.map((option) => (
                  <SingleSelectOption key={option.documentId} value={option.documentId}>
                    {option.title}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
            <Box width="320px">
              <Searchbar
                name="q"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
                onClear={() => setSearch('')}
                clearLabel={t('moderation.search')}
                placeholder={t('moderation.search')}
              >
                {t('moderation.search')}
              </Searchbar>
            </Box>
          </Flex>
          {selected.length > 0 && (
            <Flex gap={2} wrap="wrap">
              <Typography variant="omega">
                {t('moderation.selected', { count: selected.length })}
              </Typography>
              {bulkActions(canModerate).map((action) => (
                <Button
                  key={action}
                  size="S"
                  variant={action === 'delete' ? 'danger-light' : 'secondary'}
                  disabled={busy}
                  onClick={() => run(selected, action)}
                >
                  {t(`action.${action}`)}
                </Button>
              ))}
            </Flex>
          )}
        </Flex>

        {error && (
          <EmptyStateLayout
            icon={<WarningCircle width="6.4rem" height="6.4rem" />}
            content={error}
          />
        )}
        {!error && !result && <Page.Loading />}
        {!error && result && rows.length === 0 && (
          <EmptyStateLayout
            content={t('moderation.empty', { status: t(`status.${status}`).toLowerCase() })}
          />
        )}
        {!error && result && rows.length > 0 && (
          <Table colCount={7} rowCount={rows.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  {canModerate && (
                    <Checkbox
                      aria-label={t('moderation.selectAll')}
                      checked={allSelected ? true : selected.length > 0 ? 'indeterminate' : false}
                      onCheckedChange={(checked) =>
                        setSelected(() => (checked ? rows.map((row) => row.documentId) : []))
                      }
                    />
                  )}
                </Th>
                <Th>
                  <Typography variant="sigma">{t('moderation.column.author')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('moderation.column.content')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('moderation.column.post')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('moderation.column.date')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('moderation.column.reason')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('moderation.column.actions')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((comment) => (
                <CommentRow
                  key={comment.documentId}
                  comment={comment}
                  canModerate={canModerate}
                  busy={busy}
                  selected={selected.includes(comment.documentId)}
                  onSelect={(checked) =>
                    setSelected((current) =>
                      checked
                        ? [...current, comment.documentId]
                        : current.filter((id) => id !== comment.documentId)
                    )
                  }
                  onAction={(action) => run([comment.documentId], action)}
                  onHistory={() => setHistoryOf(comment.documentId)}
                />
              ))}
            </Tbody>
          </Table>
        )}
        {result && (
          <Pager page={page} pageCount={result.meta.pagination.pageCount} onChange={setPage} />
        )}
      </Layouts.Content>

      <HistoryModal documentId={historyOf} onClose={() => setHistoryOf(null)} />

      <DeleteDialog
        count={toDelete?.length ?? 0}
        open={toDelete !== null}
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          const ids = toDelete ?? [];
          setToDelete(null);
          void apply(ids, 'delete');
        }}
      />
    </Page.Main>
  );
};
