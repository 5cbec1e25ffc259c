import type { Core } from '@strapi/strapi';

import { getService } from './utils/get-service';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService('permissions', { strapi }).grantPublicActionsOnce();
  await getService('contentManagerLayout', { strapi }).applyDefaultsOnce();
};

export default bootstrap;
