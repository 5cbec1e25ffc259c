import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from '../../../contracts/plugin';
import type { Services } from '../services';

export const getService = <TName extends keyof Services>(
  name: TName,
  { strapi }: { strapi: Core.Strapi }
): Services[TName] => strapi.plugin(PLUGIN_ID).service(name) as Services[TName];
