import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import type {
  BulkAction,
  CountPending,
  EditCommentText,
  FindCommentedPosts,
  FindEvents,
  FindQueue,
  ReplyName,
  ReplyToComment,
  RestoreComment,
  UpdateStatus,
} from '../../../contracts/moderation';
import { adminDisplayName, type AdminUserName } from '../../../contracts/display-name';
import type { SettableStatus } from '../../../contracts/comments';
import type { Actor } from '../moderation/actor';
import { getService } from '../utils/get-service';
import {
  bulkBodySchema,
  moderatorTextSchema,
  queueQuerySchema,
  replyNameSchema,
  statusBodySchema,
  validate,
} from '../validation/moderation';

/** The admin user of the request, as the moderation log names them. */
export const adminActor = (ctx: Context): Extract<Actor, { type: 'admin' }> => {
  const user = ctx.state.user as AdminUserName & { id: number };
  return { type: 'admin', id: user.id, name: adminDisplayName(user) };
};

const createModerationController = ({ strapi }: { strapi: Core.Strapi }) => {
  const queue = () => getService('moderationQueue', { strapi });
  const replies = () => getService('moderatorReplies', { strapi });

  return {
    async find(ctx: Context) {
      const query = await validate(queueQuerySchema, ctx.query);
      const body: FindQueue.Response = await queue().list(
        query as Parameters<ReturnType<typeof queue>['list']>[0]
      );
      ctx.body = body;
    },

    async pendingCount(ctx: Context) {
      const body: CountPending.Response = { data: { pending: await queue().pendingCount() } };
      ctx.body = body;
    },

    async updateStatus(ctx: Context) {
      const { status, reason } = await validate(statusBodySchema, ctx.request.body);
      const data = await queue().setStatus(ctx.params.documentId, status, adminActor(ctx), reason);
      const body: UpdateStatus.Response = { data };
      ctx.body = body;
    },

    async bulk(ctx: Context) {
      const input = await validate(bulkBodySchema, ctx.request.body);
      const change: { status: SettableStatus } | { action: 'delete' | 'restore' } = input.status
        ? { status: input.status }
        : { action: input.action ?? 'delete' };
      const data = await queue().bulk(input.documentIds, change, adminActor(ctx), input.reason);
      const body: BulkAction.Response = { data };
      ctx.body = body;
    },

    async restore(ctx: Context) {
      const data = await queue().restore(ctx.params.documentId, adminActor(ctx));
      const body: RestoreComment.Response = { data };
      ctx.body = body;
    },

    async reply(ctx: Context) {
      const { content } = await validate(moderatorTextSchema, ctx.request.body);
      const data = await replies().reply(ctx.params.documentId, content, adminActor(ctx));
      const body: ReplyToComment.Response = { data };
      ctx.body = body;
    },

    async edit(ctx: Context) {
      const { content } = await validate(moderatorTextSchema, ctx.request.body);
      const data = await replies().edit(ctx.params.documentId, content, adminActor(ctx));
      const body: EditCommentText.Response = { data };
      ctx.body = body;
    },

    async replyName(ctx: Context) {
      const body: ReplyName.Response = { data: await replies().replyName(adminActor(ctx)) };
      ctx.body = body;
    },

    async setReplyName(ctx: Context) {
      const { name } = await validate(replyNameSchema, ctx.request.body);
      const body: ReplyName.Response = {
        data: await replies().setReplyName(adminActor(ctx), name),
      };
      ctx.body = body;
    },

    async posts(ctx: Context) {
      const body: FindCommentedPosts.Response = { data: await queue().commentedPosts() };
      ctx.body = body;
    },

    async events(ctx: Context) {
      const body: FindEvents.Response = { data: await queue().events(ctx.params.documentId) };
      ctx.body = body;
    },
  };
};

export default createModerationController;
