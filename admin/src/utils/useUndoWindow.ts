import { useEffect, useRef, useState } from 'react';

import { createUndoWindow, type UndoEntry, type UndoWindow } from './undo-window';

/**
 * The page's undo window (undo-window.ts) and the entry it offers now. Leaving the page closes
 * it as done: a delete waiting for its window is sent then; when the browser page itself goes
 * (`pagehide`: the tab closed or reloaded), by the entry's `commitOnLeave`, a request that
 * outlives the page.
 */
export const useUndoWindow = () => {
  const [entry, setEntry] = useState<UndoEntry | null>(null);
  const ref = useRef<UndoWindow | null>(null);
  if (ref.current === null) ref.current = createUndoWindow({ onChange: setEntry });
  const undoWindow = ref.current;

  useEffect(() => {
    const onPageHide = () => undoWindow.leave();
    globalThis.addEventListener('pagehide', onPageHide);
    return () => {
      globalThis.removeEventListener('pagehide', onPageHide);
      undoWindow.finish();
    };
  }, [undoWindow]);

  return { entry, undoWindow };
};
