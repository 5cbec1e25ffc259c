/** Unit tests (pure logic) and API tests (a real Strapi booted from playground/). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // tests/multi-instance needs a database server: `npm run test:postgres` and `npm run test:mysql`
  // run it. The upgrade test restores a 0.1.0 database, and 0.1.0 ran on SQLite and PostgreSQL only.
  testPathIgnorePatterns:
    process.env.DATABASE_CLIENT === 'postgres'
      ? ['/node_modules/']
      : process.env.DATABASE_CLIENT === 'mysql'
        ? ['/node_modules/', '/tests/api/upgrade.test.ts']
        : ['/node_modules/', '/tests/multi-instance/'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
  testTimeout: 60000,
  // Each API test file boots its own Strapi (about 200 MB); two at a time fit the 2-core machines.
  maxWorkers: 2,
};
