/**
 * Whether the admin of the current request may read one entry, as the Content Manager decides it
 * in Strapi 5.54.0: Strapi's admin auth leaves the role's CASL ability in `ctx.state.userAbility`;
 * the Content Manager's read action is `plugin::content-manager.explorer.read`; its conditions
 * ("is creator", "has same role as creator", and the i18n plugin's `locale $in [...]`) are
 * matched against the entry, which CASL tells apart by its `__caslSubjectType__` property (what
 * CASL's `subject()` helper sets). tests/api/strapi-internals.test.ts and
 * tests/api/preview.test.ts (a default Author role, limited to its own posts) check it.
 */
import type { Core } from '@strapi/strapi';

export const CONTENT_MANAGER_READ = 'plugin::content-manager.explorer.read';

/** What the read conditions look at: the entry's locale and who created it. */
export interface ReadableEntry {
  locale?: string | null;
  createdBy?: { id: number; roles?: Array<{ id: number }> } | null;
}

interface Ability {
  can(action: string, subject?: unknown): boolean;
}

/** The entry as a CASL subject of the content type `uid`. */
export const entrySubject = (uid: string, entry: ReadableEntry) =>
  Object.defineProperty({ ...entry }, '__caslSubjectType__', { value: uid });

/** Whether this request is an admin's whose role may read this entry in the Content Manager. */
export const adminMayRead = (strapi: Core.Strapi, uid: string, entry: ReadableEntry): boolean => {
  const state = strapi.requestContext.get()?.state as
    { userAbility?: unknown; auth?: { strategy?: { name?: string } } } | undefined;
  if (state?.auth?.strategy?.name !== 'admin') return false;
  const ability = state.userAbility as Ability | undefined;
  return (
    typeof ability?.can === 'function' &&
    ability.can(CONTENT_MANAGER_READ, entrySubject(uid, entry)) === true
  );
};
