import { errors } from '@strapi/utils';

import type { SubmissionFacts } from './actor';
import { refusalError } from './errors';
import { relationDocumentId } from './relation-ref';
import { checkStructure, type Candidate } from './rules';
import { normalizeEmail, toPlainLine, toPlainText } from './text';

const USER_AGENT_MAX = 255;

const fieldError = (field: string, message: string) =>
  new errors.ValidationError(message, {
    errors: [{ path: [field], message, name: 'ValidationError' }],
  });

/** A text field of Document Service data: a string, or nothing; anything else is a 400. */
export const textField = (data: Record<string, unknown>, key: string): string | null => {
  const value = data[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw fieldError(key, `${key} must be a string`);
  return value;
};

const optional = (value: string | null) => (value === null || value.trim() === '' ? null : value);

/** The author's and the comment's text as `readCandidate` normalizes them (see there). */
export const readTexts = (data: Record<string, unknown>) => {
  const email = optional(textField(data, 'authorEmail'));
  const url = optional(textField(data, 'authorUrl'));
  return {
    authorName: toPlainLine(textField(data, 'authorName') ?? ''),
    authorEmail: email === null ? null : normalizeEmail(email),
    authorUrl: url === null ? null : url.trim(),
    content: toPlainText(textField(data, 'content') ?? ''),
  };
};

/**
 * What a comment's create data says, normalized as it will be stored: plain text, NFC, the
 * email lower-cased, the user agent cut. The rules judge exactly what gets stored.
 */
export const readCandidate = (
  data: Record<string, unknown>,
  submission: SubmissionFacts | undefined
): { candidate: Candidate; postDocumentId: string; parentDocumentId: string | null } => {
  const postDocumentId = relationDocumentId(data.post, 'post');
  if (!postDocumentId) throw fieldError('post', 'post is required');
  const parentDocumentId = relationDocumentId(data.parent, 'parent') ?? null;

  const userAgent = submission?.userAgent ?? textField(data, 'userAgent');
  return {
    postDocumentId,
    parentDocumentId,
    candidate: {
      ...readTexts(data),
      ip: submission?.ip ?? null,
      userAgent: userAgent === null ? null : userAgent.slice(0, USER_AGENT_MAX),
    },
  };
};

/** What holds for every comment, whoever writes it (rules.ts): else a 400 naming the field. */
export const assertStructure = (candidate: Candidate) => {
  const unsound = checkStructure(candidate);
  if (unsound) throw refusalError(unsound);
};
