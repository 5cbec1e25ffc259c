import { errors } from '@strapi/utils';

import type { ImportFormat } from '../../../contracts/imports';

import { HtmlTooDeepError } from './html-to-blocks';

/**
 * The import keys posts and comments are found again by, on a second run of the same export:
 * the export's own id, scoped by its source (`wxr:example.com/blog:post:12`), or unscoped as
 * 0.1.0 wrote them (`wxr:post:12`); and why one is skipped rather than stopping the run.
 */

export type KeyType = 'post' | 'comment';

/** The import key of a post or comment: scoped by its source when the export names one. */
export const keyOf = (
  format: ImportFormat,
  scope: string | null,
  type: KeyType,
  sourceId: string
) => (scope ? `${format}:${scope}:${type}:${sourceId}` : `${format}:${type}:${sourceId}`);

/** The key 0.1.0 wrote, without a scope. */
export const legacyKeyOf = (format: ImportFormat, type: KeyType, sourceId: string) =>
  `${format}:${type}:${sourceId}`;

/** Why a post or comment is skipped rather than stopping the run; null for other errors. */
export const refusalOf = (error: unknown): string | null =>
  error instanceof HtmlTooDeepError || error instanceof errors.ApplicationError
    ? error.message
    : null;
