import { Alert, Box, Button } from '@strapi/design-system';
import { styled } from 'styled-components';

import type { UndoEntry } from '../utils/undo-window';
import { useTranslate } from '../utils/useTranslate';

const Dock = styled(Box)`
  position: fixed;
  bottom: ${({ theme }) => theme.spaces[6]};
  left: 50%;
  transform: translateX(-50%);
  z-index: 10;
  width: 50rem;
  max-width: calc(100% - 2rem);
`;

interface UndoToastProps {
  entry: UndoEntry | null;
  onUndo: (id: number) => void;
  onClose: () => void;
}

/**
 * What was just done, as a sentence, with an Undo button while the undo window is open. Closing
 * it ends the window (a waiting delete is sent).
 */
export const UndoToast = ({ entry, onUndo, onClose }: UndoToastProps) => {
  const t = useTranslate();
  if (!entry) return null;
  return (
    <Dock role="status" data-testid="undo-toast">
      <Alert
        variant="success"
        closeLabel={t('moderation.undo.close')}
        onClose={onClose}
        action={
          <Button variant="secondary" size="S" onClick={() => onUndo(entry.id)}>
            {t('moderation.undo')}
          </Button>
        }
      >
        {t(entry.message.id, entry.message.values)}
      </Alert>
    </Dock>
  );
};
