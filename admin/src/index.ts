import type { StrapiApp } from '@strapi/strapi/admin';

import { PLUGIN_ID } from '../../contracts/plugin';

import { CommentPanel } from './components/CommentPanel';
import { LessonsPanel } from './components/LessonsPanel';
import { PluginIcon } from './components/PluginIcon';
import { SchedulePanel } from './components/SchedulePanel';
import { PostCommentsPanel } from './components/PostCommentsPanel';
import { PERMISSIONS, PAGE_PERMISSIONS } from './permissions';
import { getTranslation, prefixTranslations } from './utils/getTranslation';

type TranslationModule = { default: Record<string, string> };
type ContentManagerApis = {
  addEditViewSidePanel: (panels: unknown[]) => void;
};

const plugin: StrapiApp['appPlugins'][string] = {
  register(app) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: getTranslation('plugin.name'), defaultMessage: 'Blog' },
      Component: () => import('./pages/App'),
      permissions: PAGE_PERMISSIONS,
    });

    app.addSettingsLink('global', {
      id: PLUGIN_ID,
      to: PLUGIN_ID,
      intlLabel: { id: getTranslation('settings.title'), defaultMessage: 'Blog' },
      Component: () => import('./pages/SettingsPage'),
      permissions: PERMISSIONS.readSettings,
    });

    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  bootstrap(app) {
    const contentManager = app.getPlugin('content-manager') as unknown as {
      apis: ContentManagerApis;
    };
    contentManager.apis.addEditViewSidePanel([LessonsPanel, SchedulePanel]);
    contentManager.apis.addEditViewSidePanel([PostCommentsPanel, CommentPanel]);
  },

  async registerTrads({ locales }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(
            `./translations/${locale}.json`
          )) as TranslationModule;
          return { data: prefixTranslations(data), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};

export default plugin;
