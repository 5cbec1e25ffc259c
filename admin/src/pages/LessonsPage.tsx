import { useEffect, useState } from 'react';

import {
  Box,
  EmptyStateLayout,
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
import { Layouts, Page, useAPIErrorHandler, useRBAC } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';

import type { FindLessons } from '../../../contracts/lessons';
import { useBlogApi } from '../api/blog';
import { BlogNav } from '../components/BlogNav';
import { Pager } from '../components/Pager';
import { PERMISSIONS } from '../permissions';
import { postEditPath } from '../utils/format';
import { useSearch } from '../utils/useSearch';
import { useTranslate } from '../utils/useTranslate';

const PAGE_SIZE = 25;

/** Every lesson across posts, searchable and paginated on the server. */
export const LessonsPage = () => {
  const t = useTranslate();
  const api = useBlogApi();
  const { formatAPIError } = useAPIErrorHandler();
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.readLessons);
  const [page, setPage] = useState(1);
  const { search, setSearch, query } = useSearch(() => setPage(1));
  const [result, setResult] = useState<FindLessons.Response | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!allowedActions.canRead) return;
    let current = true;
    setError(null);
    api
      .lessons({ q: query || undefined, page, pageSize: PAGE_SIZE })
      .then((body) => current && setResult(body))
      .catch((cause) => current && setError(formatAPIError(cause)));
    return () => {
      current = false;
    };
  }, [api, query, page, allowedActions.canRead, formatAPIError]);

  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canRead) return <Page.NoPermissions />;

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
        <Box width="320px" paddingBottom={4}>
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
        {error && (
          <EmptyStateLayout
            icon={<WarningCircle width="6.4rem" height="6.4rem" />}
            content={error}
          />
        )}
        {!error && !result && <Page.Loading />}
        {!error && result && rows.length === 0 && <EmptyStateLayout content={t('lessons.empty')} />}
        {!error && rows.length > 0 && (
          <Table colCount={3} rowCount={rows.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('lessons.column.post')}</Typography>
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
