import { errors } from '@strapi/utils';

import { NOTIFY_KINDS, type NotifyRequest } from '../../../contracts/comments';

import { isPlainObject } from '../utils/is-plain-object';

import { hasNul } from './json-input';

/**
 * Fields stored or looked up as given: a NUL in them is refused (PostgreSQL refuses it in any
 * text). The name and content lose control characters, NUL included, as plain text.
 */
const VERBATIM_FIELDS = ['authorEmail', 'authorUrl', 'parent'];

/**
 * The shape of `POST /api/blog/posts/:slug/comments`: which keys, which types. Lengths and
 * formats are the moderation rules' job (rule 3), so every path gets the same messages.
 */
export interface Submission {
  data: {
    authorName?: string;
    authorEmail?: string;
    authorUrl?: string | null;
    content?: string;
    parent?: string | null;
  };
  /** The mail the author asks for; not a comment field. */
  notify?: NotifyRequest;
  formToken: unknown;
  honeypotFilled: boolean;
}

type FieldError = { path: string[]; message: string; name: 'ValidationError' };

const DATA_FIELDS: Record<string, 'string' | 'optional'> = {
  authorName: 'string',
  authorEmail: 'string',
  authorUrl: 'optional',
  content: 'string',
  parent: 'optional',
};

/** `data.notify`: an object of the known kinds, each a boolean; nothing else. */
const notifyErrors = (
  notify: unknown,
  error: (path: string[], message: string) => FieldError
): FieldError[] => {
  if (notify === undefined || notify === null) return [];
  if (!isPlainObject(notify)) {
    return [error(['data', 'notify'], 'notify must be an object such as { "replies": true }')];
  }
  return Object.entries(notify as Record<string, unknown>).flatMap(([kind, value]) => {
    if (!(NOTIFY_KINDS as readonly string[]).includes(kind)) {
      return [error(['data', 'notify', kind], `Unknown field "${kind}"`)];
    }
    return typeof value === 'boolean'
      ? []
      : [error(['data', 'notify', kind], `notify.${kind} must be true or false`)];
  });
};

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

export const parseSubmission = (body: unknown, honeypotField: string): Submission => {
  const fail = (list: FieldError[]) => {
    throw new errors.ValidationError(list.map((error) => error.message).join('; '), {
      errors: list,
    });
  };
  const error = (path: string[], message: string): FieldError => ({
    path,
    message,
    name: 'ValidationError',
  });

  if (!isPlainObject(body)) {
    fail([error([], 'The body must be a JSON object: { "data": { … } }')]);
  }
  const root = body as Record<string, unknown>;
  const found: FieldError[] = [];

  for (const key of Object.keys(root)) {
    if (key !== 'data' && key !== 'formToken' && key !== honeypotField) {
      found.push(error([key], `Unknown field "${key}"`));
    }
  }
  if (!isPlainObject(root.data)) {
    found.push(error(['data'], 'data must be an object with the comment’s fields'));
    fail(found);
  }
  const data = root.data as Record<string, unknown>;
  for (const key of Object.keys(data)) {
    if (key === 'notify') {
      found.push(...notifyErrors(data.notify, error));
    } else if (!Object.prototype.hasOwnProperty.call(DATA_FIELDS, key)) {
      found.push(error(['data', key], `Unknown field "${key}"`));
    }
  }
  for (const [key, kind] of Object.entries(DATA_FIELDS)) {
    const value = data[key];
    if (value === undefined) continue;
    if (kind === 'optional' && value === null) continue;
    if (typeof value !== 'string') {
      found.push(error(['data', key], `${key} must be a string`));
    } else if (key === 'parent' && (value.length === 0 || value.length > 64)) {
      found.push(error(['data', 'parent'], 'parent must be the documentId of a comment'));
    } else if (VERBATIM_FIELDS.includes(key) && hasNul(value)) {
      found.push(error(['data', key], `${key} must not hold a NUL character`));
    }
  }
  if (root.formToken !== undefined && typeof root.formToken !== 'string') {
    found.push(error(['formToken'], 'formToken must be a string'));
  } else if (typeof root.formToken === 'string' && hasNul(root.formToken)) {
    found.push(error(['formToken'], 'formToken must not hold a NUL character'));
  }
  if (found.length) fail(found);

  const { notify, ...fields } = data;
  return {
    data: fields as Submission['data'],
    notify: notify as NotifyRequest | undefined,
    formToken: root.formToken,
    // An own property only: `toString` or `constructor` must not be read through the prototype.
    honeypotFilled: Object.hasOwn(root, honeypotField) && !isEmpty(root[honeypotField]),
  };
};
