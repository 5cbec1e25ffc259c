import { Badge, Flex } from '@strapi/design-system';
import { useRBAC } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { styled } from 'styled-components';

import { PERMISSIONS } from '../permissions';
import { countLabel } from '../utils/pending-count';
import { usePendingCount } from '../utils/usePendingCount';
import { useTranslate } from '../utils/useTranslate';

const Tab = styled(NavLink)`
  padding: ${({ theme }) => `${theme.spaces[2]} ${theme.spaces[4]}`};
  border-radius: ${({ theme }) => theme.borderRadius};
  color: ${({ theme }) => theme.colors.neutral700};
  font-weight: 600;
  text-decoration: none;
  &.active {
    background: ${({ theme }) => theme.colors.primary100};
    color: ${({ theme }) => theme.colors.primary700};
  }
  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.colors.primary600};
  }
`;

/** The views of the Blog page an editor's role may open; Moderation with how many wait. */
export const BlogNav = () => {
  const t = useTranslate();
  const { allowedActions: comments } = useRBAC(PERMISSIONS.readComments);
  const { allowedActions: lessons } = useRBAC(PERMISSIONS.readLessons);
  const { allowedActions: imports } = useRBAC(PERMISSIONS.importPosts);
  const pending = countLabel(usePendingCount({ refresh: true }));
  return (
    <Flex gap={2} tag="nav" aria-label={t('page.title')}>
      {comments.canRead && (
        <Tab to="../moderation" relative="path">
          {t('nav.moderation')}
          {pending && (
            <Badge
              marginLeft={2}
              backgroundColor="primary600"
              textColor="neutral0"
              data-testid="blog-nav-pending"
              aria-label={t('nav.pending', { count: pending })}
            >
              {pending}
            </Badge>
          )}
        </Tab>
      )}
      {comments.canRead && (
        <Tab to="../reported" relative="path">
          {t('nav.reported')}
        </Tab>
      )}
      {lessons.canRead && (
        <Tab to="../lessons" relative="path">
          {t('nav.lessons')}
        </Tab>
      )}
      {imports.canImport && (
        <Tab to="../import" relative="path">
          {t('nav.import')}
        </Tab>
      )}
    </Flex>
  );
};
