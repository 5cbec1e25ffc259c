import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::reader-comment.reader-comment');
