import type { Core } from '@strapi/strapi';

/**
 * The demo's second language, so the Content Manager offers French next to English on posts,
 * categories and tags from the first boot (an app adds its own in Settings → Internationalization).
 */
export async function seedDemoLocales(strapi: Core.Strapi) {
  const locales = strapi.plugin('i18n').service('locales');
  if (!(await locales.findByCode('fr'))) await locales.create({ code: 'fr', name: 'French (fr)' });
}
