import { yup } from '@strapi/utils';

import type { ImportFormat, ImportMode } from '../../../contracts/imports';

import { validate } from './moderation';

const MAX_UPLOADS_PATH = 1024;

/** The text fields of `POST /blog/imports` (multipart, so booleans come as text). */
const startImportSchema = yup
  .object({
    mode: yup
      .mixed<ImportMode>()
      .oneOf(['dry-run', 'import'], 'mode must be dry-run or import')
      .required('mode is required: dry-run or import'),
    lessons: yup
      .mixed<'true' | 'false'>()
      .oneOf(['true', 'false'], 'lessons must be true or false')
      .optional(),
    format: yup
      .mixed<ImportFormat>()
      .oneOf(['wxr', 'blogger'], 'format must be wxr or blogger')
      .optional(),
    uploads: yup
      .string()
      .max(
        MAX_UPLOADS_PATH,
        `uploads must be a folder path of at most ${MAX_UPLOADS_PATH} characters`
      )
      .test('no-nul', 'uploads must not hold a NUL character', (value) => !value?.includes('\0'))
      .optional(),
  })
  .noUnknown(true, 'Unknown field: ${unknown}')
  .strict();

export interface StartImportInput {
  mode: ImportMode;
  lessons: boolean;
  format?: ImportFormat;
  /** The uploads folder as sent; checked against `import.uploadsRoots` by the import jobs. */
  uploads?: string;
}

export const validateStartImport = async (fields: unknown): Promise<StartImportInput> => {
  const valid = await validate(startImportSchema, fields ?? {});
  return {
    mode: valid.mode,
    lessons: valid.lessons !== 'false',
    format: valid.format,
    uploads: valid.uploads?.trim() || undefined,
  };
};
