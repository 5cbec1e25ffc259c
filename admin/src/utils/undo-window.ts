import type { Before } from './moderation-actions';

/**
 * What an editor did, offered for undo for a few seconds. A status change is already saved: an
 * undo sets the former statuses back (`revert`). A delete is not sent yet: its rows are hidden,
 * and the delete is sent when the window closes without an undo (`commit`).
 */
export interface UndoEntry {
  id: number;
  kind: 'status' | 'delete';
  /** The comments it changed, with their status before. */
  before: Before[];
  /** The toast's sentence. */
  message: { id: string; values: Record<string, string | number> };
  /** Runs once the window closes without an undo. */
  commit?: () => void;
  /**
   * Runs instead of `commit` when the page itself goes (the tab closed or reloaded, the browser
   * left for another site) inside the window: a request that outlives the page.
   */
  commitOnLeave?: () => void;
  /** Runs on undo. */
  revert?: () => void;
}

export interface Timers {
  set: (run: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const browserTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How long an action can be undone. */
export const UNDO_WINDOW_MS = 8000;

/**
 * One undo window at a time, without React (the hook `useUndoWindow` wraps it): `offer` opens it
 * for an entry, closing the one before as done (its delete is sent then); `undo(id)` reverts the
 * open entry if it is still that one; `finish()` closes it as done now (the toast closed, the
 * page left); `leave()` closes it as done when the page itself goes (`pagehide`), by the entry's
 * `commitOnLeave`. Each entry ends exactly once, by its commit or its revert.
 */
export const createUndoWindow = ({
  windowMs = UNDO_WINDOW_MS,
  timers = browserTimers,
  onChange,
}: {
  windowMs?: number;
  timers?: Timers;
  onChange: (entry: UndoEntry | null) => void;
}) => {
  let open: { entry: UndoEntry; handle: unknown } | null = null;

  const close = (how: 'commit' | 'leave' | 'revert') => {
    if (!open) return;
    const { entry, handle } = open;
    open = null;
    timers.clear(handle);
    onChange(null);
    if (how === 'commit') entry.commit?.();
    else if (how === 'leave') (entry.commitOnLeave ?? entry.commit)?.();
    else entry.revert?.();
  };

  return {
    offer(entry: UndoEntry) {
      close('commit');
      const handle = timers.set(() => {
        if (open?.entry.id === entry.id) close('commit');
      }, windowMs);
      open = { entry, handle };
      onChange(entry);
    },
    undo(id: number) {
      if (open?.entry.id === id) close('revert');
    },
    finish() {
      close('commit');
    },
    leave() {
      close('leave');
    },
    current: (): UndoEntry | null => open?.entry ?? null,
  };
};

export type UndoWindow = ReturnType<typeof createUndoWindow>;
