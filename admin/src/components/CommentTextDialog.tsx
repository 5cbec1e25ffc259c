import { useState } from 'react';

import { Button, Field, Flex, Modal, Textarea, Typography } from '@strapi/design-system';

import type { AdminComment } from '../../../contracts/moderation';
import { excerpt } from '../utils/format';
import { useTranslate } from '../utils/useTranslate';

export type TextDialogMode = 'reply' | 'edit';

interface CommentTextDialogProps {
  /** The comment answered or edited; null: closed. */
  comment: AdminComment | null;
  mode: TextDialogMode;
  busy: boolean;
  onCancel: () => void;
  /** Sends the text; resolves true when the server took it (the dialog closes). */
  onSubmit: (content: string) => Promise<boolean>;
}

/**
 * A moderator's text for a comment: a reply (published at once as staff, approving the comment
 * it answers) or an edit of the comment's own text (the log keeps the old one).
 */
export const CommentTextDialog = ({
  comment,
  mode,
  busy,
  onCancel,
  onSubmit,
}: CommentTextDialogProps) => {
  const t = useTranslate();
  return (
    <Modal.Root open={comment !== null} onOpenChange={(open) => !open && onCancel()}>
      {comment && (
        <Modal.Content>
          <TextForm
            key={`${mode}-${comment.documentId}`}
            comment={comment}
            mode={mode}
            busy={busy}
            onCancel={onCancel}
            onSubmit={onSubmit}
            title={t(`moderation.${mode}.title`, { name: comment.authorName })}
          />
        </Modal.Content>
      )}
    </Modal.Root>
  );
};

const TextForm = ({
  comment,
  mode,
  busy,
  onCancel,
  onSubmit,
  title,
}: Omit<CommentTextDialogProps, 'comment'> & { comment: AdminComment; title: string }) => {
  const t = useTranslate();
  const [text, setText] = useState(mode === 'edit' ? comment.content : '');
  const empty = text.trim() === '';
  return (
    <form
      data-testid={`${mode}-form`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!empty) void onSubmit(text);
      }}
    >
      <Modal.Header>
        <Modal.Title>{title}</Modal.Title>
      </Modal.Header>
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {mode === 'reply' && (
            <Typography variant="pi" textColor="neutral600">
              “{excerpt(comment.content)}”
            </Typography>
          )}
          <Field.Root name="content" hint={t(`moderation.${mode}.hint`)}>
            <Field.Label>{t(`moderation.${mode}.label`)}</Field.Label>
            <Textarea
              value={text}
              onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) =>
                setText(event.target.value)
              }
            />
            <Field.Hint />
          </Field.Root>
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <Button variant="tertiary" onClick={onCancel}>
          {t('action.cancel')}
        </Button>
        <Button type="submit" loading={busy} disabled={empty}>
          {t(`moderation.${mode}.send`)}
        </Button>
      </Modal.Footer>
    </form>
  );
};
