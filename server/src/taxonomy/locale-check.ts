import type { Core } from '@strapi/strapi';

import { hasLocale, MAX_LOCALE_LENGTH } from '../i18n/locales';

import { fieldError } from './field-error';

/**
 * Refuses a write to a localized document in a locale the app does not have (Settings →
 * Internationalization). The Content Manager checks this itself; the Document Service does not,
 * so code and imports would otherwise store posts in a language no one can select. One read.
 * `*` (every locale, as a delete takes it) and no locale (the default) pass.
 */
export const checkLocaleExists = async (strapi: Core.Strapi, locale: unknown): Promise<void> => {
  if (locale === undefined || locale === null || locale === '*') return;
  const code = typeof locale === 'string' ? locale : '';
  const found = code !== '' && code.length <= MAX_LOCALE_LENGTH && (await hasLocale(strapi, code));
  if (!found) {
    throw fieldError(
      ['locale'],
      `Unknown locale "${code.slice(0, MAX_LOCALE_LENGTH)}": add it in Settings → Internationalization first`
    );
  }
};
