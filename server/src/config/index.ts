import { yup } from '@strapi/utils';

/** Options of `config/plugins` → `blog.config`. */
export interface BlogPluginConfig {
  /** Page size of the public lists when the request names none. */
  defaultPageSize: number;
  /** Largest page a public list answers, whatever the request asks (`limit=-1` included). */
  maxPageSize: number;
}

const defaults: BlogPluginConfig = {
  defaultPageSize: 25,
  maxPageSize: 100,
};

const schema = yup
  .object({
    defaultPageSize: yup.number().integer().min(1).max(1000),
    maxPageSize: yup.number().integer().min(1).max(1000),
  })
  .noUnknown(true, 'Unknown option of the blog plugin: ${unknown}')
  .test(
    'default-not-above-max',
    'defaultPageSize must not exceed maxPageSize',
    (value) => (value.defaultPageSize ?? 25) <= (value.maxPageSize ?? 100)
  );

export default {
  default: defaults,
  validator(config: unknown) {
    schema.validateSync(config, { strict: true });
  },
};
