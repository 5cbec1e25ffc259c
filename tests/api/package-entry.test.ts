import path from 'path';

import { ROOT } from '../helpers/strapi';

/** The root `strapi-server.js` hands Strapi the built plugin itself, as setups expect. */
describe('strapi-server.js', () => {
  it('exports the built plugin with its lifecycle, content types and routes', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const plugin = require(path.join(ROOT, 'strapi-server.js'));
    expect(typeof plugin.register).toBe('function');
    expect(typeof plugin.bootstrap).toBe('function');
    expect(Object.keys(plugin.contentTypes)).toEqual([
      'post',
      'comment',
      'moderation-event',
      'category',
      'tag',
      'author',
    ]);
    expect(Object.keys(plugin.routes)).toEqual(['content-api', 'admin']);
  });
});
