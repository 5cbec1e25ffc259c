import { useCallback, useEffect, useState } from 'react';

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
import { Layouts, Page, useAPIErrorHandler, useNotification, useRBAC } from '@strapi/strapi/admin';

import type { CommentStatus } from '../../../contracts/comments';
import type { FindQueue } from '../../../contracts/moderation';
import { useBlogApi } from '../api/blog';
import { BlogNav } from '../components/BlogNav';
import { CommentRow } from '../components/CommentRow';
import { DeleteDialog } from '../components/DeleteDialog';
import { HistoryModal } from '../components/HistoryModal';
import { Pager } from '../components/Pager';
import { PERMISSIONS } from '../permissions';
import { bulkActions, STATUS_TABS, type RowAction } from '../utils/moderation-actions';
import { useSearch } from '../utils/useSearch';
import { useTranslate } from '../utils/useTranslate';

const PAGE_SIZE = 20;

/** The moderation queue: tabs per status, search, per-row and bulk actions, history. */
export const ModerationPage = () => {
  const t = useTranslate();
  const api = useBlogApi();
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler();
  const { allowedActions, isLoading: rbacLoading } = useRBAC({
    read: PERMISSIONS.readComments,
    moderate: PERMISSIONS.moderateComments,
  });
  const canModerate = Boolean(allowedActions.canModerate);

  const [status, setStatus] = useState<CommentStatus>('pending');
  const [post, setPost] = useState('');
  const [posts, setPosts] = useState<Array<{ documentId: string; title: string }>>([]);
  const [page, setPage] = useState(1);
  const { search, setSearch, query } = useSearch(() => setPage(1));
  const [result, setResult] = useState<FindQueue.Response | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<string[] | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const body = await api.queue({
        status,
        q: query || undefined,
        post: post || undefined,
        page,
        pageSize: PAGE_SIZE,
      });
      setResult(body);
      setSelected([]);
    } catch (cause) {
      setError(formatAPIError(cause as never));
    }
  }, [api, status, query, post, page, formatAPIError]);

  useEffect(() => {
    api
      .commentedPosts()
      .then(setPosts)
      .catch(() => setPosts([]));
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  const apply = async (documentIds: string[], action: RowAction) => {
    setBusy(true);
    try {
      if (action === 'delete') {
        await api.bulk({ documentIds, action: 'delete' });
      } else {
        await api.bulk({ documentIds, status: action });
      }
      toggleNotification({
        type: 'success',
        message: t('moderation.done', { count: documentIds.length, action: t(`action.${action}`) }),
      });
      await load();
    } catch (cause) {
      toggleNotification({ type: 'danger', message: formatAPIError(cause as never) });
    } finally {
      setBusy(false);
    }
  };

  const run = (documentIds: string[], action: RowAction) => {
    if (action === 'delete') setToDelete(documentIds);
    else void apply(documentIds, action);
  };

  if (rbacLoading) return <Page.Loading />;
  if (!allowedActions.canRead) return <Page.NoPermissions />;

  const rows = result?.data ?? [];
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
                        setSelected(checked ? rows.map((row) => row.documentId) : [])
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

      <HistoryModal api={api} documentId={historyOf} onClose={() => setHistoryOf(null)} />

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
