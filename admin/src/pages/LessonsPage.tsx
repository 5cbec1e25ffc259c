import { useState } from 'react';

import {
  Badge,
  Box,
  EmptyStateLayout,
  Flex,
  Searchbar,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';

import type { PostState } from '../../../contracts/lessons';
import { useGetBlogLessonsQuery } from '../api/blog';
import { BlogNav } from '../components/BlogNav';
import { Pager } from '../components/Pager';
import { PERMISSIONS } from '../permissions';
import { postEditPath } from '../utils/format';
import { useErrorMessage } from '../utils/useErrorMessage';
import { useSearch } from '../utils/useSearch';
import { useTranslate } from '../utils/useTranslate';

const PAGE_SIZE = 25;

/** The Content Manager's colours for a document's state. */
const STATE_BADGE: Record<PostState, 'secondary' | 'success' | 'alternative'> = {
  draft: 'secondary',
  published: 'success',
  modified: 'alternative',
};

/** Every lesson across posts, searchable and paginated on the server. */
export const LessonsPage = () => {
  const t = useTranslate();
  const errorMessage = useErrorMessage();
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.readLessons);
  const [page, setPage] = useState(1);
  const { search, setSearch, query } = useSearch(() => setPage(1));
  // Read again on every visit (posts change in the Content Manager); a page seen before shows
  // at once from the cache meanwhile.
  const lessons = useGetBlogLessonsQuery(
    { q: query || undefined, page, pageSize: PAGE_SIZE },
    { skip: !allowedActions.canRead, refetchOnMountOrArgChange: true }
  );

  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canRead) return <Page.NoPermissions />;

  const result = lessons.data;
  const error = lessons.error ? errorMessage(lessons.error) : null;
  const rows = result?.data ?? [];
  return (
    <Page.Main>
      <Page.Title>{`${t('nav.lessons')} · ${t('page.title')}`}</Page.Title>
      <Layouts.Header
        title={t('nav.lessons')}
        subtitle={t('lessons.subtitle')}
        navigationAction={<BlogNav />}
      />
      <Layouts.Content>
        <Flex paddingBottom={4} gap={4} wrap="wrap">
          <Box width="320px">
            <Searchbar
              name="q"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              onClear={() => setSearch('')}
              clearLabel={t('lessons.search')}
              placeholder={t('lessons.search')}
            >
              {t('lessons.search')}
            </Searchbar>
          </Box>
          {result && (
            <Typography textColor="neutral600" role="status" data-testid="lessons-total">
              {t(query ? 'lessons.count.found' : 'lessons.count', {
                count: result.meta.pagination.total,
              })}
            </Typography>
          )}
        </Flex>
        {error && (
          <EmptyStateLayout
            icon={<WarningCircle width="6.4rem" height="6.4rem" />}
            content={error}
          />
        )}
        {!error && !result && <Page.Loading />}
        {!error && result && rows.length === 0 && <EmptyStateLayout content={t('lessons.empty')} />}
        {!error && rows.length > 0 && (
          <Table colCount={4} rowCount={rows.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('lessons.column.post')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('lessons.column.state')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('lessons.column.position')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('lessons.column.lesson')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((lesson) => (
                <Tr key={lesson.id} data-testid="lesson-row">
                  <Td>
                    <Link
                      to={postEditPath(lesson.post.documentId)}
                      aria-label={t('lessons.open', { title: lesson.post.title })}
                    >
                      <Typography textColor="primary600">{lesson.post.title}</Typography>
                    </Link>
                  </Td>
                  <Td>
                    <Badge variant={STATE_BADGE[lesson.post.state]} data-testid="lesson-state">
                      {t(`lessons.state.${lesson.post.state}`)}
                    </Badge>
                  </Td>
                  <Td>
                    <Typography>{lesson.position}</Typography>
                  </Td>
                  <Td style={{ whiteSpace: 'normal' }}>
                    <Typography>{lesson.text}</Typography>
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
    </Page.Main>
  );
};
