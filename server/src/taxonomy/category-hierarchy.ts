import type { Core, UID } from '@strapi/strapi';

import { CATEGORY_UID } from '../../../contracts/plugin';
import { changesRelation } from '../moderation/relation-ref';
import { fieldError } from './field-error';
import { relationTarget, whereTarget } from './relation-target';

interface CategoryWrite {
  documentId?: string;
  data?: Record<string, unknown>;
}

/**
 * Categories have one level: a top-level category, and categories under it. Refused, before
 * anything is stored: a category as its own parent, a parent that itself has a parent, a parent
 * for a category that has subcategories, and any write to `children` (the inverse side: a
 * subcategory is placed by setting its own parent). Together these leave no cycle possible.
 * At most three indexed reads; checked across locales (a category's place is the same in each).
 */
export const checkCategoryHierarchy = async (
  strapi: Core.Strapi,
  { documentId, data }: CategoryWrite
): Promise<void> => {
  if (!data) return;
  if (changesRelation(data.children)) {
    throw fieldError(
      ['children'],
      'Subcategories are placed by setting their own parent, not from the parent category'
    );
  }
  const target = relationTarget(data.parent, 'parent');
  if (!target) return;

  const categories = strapi.db.query(CATEGORY_UID as UID.ContentType);
  const parent = (await categories.findOne({
    where: whereTarget(target),
    select: ['documentId'],
  })) as { documentId: string } | null;
  if (!parent) return; // the Document Service refuses a missing document itself

  if (documentId && parent.documentId === documentId) {
    throw fieldError(['parent'], 'A category cannot be its own parent');
  }
  const grandparent = await categories.findOne({
    where: { documentId: parent.documentId, parent: { id: { $notNull: true } } },
    select: ['id'],
  });
  if (grandparent) {
    throw fieldError(
      ['parent'],
      'The parent must be a top-level category: categories have one level of subcategories'
    );
  }
  if (!documentId) return;
  const child = await categories.findOne({
    where: { parent: { documentId } },
    select: ['id'],
  });
  if (child) {
    throw fieldError(
      ['parent'],
      'This category has subcategories, so it stays at the top level: move them first'
    );
  }
};
