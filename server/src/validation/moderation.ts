import { errors, yup } from '@strapi/utils';

import { COMMENT_STATUSES, type CommentStatus } from '../../../contracts/comments';

/** Yup's error in Strapi's shape: `details.errors[]` with `path`, `message`, `name`. */
export const toValidationError = (error: yup.ValidationError) =>
  new errors.ValidationError(error.errors.join('; '), {
    errors: (error.inner.length ? error.inner : [error]).map((inner) => ({
      path: inner.path ? inner.path.split(/[.[\]]+/).filter(Boolean) : [],
      message: inner.message,
      name: 'ValidationError',
    })),
  });

/** Validates with a yup schema and returns what it casts, or throws Strapi's 400. */
export const validate = async <TSchema extends yup.AnySchema>(
  schema: TSchema,
  input: unknown
): Promise<yup.InferType<TSchema>> => {
  try {
    return await schema.validate(input, { abortEarly: false, stripUnknown: false });
  } catch (error) {
    if (error instanceof yup.ValidationError) throw toValidationError(error);
    throw error;
  }
};

const status = yup
  .mixed<CommentStatus>()
  .oneOf([...COMMENT_STATUSES], 'status must be pending, approved, spam or rejected');
const reason = yup.string().trim().max(255, 'reason is at most 255 characters');
const documentId = yup.string().min(1).max(64);

export const queueQuerySchema = yup
  .object({
    status,
    post: documentId,
    q: yup.string().trim().max(200, 'q is at most 200 characters'),
    page: yup.number().integer('page must be a whole number').min(1).default(1),
    pageSize: yup.number().integer('pageSize must be a whole number').min(1).max(100).default(25),
  })
  .noUnknown(true, 'Unknown query parameter: ${unknown}');

export const statusBodySchema = yup
  .object({ status: status.required('status is required'), reason })
  .noUnknown(true, 'Unknown field: ${unknown}');

export const bulkBodySchema = yup
  .object({
    documentIds: yup
      .array()
      .of(documentId.required())
      .min(1, 'documentIds must name at least one comment')
      .max(100, 'documentIds names at most 100 comments')
      .required('documentIds is required'),
    status,
    action: yup.string().oneOf(['delete'], 'action must be "delete"'),
    reason,
  })
  .noUnknown(true, 'Unknown field: ${unknown}')
  .test(
    'status-or-delete',
    'Give either a status or action "delete"',
    (value) => Boolean(value.status) !== Boolean(value.action)
  );

export const lessonsQuerySchema = yup
  .object({
    q: yup.string().trim().max(200, 'q is at most 200 characters'),
    page: yup.number().integer('page must be a whole number').min(1).default(1),
    pageSize: yup.number().integer('pageSize must be a whole number').min(1).max(100).default(25),
  })
  .noUnknown(true, 'Unknown query parameter: ${unknown}');
