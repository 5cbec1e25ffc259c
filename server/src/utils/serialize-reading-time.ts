import type { BlocksContent } from '../../../contracts/posts';

import { readingTime } from './reading-time';

export type ReadingTime = ReturnType<typeof readingTime>;

/** How many published rows' reading times a process keeps (a few dozen bytes each). */
export const READING_TIMES_KEPT = 2000;

/**
 * The reading time of published post rows, counted once per row and version instead of on every
 * uncached read (a scan of the whole body and lessons). A row is known by its id and its
 * `updatedAt`: Strapi gives a published version a new row when it is published again, and every
 * edit through Strapi moves `updatedAt`, lessons included (a component is saved with its post).
 * Bounded: past `size` rows, the oldest kept goes first.
 */
export const createReadingTimes = (size = READING_TIMES_KEPT) => {
  const kept = new Map<string, ReadingTime>();
  return (
    key: string,
    body: BlocksContent | null | undefined,
    lessons: Array<{ text: string }>
  ): ReadingTime => {
    const known = kept.get(key);
    if (known) return known;
    const counted = readingTime(body, lessons);
    if (kept.size >= size) kept.delete(kept.keys().next().value as string);
    kept.set(key, counted);
    return counted;
  };
};
