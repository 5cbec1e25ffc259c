import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::reader-comment.reader-comment');
