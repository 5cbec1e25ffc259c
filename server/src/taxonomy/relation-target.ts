import { fieldError } from './field-error';

/** One document a to-one relation value names: by documentId, or by row id (code may use it). */
export type RelationTarget = { documentId: string } | { id: number };

const targetOf = (item: unknown, field: string): RelationTarget => {
  if (typeof item === 'string' && item !== '') return { documentId: item };
  if (typeof item === 'number' && Number.isSafeInteger(item)) return { id: item };
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    const ref = item as Record<string, unknown>;
    if (typeof ref.documentId === 'string' && ref.documentId !== '') {
      return { documentId: ref.documentId };
    }
    if (typeof ref.id === 'number' && Number.isSafeInteger(ref.id)) return { id: ref.id };
    if (typeof ref.id === 'string' && ref.id !== '') return { documentId: ref.id };
  }
  throw fieldError([field], `${field} must name one document by its documentId`);
};

const lastOf = (items: unknown[], field: string) =>
  items.length === 0 ? null : targetOf(items[items.length - 1], field);

/**
 * What a write does to a to-one relation, in every form the Document Service takes (a documentId,
 * an id, `{ documentId }`, `{ connect: [...] }`, `{ set: [...] }`, `{ disconnect: [...] }`, an
 * array): `undefined` when it leaves it alone (the empty `{ connect: [], disconnect: [] }` the
 * Content Manager sends with every save), `null` when it empties it, else the target.
 */
export const relationTarget = (
  value: unknown,
  field: string
): RelationTarget | null | undefined => {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (Array.isArray(value)) return lastOf(value, field);
  if (typeof value === 'object') {
    const ref = value as Record<string, unknown>;
    if (Array.isArray(ref.set)) return lastOf(ref.set, field);
    if (Array.isArray(ref.connect) && ref.connect.length > 0) return lastOf(ref.connect, field);
    if (Array.isArray(ref.disconnect) && ref.disconnect.length > 0) return null;
    if (Array.isArray(ref.connect) || Array.isArray(ref.disconnect)) return undefined;
  }
  return targetOf(value, field);
};

/** The `where` of a query for the target's rows. */
export const whereTarget = (target: RelationTarget) =>
  'documentId' in target ? { documentId: target.documentId } : { id: target.id };
