import { AsyncLocalStorage } from 'async_hooks';

import type { ModerationSettings } from './settings';

/**
 * Who is writing a comment, and what the HTTP request knew about it. The moderation middleware
 * reads it; the public submission route, the admin routes and the importer set it. Code that
 * sets nothing is judged like a reader, by every rule.
 */
export type Actor =
  | { type: 'system' }
  | { type: 'admin'; id: number; name: string }
  | { type: 'importer'; name?: string };

export interface SubmissionFacts {
  ip: string | null;
  userAgent: string | null;
  honeypotFilled: boolean;
  formToken: unknown;
}

export interface ModerationScope {
  actor: Actor;
  submission?: SubmissionFacts;
  /** Why an editor changed a status, for the moderation log. */
  reason?: string;
  /** Settings read once for many writes (an import); read per comment otherwise. */
  settings?: ModerationSettings;
}

const storage = new AsyncLocalStorage<ModerationScope>();

export const runInModerationScope = <T>(scope: ModerationScope, fn: () => Promise<T>) =>
  storage.run(scope, fn);

export const currentModerationScope = (): ModerationScope | undefined => storage.getStore();

/** Admins and the importer keep the status they set; rules still check what must hold. */
export const isTrusted = (actor: Actor) => actor.type === 'admin' || actor.type === 'importer';
