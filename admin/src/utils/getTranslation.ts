import { PLUGIN_ID } from '../../../contracts/plugin';

export const getTranslation = (id: string) => `${PLUGIN_ID}.${id}`;

export const prefixTranslations = (data: Record<string, string>) =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [getTranslation(key), value]));
