import type { Core } from '@strapi/strapi';

import { createDocumentMiddleware } from './document-middleware';
import { floodMarkModel } from './models/flood-mark';
import { registerComponents } from './register-components';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerComponents(strapi);
  strapi.get('models').add(floodMarkModel);
  strapi.documents.use(createDocumentMiddleware(strapi) as never);
};

export default register;
