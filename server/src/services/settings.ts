import type { Core } from '@strapi/strapi';
import { validateYupSchema } from '@strapi/utils';

import { PLUGIN_ID } from '../../../contracts/plugin';
import { STORE_KEYS } from '../constants';
import { readStoreValues } from '../db/store-values';
import {
  DEFAULT_MODERATION_SETTINGS,
  SETTING_KEYS,
  settingsSchema,
  type ModerationSettings,
} from '../moderation/settings';
import { compileWordList, type WordMatcher } from '../moderation/words';
import { getPluginConfig } from '../utils/plugin-config';
import { checkJsonInput } from '../validation/json-input';

/**
 * The moderation settings: what an admin saved (plugin store), over the defaults of
 * `config/plugins`, over the plugin's own. Compiled word lists are kept while the lists are the
 * same, so a 1,000-word list is compiled once, not per comment.
 */
const createSettingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });
  let compiled: { key: string; disallowed: WordMatcher; moderation: WordMatcher } | null = null;

  const defaults = (): ModerationSettings => ({
    ...DEFAULT_MODERATION_SETTINGS,
    ...getPluginConfig(strapi).moderation,
  });

  /** The saved settings over the defaults, with exactly the known keys. */
  const fromStored = (saved: unknown): ModerationSettings => {
    const merged = { ...defaults(), ...((saved as Partial<ModerationSettings> | null) ?? {}) };
    return Object.fromEntries(
      SETTING_KEYS.map((key) => [key, merged[key]])
    ) as unknown as ModerationSettings;
  };

  const matchers = (settings: ModerationSettings) => {
    const key = JSON.stringify([settings.disallowedWords, settings.moderationWords]);
    if (!compiled || compiled.key !== key) {
      compiled = {
        key,
        disallowed: compileWordList(settings.disallowedWords),
        moderation: compileWordList(settings.moderationWords),
      };
    }
    return { disallowed: compiled.disallowed, moderation: compiled.moderation };
  };

  return {
    defaults,

    async get(): Promise<ModerationSettings> {
      return fromStored(await store().get({ key: STORE_KEYS.settings }));
    },

    /**
     * The settings and the app's default locale (i18n's), read together in one statement: what
     * a public submission needs before anything else. Read per request, like `get`, so a change
     * saved on any instance counts from the next request on.
     */
    async withDefaultLocale(): Promise<{
      settings: ModerationSettings;
      defaultLocale: string | undefined;
    }> {
      const [saved, defaultLocale] = await readStoreValues(strapi, [
        { type: 'plugin', name: PLUGIN_ID, key: STORE_KEYS.settings },
        { type: 'plugin', name: 'i18n', key: 'default_locale' },
      ]);
      return {
        settings: fromStored(saved),
        defaultLocale: typeof defaultLocale === 'string' ? defaultLocale : undefined,
      };
    },

    async update(input: unknown): Promise<ModerationSettings> {
      checkJsonInput(input);
      await validateYupSchema(settingsSchema)(input);
      const value = input as ModerationSettings;
      const clean = Object.fromEntries(SETTING_KEYS.map((key) => [key, value[key]]));
      await store().set({ key: STORE_KEYS.settings, value: clean });
      // Compiled now, so the first comment after a change of lists does not wait for it.
      matchers(clean as unknown as ModerationSettings);
      return clean as unknown as ModerationSettings;
    },

    matchers,
  };
};

export type SettingsService = ReturnType<typeof createSettingsService>;
export default createSettingsService;
