import type { Core } from '@strapi/strapi';

import { seedDemoAdmin } from './seed/demo-admin';
import { seedDemoLocales } from './seed/demo-locales';
import { seedDemoPost } from './seed/demo-post';

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    if (process.env.PLAYGROUND_SEED === 'false') return;
    await seedDemoLocales(strapi);
    await seedDemoPost(strapi);
    await seedDemoAdmin(strapi);
  },
};
