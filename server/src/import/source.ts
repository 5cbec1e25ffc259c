/**
 * What an export holds, whatever its format: the readers (wxr.ts, blogger.ts) turn their file
 * into these records, one post at a time, so an import never holds a whole file in memory.
 */

export type SourceCommentStatus = 'approved' | 'pending' | 'spam' | 'rejected';

export interface SourceComment {
  /** The export's own id, the key a re-import updates by. */
  sourceId: string;
  parentSourceId: string | null;
  authorName: string;
  authorEmail: string | null;
  authorUrl: string | null;
  /** ISO date, or null when the export has none. */
  date: string | null;
  /** The comment's HTML as exported. */
  html: string;
  status: SourceCommentStatus;
}

export interface SourcePost {
  sourceId: string;
  title: string;
  slug: string | null;
  /** ISO date, or null (a draft never published). */
  date: string | null;
  authorName: string | null;
  /** Scheduled, pending and private posts come in as drafts. */
  status: 'published' | 'draft';
  excerpt: string | null;
  html: string;
  comments: SourceComment[];
  /** Comments of the post not imported (pingbacks, trackbacks), counted for the report. */
  skippedComments: Array<{ kind: string; sourceId: string }>;
}

export type SourceRecord =
  | { kind: 'post'; post: SourcePost }
  | { kind: 'skipped'; type: string; title: string; reason: string };

/** A file that is not an export the reader knows: refused before anything is written. */
export class ImportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFormatError';
  }
}
