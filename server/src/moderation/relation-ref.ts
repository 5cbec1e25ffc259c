import { errors } from '@strapi/utils';

/**
 * The documentId a relation value names, in the forms the Document Service takes: a documentId,
 * `{ documentId }`, `{ connect: [...] }`, `{ set: [...] }` or a one-element array.
 * `undefined` when the value says nothing, `null` when it clears the relation.
 */
export const relationDocumentId = (value: unknown, field: string): string | null | undefined => {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    return relationDocumentId(value[value.length - 1], field);
  }
  if (typeof value === 'object') {
    const ref = value as Record<string, unknown>;
    if (typeof ref.documentId === 'string') return ref.documentId;
    if (Array.isArray(ref.set)) return relationDocumentId(ref.set, field);
    if (Array.isArray(ref.connect) && ref.connect.length)
      return relationDocumentId(ref.connect, field);
    if (Array.isArray(ref.disconnect) && ref.disconnect.length) return null;
    if (Array.isArray(ref.connect)) return undefined;
  }
  throw new errors.ValidationError(`${field} must name a document by its documentId`, {
    errors: [{ path: [field], message: 'Expected a documentId', name: 'ValidationError' }],
  });
};

/**
 * Whether a relation value (of a to-many relation: a comment's `replies`, a post's `comments`)
 * would change anything: the empty `{ connect: [], disconnect: [] }` the Content Manager sends
 * with every save does not; `{ documentId }` or a documentId names a document to link.
 */
export const changesRelation = (value: unknown): boolean => {
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === 'object') {
    const ref = value as Record<string, unknown>;
    // `set: []` empties the relation: any `set` changes it.
    if (ref.set !== undefined) return true;
    return ['connect', 'disconnect'].some((key) =>
      Array.isArray(ref[key]) ? (ref[key] as unknown[]).length > 0 : ref[key] !== undefined
    );
  }
  return true;
};
