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
import type { AdminComment, ReplyTo } from '../../../contracts/moderation';
import {
  useGetBlogCommentedPostsQuery,
  useEditBlogCommentMutation,
  useGetBlogQueueQuery,
  useModerateBlogCommentsMutation,
  useReplyToBlogCommentMutation,
} from '../api/blog';
import { BlogNav } from '../components/BlogNav';
import { CommentRow } from '../components/CommentRow';
import { CommentTextDialog, type TextDialogMode } from '../components/CommentTextDialog';
import { HistoryModal } from '../components/HistoryModal';
import { Pager } from '../components/Pager';
import { UndoToast } from '../components/UndoToast';
import { PERMISSIONS } from '../permissions';
import {
  bulkActions,
  doneMessage,
  replyUndo,
  STATUS_TABS,
  undoChanges,
  type RowAction,
} from '../utils/moderation-actions';
import { useErrorMessage, type QueryError } from '../utils/useErrorMessage';
import { useModerationQuery } from '../utils/useModerationQuery';
import { useTranslate } from '../utils/useTranslate';
import { useUndoWindow } from '../utils/useUndoWindow';

const PAGE_SIZE = 20;

/** Tells one undo entry from the next. */
let lastUndoId = 0;

/** Checked once for the page: `canRead` and `canModerate`. */
const QUEUE_PERMISSIONS = [...PERMISSIONS.readComments, ...PERMISSIONS.moderateComments];

/**
 * The moderation queue: tabs per status and the trash, search, per-row and bulk actions with an
 * undo, a reply and an edit per row, history. What it shows (tab, post, single comment, search,
 * page) is in its address, read on load and written back as the editor moves
 * (useModerationQuery.ts), so a link opens it on a post's or a comment's comments. Every action
 * is saved at once: a delete moves the comments to the trash (its undo restores them), a restore
 * takes them out (its undo deletes them again), a status change's undo sets the former statuses
 * back, a reply's moves it to the trash and holds again the comment it approved.
 */
export const ModerationPage = () => {
  const t = useTranslate();
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const { allowedActions, isLoading: rbacLoading } = useRBAC(QUEUE_PERMISSIONS);
  const canRead = Boolean(allowedActions.canRead);
  const canModerate = Boolean(allowedActions.canModerate);

  const { query, update, search, setSearch } = useModerationQuery();
  const { status, post, page } = query;
  /** One comment shown alone: the parent a reply links to, a comment's side panel's link. */
  const single = query.comment;
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [writing, setWriting] = useState<{ mode: TextDialogMode; comment: AdminComment } | null>(
    null
  );
  const { entry, undoWindow } = useUndoWindow();

  // Read again on every visit and change of page or filter (readers keep writing); a page seen
  // before shows at once from the cache meanwhile.
  const fresh = { skip: !canRead, refetchOnMountOrArgChange: true };
  const shown = {
    status,
    q: query.q || undefined,
    post: post ?? undefined,
    comment: single ?? undefined,
    page,
  };
  const queue = useGetBlogQueueQuery({ ...shown, pageSize: PAGE_SIZE }, fresh);
  const posts = useGetBlogCommentedPostsQuery(undefined, fresh).data ?? [];
  const [moderate, { isLoading: moderating }] = useModerateBlogCommentsMutation();
  const [replyTo, { isLoading: replying }] = useReplyToBlogCommentMutation();
  const [edit, { isLoading: editing }] = useEditBlogCommentMutation();
  const result = queue.data;
  const rows = result?.data ?? [];
  const countOf = (tab: CommentStatus) => (result ? result.meta.counts[tab] : null);

  // A selection belongs to the page and filters it was made on, and holds only rows shown.
  const shownKey = JSON.stringify(shown);
  const [selection, setSelection] = useState<{ of: string; ids: string[] }>({ of: '', ids: [] });
  const selected =
    selection.of === shownKey
      ? selection.ids.filter((id) => rows.some((row) => row.documentId === id))
      : [];
  const setSelected = (update: (current: string[]) => string[]) =>
    setSelection({ of: shownKey, ids: update(selected) });
  const busy = moderating || replying || editing || queue.isFetching;

  const failed = (cause: unknown) =>
    toggleNotification({ type: 'danger', message: errorMessage(cause as QueryError) });

  /** Sends the requests an undo is made of, in order. */
  const setBack = async (changes: ReturnType<typeof undoChanges>) => {
    try {
      for (const change of changes) await moderate(change).unwrap();
      toggleNotification({ type: 'info', message: t('moderation.undone') });
    } catch (cause) {
      failed(cause);
    }
  };

  const run = async (targets: AdminComment[], action: RowAction) => {
    const documentIds = targets.map((row) => row.documentId);
    const before = targets.map(({ documentId, status: was }) => ({ documentId, status: was }));
    try {
      await moderate(
        action === 'delete' || action === 'restore'
          ? { documentIds, action }
          : { documentIds, status: action }
      ).unwrap();
      setSelected(() => []);
      const changes = undoChanges(before, action);
      lastUndoId += 1;
      undoWindow.offer({
        id: lastUndoId,
        message: doneMessage(action, documentIds.length),
        revert: () => void setBack(changes),
      });
    } catch (cause) {
      failed(cause);
    }
  };

  /** Sends a reply or an edit; true when the server took it. */
  const write = async (content: string): Promise<boolean> => {
    if (!writing) return false;
    const { mode, comment } = writing;
    try {
      if (mode === 'reply') {
        const { reply } = await replyTo({ documentId: comment.documentId, content }).unwrap();
        setWriting(null);
        // The toast says what its Undo does: the reply to the trash, an approval taken back.
        const { message, changes } = replyUndo(comment, reply.documentId);
        lastUndoId += 1;
        undoWindow.offer({ id: lastUndoId, message, revert: () => void setBack(changes) });
        return true;
      }
      await edit({ documentId: comment.documentId, content }).unwrap();
      setWriting(null);
      toggleNotification({ type: 'success', message: t('moderation.edit.done') });
      return true;
    } catch (cause) {
      failed(cause);
      return false;
    }
  };

  const showParent = (parent: ReplyTo) =>
    update({ comment: parent.documentId, status: parent.status, page: 1 });

  if (rbacLoading) return <Page.Loading />;
  if (!canRead) return <Page.NoPermissions />;

  const error = queue.error ? errorMessage(queue.error) : null;
  const allSelected = rows.length > 0 && selected.length === rows.length;
  const selectedRows = rows.filter((row) => selected.includes(row.documentId));
  // The filters' names, from what is loaded: the commented posts, the rows themselves.
  const postTitle =
    posts.find((option) => option.documentId === post)?.title ??
    result?.data.find((row) => row.post?.documentId === post)?.post?.title;
  const singleName = result?.data.find((row) => row.documentId === single)?.authorName;

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
          onValueChange={(value) =>
            update({ status: value as CommentStatus, comment: null, page: 1 })
          }
        >
          <Tabs.List aria-label={t('nav.moderation')}>
            {STATUS_TABS.map((tab) => (
              <Tabs.Trigger key={tab} value={tab}>
                {t(`status.${tab}`)}
                {result ? ` (${countOf(tab)})` : ''}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
        </Tabs.Root>

        {post && (
          <Flex gap={2} paddingTop={4} data-testid="post-filter">
            <Typography variant="omega">
              {postTitle === undefined
                ? t('moderation.filter.onAPost')
                : t('moderation.filter.onPost', { title: postTitle })}
            </Typography>
            <Button size="S" variant="tertiary" onClick={() => update({ post: null, page: 1 })}>
              {t('moderation.filter.clearPost')}
            </Button>
          </Flex>
        )}
        {single && (
          <Flex gap={2} paddingTop={4} data-testid="single-comment">
            <Typography variant="omega">
              {singleName === undefined
                ? t('moderation.single.unnamed')
                : t('moderation.single', { name: singleName })}
            </Typography>
            <Button size="S" variant="tertiary" onClick={() => update({ comment: null, page: 1 })}>
              {t('moderation.single.clear')}
            </Button>
          </Flex>
        )}

        <Flex gap={4} paddingTop={4} paddingBottom={4} justifyContent="space-between" wrap="wrap">
          <Flex gap={2}>
            <Box width="260px">
              <SingleSelect
                aria-label={t('moderation.filter.post')}
                placeholder={t('moderation.filter.allPosts')}
                value={post ?? ''}
                onChange={(value: string | number) => update({ post: String(value), page: 1 })}
                onClear={() => update({ post: null, page: 1 })}
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
              {bulkActions(status, canModerate).map((action) => (
                <Button
                  key={action}
                  size="S"
                  variant={action === 'delete' ? 'danger-light' : 'secondary'}
                  disabled={busy}
                  onClick={() => void run(selectedRows, action)}
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
            content={
              status === 'trash'
                ? t('moderation.empty.trash')
                : t('moderation.empty', { status: t(`status.${status}`).toLowerCase() })
            }
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
                  onAction={(action) => void run([comment], action)}
                  onWrite={(mode) => setWriting({ mode, comment })}
                  onHistory={() => setHistoryOf(comment.documentId)}
                  onShowParent={showParent}
                />
              ))}
            </Tbody>
          </Table>
        )}
        {result && (
          <Pager
            page={page}
            pageCount={result.meta.pagination.pageCount}
            onChange={(next) => update({ page: next })}
          />
        )}
      </Layouts.Content>

      <HistoryModal documentId={historyOf} onClose={() => setHistoryOf(null)} />

      <CommentTextDialog
        comment={writing?.comment ?? null}
        mode={writing?.mode ?? 'reply'}
        busy={replying || editing}
        onCancel={() => setWriting(null)}
        onSubmit={write}
      />

      <UndoToast entry={entry} onUndo={undoWindow.undo} onClose={undoWindow.finish} />
    </Page.Main>
  );
};
