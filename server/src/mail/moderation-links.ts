import type { Core, UID } from '@strapi/strapi';

import type { CommentStatus } from '../../../contracts/comments';
import { adminDisplayName, type AdminUserName } from '../../../contracts/display-name';
import { COMMENT_UID } from '../../../contracts/plugin';
import { dialectOf, insertIfAbsent } from '../db/dialect';
import { sql } from '../db/connection';
import { tableName } from '../db/metadata';
import { USED_MAIL_LINK_UID } from '../models/used-mail-link';
import { getPluginConfig } from '../utils/plugin-config';
import { getSecret, keyedHash } from '../utils/secret';
import { runInModerationScope } from '../moderation/actor';

import { mayModerate } from './fanout';
import { verifyLink, type LinkClaims, type ModerationLinkAction } from './link-token';
import type { Page } from './pages';

const STATUS_OF: Record<ModerationLinkAction, CommentStatus> = {
  approve: 'approved',
  spam: 'spam',
  reject: 'rejected',
};

const DONE_WORDS: Record<ModerationLinkAction, string> = {
  approve: 'approved',
  spam: 'marked as spam',
  reject: 'rejected',
};

type Claims = Extract<LinkClaims, { p: 'moderate' }>;

/** Nothing happened, and why: each answer of a link that cannot act. */
const refusal = (status: number, title: string, message: string): Page => ({
  status,
  title,
  message: `${message} Nothing was changed.`,
});

/**
 * The one-click links of the moderators' mail. A GET shows what the link would do and a button;
 * the POST does it, once: the link's nonce is used in the transaction of the change, the
 * comment must still be held, and the admin the link was made for must still be an active
 * admin whose address is in `moderatorEmails` and whose roles may moderate comments. The change
 * goes through the Document Service like any moderation, logged as that admin's, `via: 'mail'`.
 */
export const createModerationLinks = (strapi: Core.Strapi) => {
  const comments = () => strapi.db.query(COMMENT_UID as UID.Schema);
  const usedKey = (claims: Claims) => keyedHash(getSecret(strapi), `mail-link:${claims.n}`);

  /** The admin of the link, while they may act through the mail; null otherwise. */
  const moderator = async (claims: Claims) => {
    const user = (await strapi.db.query('admin::user').findOne({
      where: { id: claims.u },
      select: ['id', 'email', 'firstname', 'lastname', 'username', 'isActive'],
    })) as (AdminUserName & { id: number; email: string; isActive: boolean }) | null;
    if (!user || user.isActive !== true) return null;
    const listed = getPluginConfig(strapi).moderatorEmails.some(
      (email) => email.trim().toLowerCase() === user.email.toLowerCase()
    );
    if (!listed || !(await mayModerate(strapi, user.id))) return null;
    return { id: user.id, name: adminDisplayName(user) };
  };

  /** The checks a GET and a POST share; the page to answer when the link cannot act. */
  const check = async (token: unknown, now: Date) => {
    const verified = verifyLink(getSecret(strapi), token, 'moderate', now);
    if (verified.state === 'expired') {
      return {
        refused: refusal(410, 'This link has expired', 'Moderate the comment in the admin panel.'),
      };
    }
    if (verified.state !== 'valid') {
      return {
        refused: refusal(400, 'This link does not work', 'The link is incomplete or was changed.'),
      };
    }
    const claims = verified.claims;
    const knex = await sql(strapi);
    const used = await knex(tableName(strapi, USED_MAIL_LINK_UID))
      .where({ key: usedKey(claims) })
      .first('key');
    if (used) return { refused: refusal(409, 'This link was used', 'It works once.') };
    const comment = (await comments().findOne({
      where: { documentId: claims.c },
      select: ['documentId', 'status', 'authorName'],
    })) as { documentId: string; status: CommentStatus; authorName: string } | null;
    if (!comment) return { refused: refusal(404, 'No such comment', 'It was deleted.') };
    if (comment.status !== 'pending') {
      return {
        refused: refusal(
          409,
          'Already moderated',
          `The comment is no longer held (it is ${comment.status}).`
        ),
      };
    }
    const admin = await moderator(claims);
    if (!admin) {
      return {
        refused: refusal(
          403,
          'Not allowed',
          'This link was made for an admin who may no longer moderate comments by mail.'
        ),
      };
    }
    return { claims, comment, admin };
  };

  return {
    /** `GET /api/blog/moderation-links?token=`: what the link would do, and a button. */
    async show(token: unknown, now: Date): Promise<Page> {
      const checked = await check(token, now);
      if ('refused' in checked) return checked.refused as Page;
      const action = checked.claims.a;
      return {
        status: 200,
        title: `${action === 'approve' ? 'Approve' : action === 'spam' ? 'Mark as spam' : 'Reject'} this comment?`,
        message: `The comment by ${checked.comment.authorName} will be ${DONE_WORDS[action]}, as ${checked.admin.name}.`,
        button: { action: '', label: 'Confirm' },
      };
    },

    /** `POST /api/blog/moderation-links?token=`: does it, once. */
    async act(token: unknown, now: Date): Promise<Page> {
      return strapi.db.transaction(async () => {
        const checked = await check(token, now);
        if ('refused' in checked) return checked.refused as Page;
        const { claims, admin } = checked;
        const knex = await sql(strapi);
        const until = claims.x * 1000;
        if (
          !(await insertIfAbsent(knex, dialectOf(strapi), tableName(strapi, USED_MAIL_LINK_UID), {
            key: usedKey(claims),
            until,
          }))
        ) {
          return refusal(409, 'This link was used', 'It works once.');
        }
        const to = STATUS_OF[claims.a];
        await runInModerationScope(
          // The log's reason is the usual "approved by admin …"; `via` says it was by mail.
          { actor: { type: 'admin', id: admin.id, name: admin.name }, via: 'mail' },
          () =>
            strapi
              .documents(COMMENT_UID as UID.ContentType)
              .update({ documentId: claims.c, data: { status: to } } as never)
        );
        return {
          status: 200,
          title: 'Done',
          message: `The comment is ${DONE_WORDS[claims.a]}.`,
        };
      });
    },
  };
};
