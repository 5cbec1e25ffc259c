import { Box, Flex, Typography } from '@strapi/design-system';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useForm } from '@strapi/strapi/admin';

import { POST_UID } from '../../../contracts/plugin';
import { useTranslate } from '../utils/useTranslate';

type PostValues = { lessonsHeading?: string | null; lessons?: Array<{ text?: string | null }> };

const PanelContent = () => {
  const t = useTranslate();
  // The live form: the outline follows the editor's typing, adding and reordering.
  const heading = useForm(
    'LessonsPanel',
    (state) => (state.values as PostValues).lessonsHeading ?? undefined
  );
  const lessons = useForm('LessonsPanel', (state) => (state.values as PostValues).lessons ?? []);

  return (
    <Flex direction="column" alignItems="stretch" gap={2} width="100%" data-testid="lessons-panel">
      {heading && (
        <Typography variant="omega" fontWeight="bold">
          {heading}
        </Typography>
      )}
      <Typography variant="pi" textColor="neutral600" data-testid="lessons-count">
        {t('panel.count', { count: lessons.length })}
      </Typography>
      {lessons.length > 0 && (
        <Box tag="ol" paddingLeft={5} style={{ listStyle: 'decimal' }}>
          {lessons.map((lesson, index) => (
            <Box tag="li" key={index} paddingBottom={1}>
              <Typography variant="omega">
                {lesson.text?.trim() ? lesson.text : t('panel.untitled')}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </Flex>
  );
};

/**
 * The post edit view's side panel: the lessons as a numbered outline under their heading.
 * Strapi renders panels as components, so the title goes through react-intl too.
 */
export const LessonsPanel: PanelComponent = ({ model }) => {
  const t = useTranslate();
  if (model !== POST_UID) return null;
  return { title: t('panel.title'), content: <PanelContent /> };
};
