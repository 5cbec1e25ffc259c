import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::bench-tag.bench-tag');
