import { useRef, useState } from 'react';

import { Box, Button, Field, Flex, Typography } from '@strapi/design-system';
import { File as FileIcon } from '@strapi/icons';
import { styled } from 'styled-components';

import { formatBytes } from '../utils/format';
import { useTranslate } from '../utils/useTranslate';

const ACCEPT = '.xml,.atom,text/xml,application/xml,application/atom+xml';

/** The browser's own input, kept for keyboards and tests, out of sight: the button opens it. */
const HiddenInput = styled.input`
  position: absolute;
  width: 1px;
  height: 1px;
  opacity: 0;
  pointer-events: none;
`;

const DropZone = styled(Box)<{ $over: boolean }>`
  border: 1px dashed
    ${({ theme, $over }) => ($over ? theme.colors.primary600 : theme.colors.neutral300)};
  background: ${({ theme, $over }) => ($over ? theme.colors.primary100 : theme.colors.neutral100)};
`;

interface ImportFilePickerProps {
  /** The input's id, as the label and the tests find it; it changes to empty the input. */
  inputKey: number;
  file: File | null;
  disabled: boolean;
  onChange: (file: File | null) => void;
}

/**
 * The export to import: a Design System button opens the file dialog, a file can be dropped on
 * the zone too, and the chosen file shows with its size.
 */
export const ImportFilePicker = ({ inputKey, file, disabled, onChange }: ImportFilePickerProps) => {
  const t = useTranslate();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  return (
    <Field.Root id="blog-import-file" name="file" hint={t('import.file.hint')}>
      <Field.Label>{t('import.file')}</Field.Label>
      <DropZone
        $over={over}
        padding={4}
        hasRadius
        data-testid="import-drop-zone"
        onDragOver={(event: React.DragEvent) => {
          if (disabled) return;
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event: React.DragEvent) => {
          event.preventDefault();
          setOver(false);
          if (!disabled) onChange(event.dataTransfer.files[0] ?? null);
        }}
      >
        <Flex gap={3} wrap="wrap">
          <HiddenInput
            key={inputKey}
            ref={input}
            id="blog-import-file"
            type="file"
            accept={ACCEPT}
            disabled={disabled}
            tabIndex={-1}
            onChange={(event) => onChange(event.target.files?.[0] ?? null)}
          />
          <Button
            variant="secondary"
            startIcon={<FileIcon />}
            disabled={disabled}
            onClick={() => input.current?.click()}
          >
            {t('import.file.choose')}
          </Button>
          <Typography
            textColor={file ? 'neutral800' : 'neutral600'}
            fontWeight={file ? 'bold' : undefined}
            data-testid="import-file-chosen"
          >
            {file
              ? t('import.file.chosen', { name: file.name, size: formatBytes(file.size) })
              : t('import.file.none')}
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            {t('import.file.drop')}
          </Typography>
        </Flex>
      </DropZone>
      <Field.Hint />
    </Field.Root>
  );
};
