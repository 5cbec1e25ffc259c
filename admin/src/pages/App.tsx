import { Page, useRBAC } from '@strapi/strapi/admin';
import { Navigate, Route, Routes } from 'react-router-dom';

import { PERMISSIONS } from '../permissions';

import { LessonsPage } from './LessonsPage';
import { ModerationPage } from './ModerationPage';

/** The Blog page: the Moderation and Lessons views. */
const App = () => {
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.readComments);
  if (isLoading) return <Page.Loading />;
  return (
    <Routes>
      <Route
        index
        element={<Navigate to={allowedActions.canRead ? 'moderation' : 'lessons'} replace />}
      />
      <Route path="moderation" element={<ModerationPage />} />
      <Route path="lessons" element={<LessonsPage />} />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  );
};

export default App;
