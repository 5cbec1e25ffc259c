/**
 * The files of a fresh Strapi 5 TypeScript app, written by hand as `create-strapi-app` would
 * (no template download): users-permissions, i18n (built in) and GraphQL, a `book` content type
 * of its own, and the blog plugin enabled with one line in config/plugins.ts.
 */
export const appFiles = ({ versions, tarball, admin }) => ({
  'package.json': JSON.stringify(
    {
      name: 'install-test-app',
      private: true,
      version: '0.0.0',
      scripts: { build: 'strapi build', start: 'strapi start' },
      dependencies: {
        '@strapi/strapi': versions.strapi,
        '@strapi/plugin-users-permissions': versions.strapi,
        '@strapi/plugin-graphql': versions.strapi,
        'better-sqlite3': versions.betterSqlite3,
        react: versions.react,
        'react-dom': versions.reactDom,
        'react-router-dom': versions.reactRouterDom,
        'styled-components': versions.styledComponents,
        'strapi-plugin-blog': `file:${tarball}`,
      },
      devDependencies: { typescript: versions.typescript },
      strapi: { telemetryDisabled: true },
    },
    null,
    2
  ),
  // The secrets create-strapi-app writes for a new project.
  '.env': [
    'APP_KEYS=install-key-1,install-key-2',
    'API_TOKEN_SALT=install-api-token-salt',
    'ADMIN_JWT_SECRET=install-admin-jwt-secret',
    'TRANSFER_TOKEN_SALT=install-transfer-token-salt',
    'JWT_SECRET=install-users-permissions-jwt-secret',
    'ENCRYPTION_KEY=install-encryption-key',
    '',
  ].join('\n'),
  'tsconfig.json': JSON.stringify(
    {
      extends: '@strapi/typescript-utils/tsconfigs/server',
      compilerOptions: { outDir: 'dist', rootDir: '.' },
      include: ['./', './**/*.ts', './**/*.js', 'src/**/*.json'],
      exclude: [
        'node_modules/',
        'build/',
        'dist/',
        '.cache/',
        '.tmp/',
        'src/admin/',
        'site/',
        'public/',
      ],
    },
    null,
    2
  ),
  'config/server.ts': `export default ({ env }) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  app: { keys: env.array('APP_KEYS', ['install-key-1', 'install-key-2']) },
  logger: { updates: { enabled: false } },
});
`,
  'config/database.ts': `import path from 'path';

export default () => ({
  connection: {
    client: 'sqlite',
    connection: { filename: path.join(__dirname, '..', '..', '.tmp', 'data.db') },
    useNullAsDefault: true,
  },
});
`,
  'config/admin.ts': `export default ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET', 'install-admin-jwt-secret') },
  apiToken: { salt: env('API_TOKEN_SALT', 'install-api-token-salt') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT', 'install-transfer-token-salt') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY', 'install-encryption-key') },
  flags: { nps: false, promoteEE: false },
  ai: { enabled: false },
});
`,
  'config/middlewares.ts': `export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
`,
  // The one line a developer adds.
  'config/plugins.ts': `export default () => ({
  blog: { enabled: true },
});
`,
  'src/index.ts': `import type { Core } from '@strapi/strapi';

const ADMIN = ${JSON.stringify(admin)};

export default {
  register() {},
  /** The app's own doing: an admin, Public may read books, and one book to read. */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    if ((await strapi.db.query('admin::user').count()) === 0) {
      const superAdmin = await strapi.service('admin::role').getSuperAdmin();
      await strapi.service('admin::user').create({
        ...ADMIN,
        firstname: 'Install',
        lastname: 'Test',
        isActive: true,
        registrationToken: null,
        roles: [superAdmin.id],
      });
    }
    const role = await strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'public' } });
    for (const action of ['api::book.book.find', 'api::book.book.findOne']) {
      const has = await strapi.db
        .query('plugin::users-permissions.permission')
        .count({ where: { action, role: role.id } });
      if (!has) {
        await strapi.db
          .query('plugin::users-permissions.permission')
          .create({ data: { action, role: role.id } });
      }
    }
    if ((await strapi.documents('api::book.book').count({})) === 0) {
      await strapi.documents('api::book.book').create({
        data: { title: 'Chicken Soup for the Soul', pages: 300 },
        status: 'published',
      });
    }
  },
};
`,
  'src/api/book/content-types/book/schema.json': JSON.stringify(
    {
      kind: 'collectionType',
      collectionName: 'books',
      info: { singularName: 'book', pluralName: 'books', displayName: 'Book' },
      options: { draftAndPublish: true },
      attributes: {
        title: { type: 'string', required: true },
        pages: { type: 'integer' },
      },
    },
    null,
    2
  ),
  'src/api/book/controllers/book.ts': `import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::book.book');
`,
  'src/api/book/routes/book.ts': `import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::book.book');
`,
  'src/api/book/services/book.ts': `import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::book.book');
`,
  'public/uploads/.gitkeep': '',
  'public/robots.txt': 'User-agent: *\nDisallow:\n',
  'src/admin/app.ts': `export default {
  config: { notifications: { releases: false } },
  bootstrap() {},
};
`,
  // A site file of the app's developers: the plugin's contracts, typed.
  'site/posts.ts': `import type { FindPost, Post } from 'strapi-plugin-blog/contracts';

export async function getPost(base: string, slug: string): Promise<Post> {
  const res = await fetch(\`\${base}/api/blog/posts/\${encodeURIComponent(slug)}\`);
  return ((await res.json()) as FindPost.Response).data;
}

export const lessonCount = (post: Post): number => post.lessons.length;
`,
  'site/tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        module: 'ESNext',
        moduleResolution: 'Bundler',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      files: ['posts.ts'],
    },
    null,
    2
  ),
});
