import type { Core } from '@strapi/strapi';

import type { BlogPluginConfig } from '../config';
import { PLUGIN_ID } from '../../../contracts/plugin';

export const getPluginConfig = (strapi: Core.Strapi): BlogPluginConfig =>
  strapi.config.get(`plugin::${PLUGIN_ID}`) as BlogPluginConfig;

/**
 * The page limits of a public list: the plugin's own, and never above `api.rest.maxLimit`; and
 * how many rows a page may skip (`limits.query.maxOffset`).
 */
export const getPageLimits = (strapi: Core.Strapi) => {
  const { defaultPageSize, maxPageSize, limits } = getPluginConfig(strapi);
  const restMax = Number(strapi.config.get('api.rest.maxLimit')) || null;
  const maxLimit = restMax ? Math.min(restMax, maxPageSize) : maxPageSize;
  return {
    defaultLimit: Math.min(defaultPageSize, maxLimit),
    maxLimit,
    maxOffset: limits.query.maxOffset,
  };
};
