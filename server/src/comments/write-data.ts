import { textField } from '../moderation/candidate';
import { normalizeEmail, toPlainLine, toPlainText } from '../moderation/text';

import { THREAD_COPIES } from './derived-data';

/** Fields only a trusted actor sets on a create; anyone else's are dropped. */
const TRUSTED_ONLY_FIELDS = ['ipHash', 'userAgent', 'importKey', 'staff'];

/** The trash's own fields: only the moderation middleware writes them (comments/trash.ts). */
const TRASH_FIELDS = ['trashedAt', 'trashedFrom', 'trashRoot'];

/** A create's data as its writer may give it: an untrusted writer's trusted-only fields dropped. */
export const createData = (data: Record<string, unknown>, trusted: boolean) => {
  const allowed = { ...data };
  if (!trusted) for (const field of TRUSTED_ONLY_FIELDS) delete allowed[field];
  for (const field of TRASH_FIELDS) delete allowed[field];
  return allowed;
};

/**
 * An update's text fields normalized as a create's are (in place), and the thread copies and
 * trash fields dropped: they follow the relations (comments/derived-data.ts) and the status
 * (comments/trash.ts), nobody sets them by hand.
 */
export const cleanUpdateData = (data: Record<string, unknown>) => {
  const name = textField(data, 'authorName');
  if (name !== null) data.authorName = toPlainLine(name);
  const content = textField(data, 'content');
  if (content !== null) data.content = toPlainText(content);
  const email = textField(data, 'authorEmail');
  if (email !== null) data.authorEmail = normalizeEmail(email);
  const url = textField(data, 'authorUrl');
  if (url !== null) data.authorUrl = url.trim() === '' ? null : url.trim();
  for (const copy of [...THREAD_COPIES, ...TRASH_FIELDS]) delete data[copy];
};
