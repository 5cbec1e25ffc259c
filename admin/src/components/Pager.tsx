import { Button, Flex, Typography } from '@strapi/design-system';
import { ChevronLeft, ChevronRight } from '@strapi/icons';

import { useTranslate } from '../utils/useTranslate';

interface PagerProps {
  page: number;
  pageCount: number;
  onChange: (page: number) => void;
}

/** Previous / next over a server-paginated list. */
export const Pager = ({ page, pageCount, onChange }: PagerProps) => {
  const t = useTranslate();
  if (pageCount <= 1) return null;
  return (
    <Flex gap={2} justifyContent="flex-end" paddingTop={4} tag="nav" aria-label="pagination">
      <Button
        variant="tertiary"
        startIcon={<ChevronLeft />}
        disabled={page <= 1}
        onClick={() => onChange(page - 1)}
      >
        {t('pagination.previous')}
      </Button>
      <Typography variant="pi">{t('pagination.label', { page, pageCount })}</Typography>
      <Button
        variant="tertiary"
        endIcon={<ChevronRight />}
        disabled={page >= pageCount}
        onClick={() => onChange(page + 1)}
      >
        {t('pagination.next')}
      </Button>
    </Flex>
  );
};
