/** Unit tests (pure logic) and API tests (a real Strapi booted from playground/). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // tests/multi-instance needs a database server: `npm run test:postgres` and `npm run test:mysql`
  // run it. The upgrade test restores a 0.1.0 database, and 0.1.0 ran on SQLite and PostgreSQL only.
  // tests/cdn needs Varnish (`npm run test:cdn`, BLOG_TEST_CDN=1).
  testPathIgnorePatterns: [
    ...(process.env.BLOG_TEST_CDN === '1' ? [] : ['/tests/cdn/']),
    ...(process.env.DATABASE_CLIENT === 'postgres'
      ? ['/node_modules/']
      : process.env.DATABASE_CLIENT === 'mysql'
        ? ['/node_modules/', '/tests/api/upgrade.test.ts']
        : ['/node_modules/', '/tests/multi-instance/']),
  ],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
  // A limit against hangs, not a timing check: an API test's requests share 2 cores with another
  // file's Strapi, and the heaviest (300 submissions at once) neared 60 s on a busy machine.
  testTimeout: 120000,
  // Each API test file boots its own Strapi (about 200 MB); two at a time fit the 2-core machines.
  maxWorkers: 2,
};
