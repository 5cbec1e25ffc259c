import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::reader-comment.reader-comment');
