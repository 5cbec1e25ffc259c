import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import type { SelectRows } from '../db/prepared-reads';
import { readStoreValues, type StoreKey } from '../db/store-values';

/**
 * The locale a public request asks for: the app's default when it names none, otherwise one of
 * the app's locales (Settings → Internationalization). Anything else is a 400 before any read of
 * posts: a locale code is short and plain (BCP 47 shape), and it must exist.
 */

/** BCP 47 shaped: a 2–3 letter language, then subtags of 2–8 letters or digits. */
const LOCALE_CODE = /^[a-z]{2,3}(?:-[a-z\d]{2,8}){0,4}$/i;
export const MAX_LOCALE_LENGTH = 35;

const LOCALE_UID = 'plugin::i18n.locale';
/** Where i18n keeps the default locale (its locales service's `getDefaultLocale`). */
const DEFAULT_LOCALE_KEY: StoreKey = { type: 'plugin', name: 'i18n', key: 'default_locale' };

/** Whether the app has this locale (Settings → Internationalization): one indexed read. */
export const hasLocale = async (strapi: Core.Strapi, code: string): Promise<boolean> =>
  Boolean(await strapi.db.query(LOCALE_UID).findOne({ where: { code }, select: ['code'] }));

const invalid = (message: string, value: unknown) =>
  new errors.ValidationError(message, {
    source: 'query',
    key: 'locale',
    param: 'locale',
    value: typeof value === 'string' ? value.slice(0, MAX_LOCALE_LENGTH) : undefined,
  });

export const isLocaleCode = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= MAX_LOCALE_LENGTH && LOCALE_CODE.test(value);

const createLocales = ({ strapi }: { strapi: Core.Strapi }) => {
  return {
    /**
     * The app's default locale code: what i18n's `getDefaultLocale()` reads (its core store key),
     * in one raw statement (db/store-values.ts) instead of one through the query engine; through
     * `select` when given (a borrow of db/prepared-reads.ts' `withReads`).
     */
    async defaultLocale(select?: SelectRows): Promise<string> {
      const [code] = await readStoreValues(strapi, [DEFAULT_LOCALE_KEY], select);
      return code as string;
    },

    /**
     * The locale a request names, checked; the default when it names none (`knownDefault` when
     * the caller read it already). One statement at most.
     */
    async resolve(value: unknown, knownDefault?: string): Promise<string> {
      if (value === undefined) return knownDefault ?? this.defaultLocale();
      if (!isLocaleCode(value))
        throw invalid('locale must be a locale code such as en or fr-CA', value);
      if (!(await hasLocale(strapi, value))) throw invalid(`Unknown locale "${value}"`, value);
      return value;
    },
  };
};

export type Locales = ReturnType<typeof createLocales>;
export default createLocales;
