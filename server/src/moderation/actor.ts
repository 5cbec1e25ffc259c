import { AsyncLocalStorage } from 'async_hooks';

import type { Core } from '@strapi/strapi';

import { ADMIN_ACTIONS as ACTIONS } from '../../../contracts/plugin';
import { adminDisplayName, type AdminUserName } from '../../../contracts/display-name';
import type { PostFacts } from '../repositories/moderation-facts';

import type { ModerationSettings } from './settings';

/**
 * Who is writing a comment, and what the HTTP request knew about it. The moderation middleware
 * reads it; the public submission route, the admin routes and the importer set it. Code that
 * sets nothing is judged like a reader, by every rule.
 */
export type Actor =
  | { type: 'system' }
  | { type: 'admin'; id: number; name: string }
  | { type: 'importer'; name?: string }
  /** Readers through the public routes: a comment's author editing it, or readers' reports. */
  | { type: 'reader'; name: 'the author' | 'readers' };

export interface SubmissionFacts {
  ip: string | null;
  userAgent: string | null;
  honeypotFilled: boolean;
  formToken: unknown;
}

export interface ModerationScope {
  actor: Actor;
  /**
   * False for an admin whose role lacks `comments.moderate` (Content Manager requests): their
   * creates are judged like a reader's, their changes and deletes refused. Unset in the scopes
   * code, the importer and the plugin's moderation routes (guarded by that action) run in:
   * the actor decides.
   */
  mayModerate?: boolean;
  submission?: SubmissionFacts;
  /** Why an editor changed a status, for the moderation log. */
  reason?: string;
  /** How the change was asked for when not in the admin panel: a moderator's mail link. */
  via?: 'mail';
  /**
   * Settings read once for many writes (an import) or already read by the request (the public
   * submission); read per comment otherwise.
   */
  settings?: ModerationSettings;
  /** The app's default locale (i18n's) when the request read it already. */
  defaultLocale?: string;
  /** The post's facts (moderation-facts `post`) when the request read them already. */
  post?: {
    documentId: string;
    facts: PostFacts;
    /** Whether the comment is a duplicate (moderation-facts `duplicate`), read with the post. */
    duplicate?: boolean;
  };
  /** The rule a status change is logged under (`reported`); else `code` for code, none for people. */
  rule?: string;
}

const storage = new AsyncLocalStorage<ModerationScope>();

export const runInModerationScope = <T>(scope: ModerationScope, fn: () => Promise<T>) =>
  storage.run(scope, fn);

export const currentModerationScope = (): ModerationScope | undefined => storage.getStore();

/** Editors who may moderate and the importer keep the status they set; rules check the rest. */
export const isTrusted = (scope: ModerationScope) =>
  scope.mayModerate !== false && (scope.actor.type === 'admin' || scope.actor.type === 'importer');

/** Whether the scope may change or delete a comment (code may; an editor needs the action). */
export const mayChange = (scope: ModerationScope) => scope.mayModerate !== false;

/** Who did it, as a moderation reason says it. */
export const describe = (actor: Actor) =>
  actor.type === 'admin'
    ? `admin ${actor.name}`
    : actor.type === 'importer'
      ? 'the importer'
      : actor.type === 'reader'
        ? actor.name
        : 'the rules';

interface Ability {
  can(action: string, subject?: unknown): boolean;
}

/**
 * The admin panel user of the current request (a session or an admin token) and their role's
 * ability, as Strapi's admin auth strategies leave them in `ctx.state`; null outside one.
 */
export const requestAdmin = (
  strapi: Core.Strapi
): { actor: Extract<Actor, { type: 'admin' }>; can: (action: string) => boolean } | null => {
  const state = strapi.requestContext.get()?.state as
    { user?: unknown; userAbility?: unknown; auth?: { strategy?: { name?: string } } } | undefined;
  const strategy = state?.auth?.strategy?.name;
  if (strategy !== 'admin' && strategy !== 'admin-token') return null;
  const ability = state?.userAbility as Ability | undefined;
  const user = state?.user as (AdminUserName & { id: number }) | undefined;
  const name = user ? adminDisplayName(user) : '';
  return {
    actor: { type: 'admin', id: user?.id ?? 0, name },
    // No ability (never seen on an authenticated admin request): nothing is allowed.
    can: (action) => typeof ability?.can === 'function' && ability.can(action) === true,
  };
};

/**
 * Who acts on a comment now: the scope set by the plugin's routes, importer or code (`runAs`);
 * else the admin of the request (the Content Manager), who may moderate only with
 * `comments.moderate`; else code.
 */
export const currentScope = (strapi: Core.Strapi): ModerationScope => {
  const scope = currentModerationScope();
  if (scope) return scope;
  const admin = requestAdmin(strapi);
  if (admin) return { actor: admin.actor, mayModerate: admin.can(ACTIONS.moderateComments) };
  return { actor: { type: 'system' } };
};

/** Whether this request's admin lacks `comments.read` (their reads lose the private fields). */
export const hidesPrivateFields = (strapi: Core.Strapi) => {
  const admin = requestAdmin(strapi);
  return admin !== null && !admin.can(ACTIONS.readComments);
};
