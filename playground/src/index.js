'use strict';

const { seedDemoAdmin } = require('./seed/demo-admin');
const { seedDemoPost } = require('./seed/demo-post');

module.exports = {
  register() {},

  async bootstrap({ strapi }) {
    if (process.env.PLAYGROUND_SEED === 'false') return;
    await seedDemoPost(strapi);
    await seedDemoAdmin(strapi);
  },
};
