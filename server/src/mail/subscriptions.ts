import type { Core, UID } from '@strapi/strapi';

import type { NotifyRequest } from '../../../contracts/comments';
import { sql } from '../db/connection';
import { columnsOf, tableName } from '../db/metadata';
import {
  MAIL_SUBSCRIPTION_UID,
  SUBSCRIPTION_KINDS,
  type SubscriptionKind,
} from '../models/mail-subscription';
import { getSecret } from '../utils/secret';

import { emailKeyOf } from './addresses';
import { verifyLink } from './link-token';
import { addToOutbox } from './outbox';
import type { Page } from './pages';

const INVALID: Page = {
  status: 400,
  title: 'This link does not work',
  message: 'The link is incomplete or was changed. Copy the whole link from the mail.',
};

/** The kinds a submission's `notify` asks for. */
export const requestedKinds = (notify: NotifyRequest | undefined): SubscriptionKind[] =>
  notify ? SUBSCRIPTION_KINDS.filter((kind) => notify[kind] === true) : [];

/**
 * A reader's subscriptions: made unconfirmed with a comment, confirmed from the mail's link
 * (double opt-in), ended by the unsubscribe links.
 */
export const createSubscriptions = (strapi: Core.Strapi) => {
  const rows = () => strapi.db.query(MAIL_SUBSCRIPTION_UID as UID.Schema);

  return {
    /**
     * The subscriptions a submission asks for: the missing rows added (unconfirmed), and a
     * confirmation mail queued when one of the kinds is not confirmed yet. Three statements,
     * whatever the number of subscriptions: a read of the address's rows on this post, one
     * insert, one outbox row.
     */
    async subscribe(input: {
      email: string;
      name: string;
      postDocumentId: string;
      locale: string | null;
      commentDocumentId: string;
      kinds: SubscriptionKind[];
      now: Date;
    }) {
      if (input.kinds.length === 0) return;
      const emailKey = emailKeyOf(strapi, input.email);
      const existing = (await rows().findMany({
        where: { emailKey, postDocumentId: input.postDocumentId },
        select: ['kind', 'confirmedAt'],
      })) as Array<{ kind: string; confirmedAt: unknown }>;
      const have = new Map(existing.map((row) => [row.kind, row.confirmedAt !== null]));
      const missing = input.kinds.filter((kind) => !have.has(kind));
      if (missing.length) {
        const column = columnsOf(strapi, MAIL_SUBSCRIPTION_UID);
        const knex = await sql(strapi);
        await knex(tableName(strapi, MAIL_SUBSCRIPTION_UID))
          .insert(
            missing.map((kind) => ({
              [column('emailKey')]: emailKey,
              [column('email')]: input.email.trim(),
              [column('postDocumentId')]: input.postDocumentId,
              [column('kind')]: kind,
              [column('name')]: input.name.slice(0, 255),
              [column('createdAt')]: input.now,
              [column('confirmedAt')]: null,
            }))
          )
          .onConflict([column('emailKey'), column('postDocumentId'), column('kind')])
          .ignore();
      }
      if (input.kinds.every((kind) => have.get(kind) === true)) return;
      await addToOutbox(
        strapi,
        [
          {
            dedupeKey: `confirm:${input.commentDocumentId}`,
            kind: 'event',
            topic: 'confirm',
            recipient: input.email.trim(),
            message: {
              emailKey,
              postDocumentId: input.postDocumentId,
              locale: input.locale,
            },
          },
        ],
        input.now
      );
    },

    /** `GET …/subscriptions/confirm?token=`: confirms; following the link again changes nothing. */
    async confirm(token: unknown, now: Date): Promise<Page> {
      const check = verifyLink(getSecret(strapi), token, 'confirm', now);
      if (check.state === 'expired') {
        return {
          status: 410,
          title: 'This link has expired',
          message: 'Nothing was confirmed. Ask again with your next comment.',
        };
      }
      if (check.state !== 'valid') return INVALID;
      const where = { emailKey: check.claims.e, postDocumentId: check.claims.d };
      const { count } = await rows().updateMany({
        where: { ...where, confirmedAt: null },
        data: { confirmedAt: now },
      });
      if (count > 0) {
        return {
          status: 200,
          title: 'Subscription confirmed',
          message: 'You will get a mail when there is news. Every mail has a link to stop them.',
        };
      }
      const left = await rows().count({ where });
      return left > 0
        ? {
            status: 200,
            title: 'Already confirmed',
            message: 'This subscription was confirmed before: nothing changed.',
          }
        : {
            status: 404,
            title: 'No subscription',
            message: 'There is no subscription to confirm (it was ended): nothing changed.',
          };
    },

    /**
     * The unsubscribe link (`unsubscribe`: one post and kind; `unsubscribe-all`: every
     * subscription of the address). `act` false: the page with the button; true (a POST, the
     * button or a mail client's one-click): the rows are deleted.
     */
    async unsubscribe(token: unknown, act: boolean, now: Date): Promise<Page> {
      const secret = getSecret(strapi);
      const one = verifyLink(secret, token, 'unsubscribe', now);
      const all = one.state === 'valid' ? null : verifyLink(secret, token, 'unsubscribe-all', now);
      if (one.state !== 'valid' && all?.state !== 'valid') return INVALID;
      const everything = all?.state === 'valid';
      const where =
        one.state === 'valid'
          ? { emailKey: one.claims.e, postDocumentId: one.claims.d, kind: one.claims.k }
          : { emailKey: all?.state === 'valid' ? all.claims.e : '' };
      if (!act) {
        return {
          status: 200,
          title: everything ? 'Stop every mail from this blog' : 'Stop these mails',
          message: everything
            ? 'Press the button to end every subscription of your address on this blog.'
            : 'Press the button to stop these mails.',
          button: { action: '', label: 'Unsubscribe' },
        };
      }
      const { count } = await rows().deleteMany({ where });
      return {
        status: 200,
        title: 'Unsubscribed',
        message:
          count > 0
            ? 'You will get no more of these mails.'
            : 'There was nothing left to end: you get none of these mails.',
      };
    },
  };
};
