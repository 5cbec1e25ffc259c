import type { Core, UID } from '@strapi/strapi';

import { ADMIN_ACTIONS, COMMENT_UID, POST_UID } from '../../../contracts/plugin';
import { abilityOfAdmin } from '../db/publish-permission';
import {
  MAIL_SUBSCRIPTION_UID,
  type MailSubscriptionRow,
  type SubscriptionKind,
} from '../models/mail-subscription';
import type { MailOutboxRow } from '../models/mail-outbox';
import { getPluginConfig } from '../utils/plugin-config';

import { emailKeyOf, linkUrl, moderationViewUrl, postPageUrl } from './addresses';
import { expiryIn, linkNonce, MODERATION_ACTIONS } from './link-token';
import type { OutboxEntry } from './outbox';
import { commentMail, confirmMail, heldMail, type PostFacts } from './templates';

/** Subscribers of a post's new comments one tick mails per event; the next tick goes on. */
export const FANOUT_BATCH = 50;

export interface CommentRow {
  documentId: string;
  status: string;
  authorName: string;
  /** Null on a moderator's reply (`staff`): no address is stored for it. */
  authorEmail: string | null;
  content: string;
  postDocumentId: string | null;
  parentDocumentId: string | null;
  pageLocale: string | null;
  moderationReason: string | null;
}

const COMMENT_FIELDS = [
  'documentId',
  'status',
  'authorName',
  'authorEmail',
  'content',
  'postDocumentId',
  'parentDocumentId',
  'pageLocale',
  'moderationReason',
];

const LINK_LABELS = { approve: 'Approve', spam: 'Mark as spam', reject: 'Reject' } as const;

/** What an event ends as: the mails it causes, and whether it is done or goes on from `cursor`. */
export interface Expansion {
  mails: OutboxEntry[];
  done: boolean;
  cursor?: number;
}

/**
 * Turns an outbox event into the mails it causes, reading who should get them when it runs (in
 * Strapi's cron, never in a request): a subscription confirmed after the comment was approved
 * counts, one removed since does not.
 */
export const createFanout = (strapi: Core.Strapi) => {
  const subscriptions = () => strapi.db.query(MAIL_SUBSCRIPTION_UID as UID.Schema);

  const comment = async (documentId: string | null) =>
    documentId
      ? ((await strapi.db.query(COMMENT_UID as UID.Schema).findOne({
          where: { documentId },
          select: COMMENT_FIELDS,
        })) as CommentRow | null)
      : null;

  /** The post's title and page, in the comment's page locale when it has that version. */
  const post = async (documentId: string, locale: string | null): Promise<PostFacts> => {
    const rows = (await strapi.db.query(POST_UID as UID.Schema).findMany({
      where: { documentId, publishedAt: { $notNull: true } },
      select: ['title', 'slug', 'locale'],
    })) as Array<{ title: string; slug: string; locale: string | null }>;
    const found = rows.find((row) => row.locale === locale) ?? rows[0];
    if (!found) return { title: 'a post', url: null };
    return { title: found.title, url: postPageUrl(strapi, found) };
  };

  const subscription = async (emailKey: string, postDocumentId: string, kind: SubscriptionKind) =>
    (await subscriptions().findOne({
      where: { emailKey, postDocumentId, kind, confirmedAt: { $notNull: true } },
    })) as MailSubscriptionRow | null;

  const notice = (
    topic: 'reply' | 'new-comment' | 'published',
    row: CommentRow,
    facts: PostFacts,
    to: MailSubscriptionRow
  ): OutboxEntry => ({
    dedupeKey: `${topic}:${row.documentId}:${to.emailKey}`,
    kind: 'mail',
    topic,
    commentDocumentId: row.documentId,
    recipient: to.email,
    message: {
      ...commentMail({
        topic,
        post: facts,
        comment: row,
        unsubscribeUrl: linkUrl(strapi, 'unsubscribe', {
          p: 'unsubscribe',
          e: to.emailKey,
          d: to.postDocumentId,
          k: to.kind,
        }),
        unsubscribeAllUrl: linkUrl(strapi, 'unsubscribe', { p: 'unsubscribe-all', e: to.emailKey }),
      }),
      subscriptionId: to.id,
    },
  });

  /** A comment was approved: its parent's author, its own author, the post's subscribers. */
  const approved = async (event: MailOutboxRow): Promise<Expansion> => {
    const row = await comment(event.commentDocumentId);
    if (!row || row.status !== 'approved' || !row.postDocumentId) return { mails: [], done: true };
    const facts = await post(row.postDocumentId, row.pageLocale);
    // A moderator's reply has no address: nobody is left out as its author.
    const ownKey = row.authorEmail ? emailKeyOf(strapi, row.authorEmail) : null;
    const mails: OutboxEntry[] = [];
    const skip = new Set([ownKey]);
    const first = event.cursor === null;

    if (row.parentDocumentId) {
      const parent = await comment(row.parentDocumentId);
      const parentKey = parent?.authorEmail ? emailKeyOf(strapi, parent.authorEmail) : null;
      if (parentKey && parentKey !== ownKey) {
        const to = await subscription(parentKey, row.postDocumentId, 'replies');
        if (to && first) mails.push(notice('reply', row, facts, to));
        // One mail about one comment: the reply notice stands for the new-comment one, in
        // every batch of the post's subscribers.
        if (to) skip.add(parentKey);
      }
    }
    const heldBefore = (event.message as { heldBefore?: boolean } | null)?.heldBefore === true;
    if (first && heldBefore && ownKey) {
      const to = await subscription(ownKey, row.postDocumentId, 'published');
      if (to) mails.push(notice('published', row, facts, to));
    }
    const batch = (await subscriptions().findMany({
      where: {
        postDocumentId: row.postDocumentId,
        kind: 'newComments',
        confirmedAt: { $notNull: true },
        id: { $gt: event.cursor ?? 0 },
      },
      orderBy: { id: 'asc' },
      limit: FANOUT_BATCH,
    })) as MailSubscriptionRow[];
    for (const to of batch) {
      if (!skip.has(to.emailKey)) mails.push(notice('new-comment', row, facts, to));
    }
    const done = batch.length < FANOUT_BATCH;
    return { mails, done, cursor: done ? undefined : batch[batch.length - 1].id };
  };

  /**
   * The admin user a moderator's address belongs to, when they may moderate comments now;
   * null otherwise (their mail has no action links).
   */
  const moderatorOf = async (email: string): Promise<{ id: number } | null> => {
    const user = (await strapi.db.query('admin::user').findOne({
      where: { email: email.trim().toLowerCase() },
      select: ['id'],
    })) as { id: number } | null;
    if (!user) return null;
    return (await mayModerate(strapi, user.id)) ? user : null;
  };

  /** A comment was held: one mail per moderator address, with links for those who may act. */
  const held = async (event: MailOutboxRow, now: Date): Promise<Expansion> => {
    const row = await comment(event.commentDocumentId);
    if (!row || row.status !== 'pending' || !row.postDocumentId) return { mails: [], done: true };
    const facts = await post(row.postDocumentId, row.pageLocale);
    const { moderatorEmails, mail } = getPluginConfig(strapi);
    const mails: OutboxEntry[] = [];
    for (const email of moderatorEmails) {
      const admin = await moderatorOf(email);
      const actions = admin
        ? MODERATION_ACTIONS.map((action) => ({
            label: LINK_LABELS[action],
            url: linkUrl(strapi, 'moderate', {
              p: 'moderate',
              c: row.documentId,
              a: action,
              u: admin.id,
              n: linkNonce(),
              x: expiryIn(now, mail.linkTtlHours),
            }),
          }))
        : [];
      mails.push({
        dedupeKey: `held:${event.id}:${email.toLowerCase()}`,
        kind: 'mail',
        topic: 'held',
        commentDocumentId: row.documentId,
        recipient: email,
        message: heldMail({
          post: facts,
          // A held comment is a reader's: it has an address (a moderator's reply is never held).
          comment: { ...row, authorEmail: row.authorEmail ?? '', reason: row.moderationReason },
          adminUrl: moderationViewUrl(strapi),
          actions,
          ttlHours: mail.linkTtlHours,
        }),
      });
    }
    return { mails, done: true };
  };

  /** A reader asked for mail: the confirmation mail (double opt-in). */
  const confirm = async (event: MailOutboxRow, now: Date): Promise<Expansion> => {
    const facts = event.message as {
      emailKey: string;
      postDocumentId: string;
      locale: string | null;
    };
    if (!event.recipient) return { mails: [], done: true };
    const pending = (await subscriptions().findMany({
      where: { emailKey: facts.emailKey, postDocumentId: facts.postDocumentId, confirmedAt: null },
      select: ['kind'],
    })) as Array<{ kind: string }>;
    if (pending.length === 0) return { mails: [], done: true };
    const ttlHours = getPluginConfig(strapi).mail.confirmTtlHours;
    return {
      done: true,
      mails: [
        {
          dedupeKey: `confirm-mail:${event.id}`,
          kind: 'mail',
          topic: 'confirm',
          recipient: event.recipient,
          message: confirmMail({
            post: await post(facts.postDocumentId, facts.locale),
            kinds: pending.map((row) => row.kind),
            confirmUrl: linkUrl(strapi, 'confirm', {
              p: 'confirm',
              e: facts.emailKey,
              d: facts.postDocumentId,
              x: expiryIn(now, ttlHours),
            }),
            ttlHours,
          }),
        },
      ],
    };
  };

  return {
    async expand(event: MailOutboxRow, now: Date): Promise<Expansion> {
      switch (event.topic) {
        case 'approved':
          return approved(event);
        case 'held':
          return held(event, now);
        case 'confirm':
          return confirm(event, now);
        default:
          return { mails: [], done: true };
      }
    },
  };
};

/** Whether an admin user (active) may moderate comments now, by their roles. */
export const mayModerate = async (strapi: Core.Strapi, userId: number): Promise<boolean> => {
  const ability = (await abilityOfAdmin(strapi, userId)) as {
    can(action: string): boolean;
  } | null;
  return ability !== null && ability.can(ADMIN_ACTIONS.moderateComments) === true;
};
