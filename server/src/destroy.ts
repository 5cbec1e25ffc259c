import type { Core } from '@strapi/strapi';

import { stopBackgroundWork } from './bootstrap';
import { getService } from './utils/get-service';

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  stopBackgroundWork();
  await getService('importJobs', { strapi }).stopAll();
};

export default destroy;
