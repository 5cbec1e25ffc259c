import { Page, useAuth } from '@strapi/strapi/admin';
import { Navigate, Route, Routes } from 'react-router-dom';

import { PERMISSIONS } from '../permissions';

import { ImportPage } from './ImportPage';
import { LessonsPage } from './LessonsPage';
import { ModerationPage } from './ModerationPage';
import { ReportedPage } from './ReportedPage';

type Wanted = ReadonlyArray<{ action: string }>;

/**
 * The Blog page: the Moderation, Reported, Lessons and Import views; it opens on the first one allowed.
 * The choice reads the admin's live permission list, so it waits for that list instead of
 * settling on a view from an answer given before the permissions arrived (a one-off check once
 * opened the Import view for an admin who may moderate).
 */
const App = () => {
  const isLoading = useAuth('BlogApp', (state) => state.isLoading);
  const permissions = useAuth('BlogApp', (state) => state.permissions);
  if (isLoading) return <Page.Loading />;
  const has = (wanted: Wanted) =>
    permissions.some((permission) => wanted.some(({ action }) => action === permission.action));
  const first = has(PERMISSIONS.readComments)
    ? 'moderation'
    : has(PERMISSIONS.readLessons)
      ? 'lessons'
      : has(PERMISSIONS.importPosts)
        ? 'import'
        : null;
  return (
    <Routes>
      <Route index element={first ? <Navigate to={first} replace /> : <Page.NoPermissions />} />
      <Route path="moderation" element={<ModerationPage />} />
      <Route path="reported" element={<ReportedPage />} />
      <Route path="lessons" element={<LessonsPage />} />
      <Route path="import" element={<ImportPage />} />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  );
};

export default App;
