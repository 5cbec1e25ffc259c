import type { Core } from '@strapi/strapi';

import components from './components';
import { registerComponents, registerModels } from './db/registries';
import { createDocumentMiddleware } from './document-middleware';
import { commentCountModel } from './models/comment-count';
import { commentReportModel } from './models/comment-report';
import { floodMarkModel } from './models/flood-mark';
import { importJobModel } from './models/import-job';
import { importMediaModel } from './models/import-media';
import { mailOutboxModel } from './models/mail-outbox';
import { mailSubscriptionModel } from './models/mail-subscription';
import { publicationScheduleModel } from './models/publication-schedule';
import { usedFormTokenModel } from './models/used-form-token';
import { usedMailLinkModel } from './models/used-mail-link';
import { cacheVersionModel } from './models/cache-version';
import { registerGraphql } from './graphql/register';
import { createAdminUploadGuard } from './middlewares/admin-upload-guard';
import { createPublicBodyGuard } from './middlewares/public-body-guard';
import { createRefuseNul } from './middlewares/refuse-nul';
import { createRemoveUploads } from './middlewares/remove-uploads';
import { createTranslationAuthor } from './posts/translation-author';
import { registerPostPreview } from './preview/handler';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerComponents(strapi, components);
  registerModels(strapi, [
    floodMarkModel,
    commentCountModel,
    importJobModel,
    importMediaModel,
    usedFormTokenModel,
    publicationScheduleModel,
    mailOutboxModel,
    mailSubscriptionModel,
    usedMailLinkModel,
    commentReportModel,
    cacheVersionModel,
  ]);
  strapi.documents.use(createDocumentMiddleware(strapi) as never);
  strapi.documents.use(createTranslationAuthor(strapi) as never);
  // These run before Strapi's configured middlewares, the body parser included.
  strapi.server.use(createRemoveUploads(strapi));
  strapi.server.use(createPublicBodyGuard(strapi));
  strapi.server.use(createAdminUploadGuard(strapi));
  strapi.server.use(createRefuseNul(strapi));
  registerGraphql(strapi);
  registerPostPreview(strapi);
};

export default register;
