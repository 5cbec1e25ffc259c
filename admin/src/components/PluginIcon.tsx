import type { SVGProps } from 'react';

import { Discuss } from '@strapi/icons';
import { styled } from 'styled-components';

import { countLabel } from '../utils/pending-count';
import { usePendingCount } from '../utils/usePendingCount';

/**
 * Placed as Strapi places its own menu badges (the Settings link's update count), from the
 * corner of the menu button.
 */
const Counter = styled.span`
  position: absolute;
  top: -0.6rem;
  left: 2rem;
  min-width: 2rem;
  height: 2rem;
  padding: 0 0.5rem;
  border-radius: 1rem;
  background: ${({ theme }) => theme.colors.primary600};
  color: ${({ theme }) => theme.colors.neutral0};
  font-size: 1.1rem;
  font-weight: 600;
  line-height: 2rem;
  text-align: center;
`;

/**
 * The Blog menu link's icon, with the number of comments that wait. Strapi's menu takes a badge
 * only as a number fixed when the link is registered (`notificationsCount`); the icon is a
 * component rendered in the admin's own providers, so it reads the count live (as the
 * Moderation view's changes and a poll refresh it). Nothing shows to a role without
 * `comments.read`, nor when nothing waits.
 */
export const PluginIcon = (props: SVGProps<SVGSVGElement>) => {
  const pending = usePendingCount();
  const label = countLabel(pending);
  return (
    <>
      <Discuss {...props} />
      {label && <Counter data-testid="blog-pending-count">{label}</Counter>}
    </>
  );
};
