import { Page, useRBAC } from '@strapi/strapi/admin';
import { Navigate, Route, Routes } from 'react-router-dom';

import { PERMISSIONS } from '../permissions';

import { ImportPage } from './ImportPage';
import { LessonsPage } from './LessonsPage';
import { ModerationPage } from './ModerationPage';

/** The Blog page: the Moderation, Lessons and Import views; it opens on the first one allowed. */
const App = () => {
  const comments = useRBAC(PERMISSIONS.readComments);
  const lessons = useRBAC(PERMISSIONS.readLessons);
  if (comments.isLoading || lessons.isLoading) return <Page.Loading />;
  const first = comments.allowedActions.canRead
    ? 'moderation'
    : lessons.allowedActions.canRead
      ? 'lessons'
      : 'import';
  return (
    <Routes>
      <Route index element={<Navigate to={first} replace />} />
      <Route path="moderation" element={<ModerationPage />} />
      <Route path="lessons" element={<LessonsPage />} />
      <Route path="import" element={<ImportPage />} />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  );
};

export default App;
