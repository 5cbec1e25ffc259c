import { validateYupSchema, yup } from '@strapi/utils';

import {
  COMMENT_STATUSES,
  SETTABLE_STATUSES,
  type CommentStatus,
  type SettableStatus,
} from '../../../contracts/comments';
import { MODERATOR_TEXT_MAX, REPLY_NAME_MAX } from '../../../contracts/moderation';

import { checkJsonInput } from './json-input';

/**
 * Validates with a yup schema through Strapi's `validateYupSchema` and returns what it casts (the
 * schemas trim and read numbers from query text, so not strict), or throws Strapi's 400: a
 * ValidationError whose `details.errors[]` name each field's `path` and `message`.
 */
export const validate = async <TSchema extends yup.AnySchema>(
  schema: TSchema,
  input: unknown
): Promise<yup.InferType<TSchema>> => {
  checkJsonInput(input);
  return validateYupSchema(schema, { strict: false, stripUnknown: false })(input);
};

/**
 * Text, trimmed; anything else (an array from `q[]=a&q[]=b`, an object, a number) is refused with
 * a 400. Yup's own `trim()` calls `.trim()` on whatever it is given, and a non-string was a 500.
 */
const text = (name: string, max: number) =>
  yup
    .string()
    .transform((_value: unknown, original: unknown) =>
      typeof original === 'string' ? original.trim() : original
    )
    .typeError(`${name} must be text`)
    .max(max, `${name} is at most ${max} characters`);

/**
 * A whole number between min and max, from a number or its digits; an array or an object is
 * refused (yup would read `['2']` as 2).
 */
const whole = (name: string, min: number, max: number) =>
  yup
    .number()
    .transform((value: unknown, original: unknown) =>
      typeof original === 'string' || typeof original === 'number' ? value : Number.NaN
    )
    .typeError(`${name} must be a whole number`)
    .integer(`${name} must be a whole number`)
    .min(min, `${name} must be ${min} or more`)
    .max(max, `${name} must be ${max} or less`);

/** A queue tab: `trash` lists what was deleted. */
const tabStatus = yup
  .mixed<CommentStatus>()
  .oneOf([...COMMENT_STATUSES], 'status must be pending, approved, spam, rejected or trash');
/** A status an editor sets: `trash` is reached by a delete, left by a restore. */
const status = yup
  .mixed<SettableStatus>()
  .oneOf([...SETTABLE_STATUSES], 'status must be pending, approved, spam or rejected');
const reason = text('reason', 255);
const documentId = yup.string().strict().typeError('a documentId must be text').min(1).max(64);
/** Pages of an admin list: 100 rows at most, and never past row 10,000,000. */
const page = whole('page', 1, 100_000).default(1);
const pageSize = whole('pageSize', 1, 100).default(25);

export const queueQuerySchema = yup
  .object({
    status: tabStatus,
    post: documentId,
    comment: documentId,
    q: text('q', 200),
    page,
    pageSize,
  })
  .noUnknown(true, 'Unknown query parameter: ${unknown}');

export const statusBodySchema = yup
  .object({ status: status.required('status is required'), reason })
  .noUnknown(true, 'Unknown field: ${unknown}');

export const bulkBodySchema = yup
  .object({
    documentIds: yup
      .array()
      .typeError('documentIds must be a list of documentIds')
      .of(documentId.required())
      .min(1, 'documentIds must name at least one comment')
      .max(100, 'documentIds names at most 100 comments')
      .required('documentIds is required'),
    status,
    action: yup
      .mixed<'delete' | 'restore'>()
      .oneOf(['delete', 'restore'], 'action must be "delete" or "restore"'),
    reason,
  })
  .noUnknown(true, 'Unknown field: ${unknown}')
  .test(
    'status-or-delete',
    'Give either a status or an action ("delete" or "restore")',
    (value) => Boolean(value.status) !== Boolean(value.action)
  );

/**
 * A moderator's text (a reply, an edit): text only, not only spaces, at most MODERATOR_TEXT_MAX
 * characters here (the `maxLength` setting is checked on the text as it is stored).
 */
export const moderatorTextSchema = yup
  .object({
    content: yup
      .string()
      .strict()
      .typeError('content must be text')
      .max(MODERATOR_TEXT_MAX, `content is at most ${MODERATOR_TEXT_MAX} characters`)
      .test('visible', 'content is required', (value) => !!value && value.trim() !== '')
      .required('content is required'),
  })
  .noUnknown(true, 'Unknown field: ${unknown}')
  .required();

/** The name on a moderator's replies: '' goes back to their display name. */
export const replyNameSchema = yup
  .object({
    name: yup
      .string()
      .strict()
      .typeError('name must be text')
      .max(REPLY_NAME_MAX, `name is at most ${REPLY_NAME_MAX} characters`)
      .defined('name is required'),
  })
  .noUnknown(true, 'Unknown field: ${unknown}')
  .required();

export const lessonsQuerySchema = yup
  .object({
    q: text('q', 200),
    page,
    pageSize,
  })
  .noUnknown(true, 'Unknown query parameter: ${unknown}');

export const reportsQuerySchema = yup
  .object({ page, pageSize })
  .noUnknown(true, 'Unknown query parameter: ${unknown}');
