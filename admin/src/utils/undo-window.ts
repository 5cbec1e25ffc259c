/**
 * What an editor did, offered for undo for a few seconds. Every action is already saved when it
 * is offered (a delete moves the comments to the trash at once): an undo sends the requests that
 * set things back (`revert`: a restore after a delete, the former statuses after a change).
 */
export interface UndoEntry {
  id: number;
  /** The toast's sentence. */
  message: { id: string; values: Record<string, string | number> };
  /** Runs on undo. */
  revert: () => void;
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
 * for an entry (the one before closes: it can no longer be undone); `undo(id)` reverts the open
 * entry if it is still that one; `finish()` closes it (the toast dismissed, the page left). Each
 * entry is reverted at most once.
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

  const close = (revert: boolean) => {
    if (!open) return;
    const { entry, handle } = open;
    open = null;
    timers.clear(handle);
    onChange(null);
    if (revert) entry.revert();
  };

  return {
    offer(entry: UndoEntry) {
      close(false);
      const handle = timers.set(() => {
        if (open?.entry.id === entry.id) close(false);
      }, windowMs);
      open = { entry, handle };
      onChange(entry);
    },
    undo(id: number) {
      if (open?.entry.id === id) close(true);
    },
    finish() {
      close(false);
    },
    current: (): UndoEntry | null => open?.entry ?? null,
  };
};

export type UndoWindow = ReturnType<typeof createUndoWindow>;
