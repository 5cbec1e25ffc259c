import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';

import type { FindImport, FindImports, StartImport } from '../../../contracts/imports';
import type { ImportStarter, UploadedFile } from '../services/import-jobs';
import { getService } from '../utils/get-service';
import { validateStartImport } from '../validation/imports';

type Files = Record<string, UploadedFile | UploadedFile[] | undefined> | undefined;

const createImportsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: Context) {
    const files = (ctx.request as unknown as { files?: Files }).files;
    const file = files?.files;
    // A refused request's uploads are removed by the removeUploads middleware.
    if (!file || Array.isArray(file) || Object.keys(files ?? {}).length > 1) {
      throw new errors.ValidationError('Send one export file, as the multipart field "files"');
    }
    const input = await validateStartImport(ctx.request.body);
    const job = await getService('importJobs', { strapi }).start(
      file,
      input,
      ctx.state.user as ImportStarter | undefined
    );
    const body: StartImport.Response = { data: job };
    ctx.status = 202;
    ctx.body = body;
  },

  async findOne(ctx: Context) {
    const id = Number(ctx.params.id);
    if (!Number.isSafeInteger(id) || id < 1) throw new errors.NotFoundError('No such import');
    const body: FindImport.Response = {
      data: await getService('importJobs', { strapi }).find(id),
    };
    ctx.body = body;
  },

  async find(ctx: Context) {
    const body: FindImports.Response = { data: await getService('importJobs', { strapi }).list() };
    ctx.body = body;
  },
});

export default createImportsController;
