import { pluginErrors } from '../middlewares/error-response';

import admin from './admin';
import contentApi from './content-api';

interface RouteConfig {
  config?: { policies?: unknown[]; middlewares?: unknown[] };
}

/** Every route of a family under `pluginErrors`, ahead of its own middlewares. */
const withPluginErrors = <TRoute extends RouteConfig>(family: {
  type: string;
  routes: TRoute[];
}) => ({
  ...family,
  routes: family.routes.map((route) => ({
    ...route,
    config: {
      ...route.config,
      middlewares: [pluginErrors, ...(route.config?.middlewares ?? [])],
    },
  })),
});

export default {
  'content-api': withPluginErrors(contentApi),
  admin: withPluginErrors(admin),
};
