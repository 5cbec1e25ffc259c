import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import type { AdminComment } from '../../../contracts/moderation';
import { PLUGIN_ID, COMMENT_UID } from '../../../contracts/plugin';
import { STORE_KEYS } from '../constants';
import type { Actor } from '../moderation/actor';
import { refusalError } from '../moderation/errors';
import { checkFields, fieldsRefusal } from '../moderation/rules';
import { toPlainLine, toPlainText } from '../moderation/text';
import { ConflictError } from '../utils/conflict';
import { getService } from '../utils/get-service';

type Admin = Extract<Actor, { type: 'admin' }>;

/** The plugin store key of an admin's reply name. */
const replyNameKey = (adminId: number) => `${STORE_KEYS.replyNamePrefix}${adminId}`;

/**
 * What a moderator writes from the Moderation view: a reply published as them (a staff reply:
 * `staff: true`, under the name they chose, never their email) and an edit of a comment's text.
 * Both are Document Service writes, through the moderation middleware like every other, as the
 * admin (a trusted writer: the verdict is theirs, and the log names them).
 */
const createModeratorRepliesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });
  const documents = () => strapi.documents(COMMENT_UID as UID.ContentType);
  const moderation = () => getService('moderation', { strapi });
  const queue = () => getService('moderationQueue', { strapi });

  /** The text as the write path stores it, checked as a comment's is: a 400 when it is not one. */
  const checkedText = async (content: string, authorName: string) => {
    const { maxLength } = await getService('settings', { strapi }).get();
    const text = toPlainText(content);
    const refusal = fieldsRefusal(
      checkFields(
        {
          authorName,
          authorEmail: null,
          authorUrl: null,
          content: text,
          ip: null,
          userAgent: null,
        },
        { maxLength },
        { requireEmail: false }
      )
    );
    if (refusal) throw refusalError(refusal);
    return text;
  };

  const existing = async (documentId: string) => {
    const found = (await strapi.db.query(COMMENT_UID).findOne({
      where: { documentId },
      select: ['documentId', 'status', 'authorName', 'pageLocale'],
      populate: { post: { select: ['documentId'] } },
    })) as {
      documentId: string;
      status: string;
      authorName: string;
      pageLocale: string | null;
      post?: { documentId: string } | null;
    } | null;
    if (!found) throw new errors.NotFoundError('Comment not found');
    return found;
  };

  return {
    /** The name an admin's replies show: the one they saved, else their display name. */
    async replyName(admin: Admin): Promise<{ name: string; isDefault: boolean }> {
      const saved = (await store().get({ key: replyNameKey(admin.id) })) as unknown;
      if (typeof saved === 'string' && saved !== '') return { name: saved, isDefault: false };
      return { name: admin.name, isDefault: true };
    },

    /** Saves an admin's reply name ('' goes back to their display name). */
    async setReplyName(admin: Admin, name: string): Promise<{ name: string; isDefault: boolean }> {
      const clean = toPlainLine(name).trim();
      await store().set({ key: replyNameKey(admin.id), value: clean });
      return this.replyName(admin);
    },

    /**
     * A moderator's reply under a comment: approved at once, `staff`, signed with their reply
     * name. Replying counts as approving: a pending comment it answers becomes approved (logged
     * as theirs). A comment that is spam, rejected or in the trash is not answered (409).
     */
    async reply(documentId: string, content: string, admin: Admin) {
      const parent = await existing(documentId);
      if (parent.status !== 'pending' && parent.status !== 'approved') {
        throw new ConflictError(`A comment that is ${parent.status} cannot be answered`);
      }
      const { name } = await this.replyName(admin);
      const text = await checkedText(content, name);
      const created = await strapi.db.transaction(() =>
        moderation().runAs(admin, async () => {
          if (parent.status === 'pending') {
            await documents().update({ documentId, data: { status: 'approved' } } as never);
          }
          return (await documents().create({
            data: {
              post: parent.post?.documentId ?? null,
              parent: documentId,
              authorName: name,
              authorEmail: null,
              authorUrl: null,
              content: text,
              status: 'approved',
              staff: true,
              pageLocale: parent.pageLocale,
            },
          } as never)) as { documentId: string };
        })
      );
      const [reply, answered] = await queue().findAdminComments([created.documentId, documentId]);
      return { reply, parent: answered };
    },

    /** A moderator's edit of a comment's text; the log keeps the text before it. */
    async edit(documentId: string, content: string, admin: Admin): Promise<AdminComment> {
      const comment = await existing(documentId);
      const text = await checkedText(content, comment.authorName);
      await moderation().runAs(admin, () =>
        documents().update({ documentId, data: { content: text } } as never)
      );
      const [edited] = await queue().findAdminComments([documentId]);
      return edited;
    },
  };
};

export type ModeratorRepliesService = ReturnType<typeof createModeratorRepliesService>;
export default createModeratorRepliesService;
