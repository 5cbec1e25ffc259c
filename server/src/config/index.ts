import { yup } from '@strapi/utils';

import { partialSettingsSchema, type ModerationSettings } from '../moderation/settings';

/** Options of `config/plugins` → `blog.config`. */
export interface BlogPluginConfig {
  /** Page size of the public lists when the request names none. */
  defaultPageSize: number;
  /** Largest page a public list answers, whatever the request asks (`limit=-1` included). */
  maxPageSize: number;
  /**
   * Defaults of the moderation settings (Settings → Blog), until an admin saves them. Each key
   * as in `PUT /blog/settings`.
   */
  moderation: Partial<ModerationSettings>;
  /** Secret for IP hashes, flood keys and form tokens; by default derived from the app keys. */
  secret: string | null;
  /** How long a comment form token stays good. */
  formTokenTtlSeconds: number;
  /** Who receives a notice by email when a comment is held (needs Strapi's email plugin). */
  moderatorEmails: string[];
}

const defaults: BlogPluginConfig = {
  defaultPageSize: 25,
  maxPageSize: 100,
  moderation: {},
  secret: null,
  formTokenTtlSeconds: 24 * 60 * 60,
  moderatorEmails: [],
};

const schema = yup
  .object({
    defaultPageSize: yup.number().integer().min(1).max(1000),
    maxPageSize: yup.number().integer().min(1).max(1000),
    moderation: partialSettingsSchema,
    secret: yup.string().nullable().min(16, 'secret must be at least 16 characters'),
    formTokenTtlSeconds: yup
      .number()
      .integer()
      .min(60)
      .max(30 * 24 * 60 * 60),
    moderatorEmails: yup.array().of(yup.string().email().required()),
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
