import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import {
  EDIT_TOKEN_HEADER,
  type CommentForm,
  type EditComment,
  type FindComments,
  type ReportComment,
  type SubmitComment,
} from '../../../contracts/comments';
import { requestClientIp } from '../utils/client-ip';
import { getService } from '../utils/get-service';
import { rejectUnknownQueryKeys } from '../validation/public-query';

const createCommentController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { data, pagination } = await getService('comments', { strapi }).findApprovedThread(
      ctx.params.slug,
      ctx.query
    );
    const body: FindComments.Response = { data, meta: { pagination } };
    ctx.body = body;
  },

  async create(ctx: Context) {
    rejectUnknownQueryKeys(ctx.query, ['locale']);
    const data = await getService('comments', { strapi }).submit(
      ctx.params.slug,
      ctx.request.body,
      {
        ip: requestClientIp(ctx),
        userAgent: ctx.get('user-agent') || null,
        locale: ctx.query.locale,
      }
    );
    const body: SubmitComment.Response = { data };
    ctx.status = 201;
    ctx.body = body;
  },

  async update(ctx: Context) {
    rejectUnknownQueryKeys(ctx.query, []);
    const body: EditComment.Response = {
      data: await getService('readerActions', { strapi }).edit(
        ctx.params.documentId,
        ctx.request.body,
        ctx.get(EDIT_TOKEN_HEADER) || undefined,
        { ip: requestClientIp(ctx) }
      ),
    };
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  },

  async report(ctx: Context) {
    rejectUnknownQueryKeys(ctx.query, []);
    const body: ReportComment.Response = {
      data: await getService('readerActions', { strapi }).report(
        ctx.params.documentId,
        ctx.request.body,
        { ip: requestClientIp(ctx) }
      ),
    };
    ctx.status = 201;
    ctx.body = body;
  },

  async form(ctx: Context) {
    rejectUnknownQueryKeys(ctx.query, ['locale']);
    const body: CommentForm.Response = {
      data: await getService('comments', { strapi }).form(ctx.params.slug, ctx.query.locale),
    };
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  },
});

export default createCommentController;
