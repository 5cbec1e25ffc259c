/**
 * Importing a WordPress (WXR) or Blogger export: the report the importer gives (the command
 * prints it) and the admin import routes under `/blog/imports`, which run the importer as a job
 * the Import view follows. Every route needs an admin with the `plugin::blog.posts.import` action.
 */

/** `wxr`: WordPress's export; `blogger`: Blogger's (Atom) export. */
export type ImportFormat = 'wxr' | 'blogger';

export interface ImportTally {
  created: number;
  /** Already there from an earlier run, and changed by this one (a dry run: would be). */
  updated: number;
  /**
   * Already there and holding what the file holds (or, for a category, tag or author made by
   * hand with the same slug, linked as it is), so left as it is: no write, no new history.
   * Absent from reports before it was counted (their `updated` counted these too).
   */
  unchanged?: number;
  /** Items the export holds that were refused, with why (a comment with a bad email, …). */
  skipped: Array<{ sourceId: string; reason: string }>;
}

/** The images of the imported posts (featured images and images in the body). */
export interface ImportMediaReport {
  /** Files put in the Media Library by this run; in a dry run, files an import would read. */
  created: number;
  /** Images already in the Media Library from an earlier run: reused, not read again. */
  reused: number;
  /**
   * Images that could not be read, each once, with why; their posts link to them instead. Lists
   * the first 500; `unreadableTotal` counts them all.
   */
  unreadable: Array<{ url: string; reason: string }>;
  unreadableTotal: number;
  /** Dry run: the first 100 URLs an import would read (from the uploads folder or over HTTP). */
  toFetch: string[];
}

/** A post imported as a draft although the source published it, and why. */
export interface HeldBackPost {
  sourceId: string;
  title: string;
  reason: string;
}

/** A post an import schedules to publish, and when. */
export interface ScheduledImportPost {
  sourceId: string;
  title: string;
  /** ISO 8601. */
  at: string;
}

export interface ImportReport {
  format: ImportFormat;
  /** `true`: nothing was written; `created`/`updated`/`unchanged` say what an import would do. */
  dryRun: boolean;
  posts: ImportTally;
  comments: ImportTally;
  /**
   * Categories, tags and authors: created, updated when the file changed one an earlier run
   * made, or unchanged (as the file has it, or made by hand with the same slug: then linked, not
   * changed). Absent from reports of 0.1.0.
   */
  categories?: ImportTally;
  tags?: ImportTally;
  authors?: ImportTally;
  media?: ImportMediaReport;
  /** Posts kept as drafts although published at the source (password-protected in WordPress). */
  heldBack?: HeldBackPost[];
  /**
   * Posts scheduled at the source (WordPress's `future`): drafts with a publish schedule at their
   * date (Scheduled publishing); a date already past publishes within a minute. In a dry run,
   * what an import would schedule. Absent from reports before scheduling existed.
   */
  scheduled?: ScheduledImportPost[];
  /** What the export holds that is not imported (pages, attachments, pingbacks …), by type. */
  notImported: Record<string, { count: number; examples: string[] }>;
}

/** How far a run is: `checking` reads the whole file first, then `importing` writes. */
export interface ImportProgress {
  phase: 'checking' | 'importing';
  posts: number;
  comments: number;
  /** Known once the file has been checked; 0 before. */
  totalPosts: number;
  totalComments: number;
}

/** `dry-run` reports what an import would do and writes nothing. */
export type ImportMode = 'dry-run' | 'import';

/**
 * `interrupted`: the server that ran it stopped before the end. Whatever it wrote stays, post by
 * post, and running the same file again completes it without duplicates.
 */
export type ImportState = 'running' | 'done' | 'failed' | 'interrupted';

export interface ImportJob {
  id: number;
  mode: ImportMode;
  state: ImportState;
  fileName: string;
  fileSize: number;
  format: ImportFormat;
  lessons: boolean;
  progress: ImportProgress;
  /** When `state` is `done`. */
  report: ImportReport | null;
  /** When `state` is `failed`: why, for the editor (not a valid export, …). */
  error: string | null;
  /** The admin who started it. */
  startedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export namespace StartImport {
  /**
   * `POST /blog/imports`, `multipart/form-data`: the export as the `files` part (one file). Answers 202 with
   * the job; a file that is neither export answers 400 before anything runs; 409 while another
   * import runs.
   */
  export interface Fields {
    mode: ImportMode;
    /** `'false'` keeps a post's closing numbered list in its body. Default `'true'`. */
    lessons?: 'true' | 'false';
    /** Read from the file when absent. */
    format?: ImportFormat;
    /**
     * A copy of the site's uploads folder on the server (absolute path), where images are read
     * first. Only under a folder listed in the plugin's `import.uploadsRoots`; 400 otherwise.
     */
    uploads?: string;
  }
  export interface Response {
    data: ImportJob;
  }
}

export namespace FindImport {
  /** `GET /blog/imports/:id`. */
  export interface Response {
    data: ImportJob;
  }
}

export namespace FindImports {
  /** `GET /blog/imports`: the latest runs, newest first. */
  export interface Response {
    data: ImportJob[];
  }
}
