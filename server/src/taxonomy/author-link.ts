import type { Core, UID } from '@strapi/strapi';

import { AUTHOR_UID } from '../../../contracts/plugin';
import { fieldError } from './field-error';
import { relationTarget, whereTarget } from './relation-target';

interface AuthorWrite {
  documentId?: string;
  data?: Record<string, unknown>;
}

/**
 * An admin user signs as at most one author (an author links to at most one user by its
 * one-to-one `user` relation): linking a user another author already has is refused. One read.
 */
export const checkAuthorUserFree = async (
  strapi: Core.Strapi,
  { documentId, data }: AuthorWrite
): Promise<void> => {
  const target = relationTarget(data?.user, 'user');
  if (!target) return;
  const other = (await strapi.db.query(AUTHOR_UID as UID.ContentType).findOne({
    where: {
      user: whereTarget(target),
      ...(documentId ? { documentId: { $ne: documentId } } : {}),
    },
    select: ['name'],
  })) as { name: string } | null;
  if (other) {
    throw fieldError(
      ['user'],
      `This admin user is already linked to the author "${other.name}": an admin user signs as one author`
    );
  }
};

/** The Content Manager's admin routes: where an editor creates a post by hand. */
const CONTENT_MANAGER_PATH = '/content-manager/';

interface RequestState {
  request?: { path?: string };
  state?: { auth?: { strategy?: { name?: string } }; user?: { id?: number } };
}

/** The admin user writing through the Content Manager in this request, if any. */
const contentManagerUserId = (strapi: Core.Strapi): number | null => {
  const ctx = strapi.requestContext.get() as RequestState | undefined;
  if (!ctx?.request?.path?.startsWith(CONTENT_MANAGER_PATH)) return null;
  if (ctx.state?.auth?.strategy?.name !== 'admin') return null;
  const id = ctx.state.user?.id;
  return typeof id === 'number' ? id : null;
};

/**
 * A post an editor creates in the Content Manager without an author gets the author linked to
 * that editor's admin user, when there is one. Imports and code keep what they send. One read.
 */
export const defaultPostAuthor = async (
  strapi: Core.Strapi,
  data: Record<string, unknown> | undefined
): Promise<void> => {
  if (!data || relationTarget(data.author, 'author')) return;
  const userId = contentManagerUserId(strapi);
  if (userId === null) return;
  const author = (await strapi.db.query(AUTHOR_UID as UID.ContentType).findOne({
    where: { user: { id: userId } },
    select: ['documentId'],
  })) as { documentId: string } | null;
  if (author) data.author = { connect: [{ documentId: author.documentId }] };
};
