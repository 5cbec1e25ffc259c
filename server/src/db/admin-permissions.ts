/**
 * Admin permissions made the way Strapi 5.54.0 makes them for a role, through services it does
 * not document: `strapi.service('admin::permission').actionProvider.get(actionId)` (an action:
 * `actionId`, `subjects`, `options.applyToProperties`),
 * `strapi.service('admin::content-type').getPermissionsWithNestedFields(actions)` (one
 * `{ properties: { fields } }` per action, every field of its subject) and the i18n plugin's
 * `service('content-types').isLocalizedContentType(model)`.
 * tests/api/strapi-internals.test.ts checks each of them.
 */
import type { Core } from '@strapi/strapi';

export interface AdminAction {
  actionId: string;
  subjects?: string[];
  options?: { applyToProperties?: string[] };
}

/** What a role's permission on a subject is made of, as Strapi gives it to a default role. */
export const permissionParts = (strapi: Core.Strapi) => {
  const permissionService = strapi.service('admin::permission') as unknown as {
    actionProvider: { get(id: string): AdminAction | undefined };
  };
  const contentTypeService = strapi.service('admin::content-type') as unknown as {
    getPermissionsWithNestedFields(
      actions: AdminAction[]
    ): Array<{ properties: Record<string, unknown> & { fields?: string[] } }>;
  };
  const i18n = strapi.plugin('i18n')?.service('content-types') as
    { isLocalizedContentType(model: unknown): boolean } | undefined;
  return {
    /** A registered admin action. */
    action: (actionId: string) => permissionService.actionProvider.get(actionId),
    /** The properties (every field) of this action on this subject. */
    properties: (action: AdminAction, subject: string) =>
      contentTypeService.getPermissionsWithNestedFields([{ ...action, subjects: [subject] }])[0]
        .properties,
    /** Whether the content type is localized (its permissions then name locales). */
    isLocalized: (uid: string) =>
      Boolean(i18n?.isLocalizedContentType(strapi.contentTypes[uid as never])),
  };
};
