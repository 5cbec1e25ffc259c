import type { Core } from '@strapi/strapi';

import { registerComponents } from './register-components';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  registerComponents(strapi);
};

export default register;
