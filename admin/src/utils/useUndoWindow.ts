import { useEffect, useRef, useState } from 'react';

import { createUndoWindow, type UndoEntry, type UndoWindow } from './undo-window';

/**
 * The page's undo window (undo-window.ts) and the entry it offers now. Leaving the page closes
 * it: what was done stays done (a delete is in the trash, restorable from its tab).
 */
export const useUndoWindow = () => {
  const [entry, setEntry] = useState<UndoEntry | null>(null);
  const ref = useRef<UndoWindow | null>(null);
  if (ref.current === null) ref.current = createUndoWindow({ onChange: setEntry });
  const undoWindow = ref.current;

  useEffect(() => () => undoWindow.finish(), [undoWindow]);

  return { entry, undoWindow };
};
