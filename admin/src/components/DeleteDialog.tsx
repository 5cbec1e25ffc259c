import { Button, Dialog } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';

import { useTranslate } from '../utils/useTranslate';

interface DeleteDialogProps {
  count: number;
  open: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}

/** Asks before comments are deleted for good. */
export const DeleteDialog = ({ count, open, onCancel, onConfirm }: DeleteDialogProps) => {
  const t = useTranslate();
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onCancel()}>
      <Dialog.Content>
        <Dialog.Header>{t('action.delete')}</Dialog.Header>
        <Dialog.Body icon={<WarningCircle fill="danger600" />}>
          {t('moderation.confirmDelete', { count })}
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button fullWidth variant="tertiary">
              {t('action.cancel')}
            </Button>
          </Dialog.Cancel>
          <Dialog.Action>
            <Button fullWidth variant="danger-light" onClick={onConfirm}>
              {t('action.delete')}
            </Button>
          </Dialog.Action>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};
