/**
 * Whether an admin may publish (or read) a post's locale, asked as @strapi/content-manager 5.54.0
 * asks it before its own publish: its private `permission-checker` service,
 * `create({ userAbility, model })`, answers `can.publish(entity)` and `can.read(entity)` for the
 * action `plugin::content-manager.explorer.publish` (unpublish is the same action) and `…read`,
 * with the entity as the subject, so a role's locales (i18n) and conditions (such as "is
 * creator") count as they do in the Content Manager. `userAbility` is the ability Strapi's admin
 * authentication puts on `ctx.state`; for an admin who is not in a request (the runner checks
 * the admin who scheduled a post when it runs), the admin's `admin::permission` service builds it
 * as its authentication does: `engine.generateUserAbility(user)` with the user's `roles`
 * populated. tests/api/strapi-internals.test.ts checks both services.
 */
import type { Core } from '@strapi/strapi';

/** A post version as the checker takes it: its locale and creator are what conditions read. */
export interface PostSubject {
  id: number;
  documentId: string;
  locale: string;
  createdBy?: { id: number } | null;
}

type Checker = {
  can: {
    publish(entity?: PostSubject): boolean;
    read(entity?: PostSubject): boolean;
  };
};

export const contentManagerPermissions = (
  strapi: Core.Strapi,
  userAbility: unknown,
  model: string
) => {
  const service = strapi.plugin('content-manager')?.service('permission-checker') as
    { create(options: { userAbility: unknown; model: string }): Checker } | undefined;
  if (!service || !userAbility) {
    // No Content Manager, or no admin session: nothing is allowed.
    return { canPublish: () => false, canRead: () => false };
  }
  const checker = service.create({ userAbility, model });
  return {
    canPublish: (entity: PostSubject) => checker.can.publish(entity),
    canRead: (entity: PostSubject) => checker.can.read(entity),
  };
};

/** The ability of an active admin user, as a request of theirs would have it; null if none. */
export const abilityOfAdmin = async (strapi: Core.Strapi, userId: number): Promise<unknown> => {
  const user = (await strapi.db.query('admin::user').findOne({
    where: { id: userId },
    populate: ['roles'],
  })) as { isActive?: boolean } | null;
  if (!user || user.isActive !== true) return null;
  const permission = strapi.service('admin::permission') as unknown as {
    engine: { generateUserAbility(user: unknown): Promise<unknown> };
  };
  return permission.engine.generateUserAbility(user);
};
