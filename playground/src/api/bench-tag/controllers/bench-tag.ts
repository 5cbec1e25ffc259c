import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::bench-tag.bench-tag');
