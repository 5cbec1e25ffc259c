import { errors } from '@strapi/utils';

import {
  REPORT_NOTE_MAX_LENGTH,
  REPORT_REASONS,
  type ReportReason,
} from '../../../contracts/comments';
import { textLength, toPlainText } from '../moderation/text';
import { isPlainObject } from '../utils/is-plain-object';

import { checkJsonInput } from './json-input';

type FieldError = { path: string[]; message: string; name: 'ValidationError' };

const error = (path: string[], message: string): FieldError => ({
  path,
  message,
  name: 'ValidationError',
});

const fail = (list: FieldError[]): never => {
  throw new errors.ValidationError(list.map((item) => item.message).join('; '), { errors: list });
};

/**
 * `{ data: {...}, ...rest }` with only these keys at the top and in `data`: anything else, a
 * nested object where text goes, a number for a string, is a 400 naming the field. One pass over
 * a body the body guard has already bounded (`limits.bodyBytes`).
 */
const readShape = (
  body: unknown,
  top: string[],
  fields: string[]
): { root: Record<string, unknown>; data: Record<string, unknown> } => {
  if (!isPlainObject(body))
    return fail([error([], 'The body must be a JSON object: { "data": { … } }')]);
  checkJsonInput(body);
  const found: FieldError[] = [];
  for (const key of Object.keys(body)) {
    if (key !== 'data' && !top.includes(key)) found.push(error([key], `Unknown field "${key}"`));
  }
  if (!isPlainObject(body.data)) {
    found.push(error(['data'], 'data must be an object'));
    return fail(found);
  }
  for (const key of Object.keys(body.data)) {
    if (!fields.includes(key)) found.push(error(['data', key], `Unknown field "${key}"`));
  }
  if (found.length) fail(found);
  return { root: body, data: body.data };
};

/** `PATCH /api/blog/comments/:documentId`: the new text and the edit token (or none: a header). */
export const parseEdit = (body: unknown): { content: string; token: unknown } => {
  const { root, data } = readShape(body, ['token'], ['content']);
  const found: FieldError[] = [];
  if (typeof data.content !== 'string')
    found.push(error(['data', 'content'], 'content must be a string'));
  if (root.token !== undefined && typeof root.token !== 'string') {
    found.push(error(['token'], 'token must be a string'));
  }
  if (found.length) fail(found);
  return { content: data.content as string, token: root.token };
};

/** `POST /api/blog/comments/:documentId/reports`: a reason of the list and an optional note. */
export const parseReport = (body: unknown): { reason: ReportReason; note: string | null } => {
  const { data } = readShape(body, [], ['reason', 'note']);
  const found: FieldError[] = [];
  const { reason, note } = data;
  if (typeof reason !== 'string' || !(REPORT_REASONS as readonly string[]).includes(reason)) {
    found.push(error(['data', 'reason'], `reason must be one of ${REPORT_REASONS.join(', ')}`));
  }
  let text: string | null = null;
  if (note !== undefined && note !== null) {
    if (typeof note !== 'string') {
      found.push(error(['data', 'note'], 'note must be a string'));
    } else if (note.length > REPORT_NOTE_MAX_LENGTH * 4) {
      // Four times the limit and more: refused before any work on it.
      found.push(
        error(['data', 'note'], `note must be at most ${REPORT_NOTE_MAX_LENGTH} characters`)
      );
    } else {
      text = toPlainText(note).trim();
      if (textLength(text) > REPORT_NOTE_MAX_LENGTH) {
        found.push(
          error(['data', 'note'], `note must be at most ${REPORT_NOTE_MAX_LENGTH} characters`)
        );
      }
    }
  }
  if (found.length) fail(found);
  return { reason: reason as ReportReason, note: text === '' ? null : text };
};
