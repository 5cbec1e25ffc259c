export const PLUGIN_ID = 'blog';
