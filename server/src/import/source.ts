import { createHash } from 'crypto';

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

/** A category or tag as the export names it. */
export interface SourceTerm {
  /** The export's slug (WordPress's nicename), or the name when it has none (Blogger's labels). */
  slug: string;
  name: string;
}

/** A category declared by the export: with its top-level ancestor, the one level kept. */
export interface SourceCategory extends SourceTerm {
  description: string | null;
  /** The slug of its top-level ancestor (a grandchild goes under it); null at the top. */
  parentSlug: string | null;
}

/** An author as the export names one. No email: it is never copied. */
export interface SourceAuthor {
  /** What identifies the author in the export (WordPress's login, Blogger's name). */
  key: string;
  name: string;
  url: string | null;
}

export interface SourcePost {
  sourceId: string;
  /**
   * The site or blog the export comes from (a WordPress site's URL without its scheme, a Blogger
   * blog's id), so two blogs' posts numbered alike keep apart; null when the file names none.
   */
  scope: string | null;
  title: string;
  slug: string | null;
  /** ISO date, or null (a draft never published). */
  date: string | null;
  authorName: string | null;
  /** The author's key (see SourceAuthor), to link the post to the author; null when none. */
  authorKey: string | null;
  /** Scheduled, pending, private and password-protected posts come in as drafts. */
  status: 'published' | 'draft';
  /**
   * A post scheduled at the source (WordPress's `future`): when it is to be published (ISO
   * date); the import schedules its publish then. Null otherwise.
   */
  scheduledAt: string | null;
  /** Why a post published at the source is held back as a draft (a password); null otherwise. */
  heldBack: string | null;
  /** WordPress's `comment_status` closed: readers may not comment. */
  commentsClosed: boolean;
  categories: SourceTerm[];
  tags: SourceTerm[];
  /** WordPress's featured image: the id of its attachment (`_thumbnail_id`), or null. */
  thumbnailId: string | null;
  excerpt: string | null;
  html: string;
  comments: SourceComment[];
  /** Comments of the post not imported (pingbacks, trackbacks), counted for the report. */
  skippedComments: Array<{ kind: string; sourceId: string }>;
  /** Comments of the post refused by a reader's limit, with why: reported as skipped. */
  refusedComments: Array<{ sourceId: string; reason: string }>;
}

export type SourceRecord =
  | { kind: 'post'; post: SourcePost }
  | { kind: 'category'; scope: string | null; category: SourceCategory }
  | { kind: 'tag'; scope: string | null; tag: SourceTerm }
  | { kind: 'author'; scope: string | null; author: SourceAuthor }
  /** An attachment (not imported as an item): its file may be a post's featured image. */
  | { kind: 'attachment'; sourceId: string; title: string; url: string | null }
  | { kind: 'skipped'; type: string; title: string; reason: string }
  /** A post the reader refused (over a limit): the report names it among the skipped posts. */
  | { kind: 'refused'; sourceId: string; title: string; reason: string; comments: number };

/** What a reader holds in memory for one field of one post or comment. */
export interface ReaderLimits {
  /** Characters one field (a post's content, a comment's text …) may have; longer is refused. */
  maxFieldChars: number;
}

/** Nesting of the export's own XML elements: a real export nests a few levels; this is plenty. */
export const MAX_XML_DEPTH = 64;

/** A field over the reader's limit, for the report. */
export const tooLong = (what: string, chars: number, max: number) =>
  `its ${what} is over ${max.toLocaleString('en-US')} characters (${chars.toLocaleString('en-US')}): raise limits.postBytes to import it`;

export const tooDeep = () =>
  `The file nests XML elements more than ${MAX_XML_DEPTH} levels deep: an export never does`;

/**
 * A reader's scope as part of an import key: the source's name, lower-cased, without the URL's
 * scheme or trailing slashes; a long one is cut to its first 150 characters plus a hash of it.
 */
export const scopeOf = (name: string | null | undefined): string | null => {
  let cleaned = (name ?? '')
    .trim()
    .replace(/^[a-z][a-z\d+.-]*:\/\//i, '')
    .toLowerCase();
  let end = cleaned.length;
  while (end > 0 && cleaned[end - 1] === '/') end -= 1;
  cleaned = cleaned.slice(0, end);
  if (!cleaned) return null;
  if (cleaned.length <= 150) return cleaned;
  const hash = createHash('sha256').update(cleaned).digest('hex').slice(0, 16);
  return `${cleaned.slice(0, 150)}#${hash}`;
};

/** A file that is not an export the reader knows: refused before anything is written. */
export class ImportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFormatError';
  }
}
