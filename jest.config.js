/** Unit tests (pure logic) and API tests (a real Strapi booted from playground/). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // tests/postgres needs a PostgreSQL server: `npm run test:postgres` runs it.
  testPathIgnorePatterns:
    process.env.DATABASE_CLIENT === 'postgres'
      ? ['/node_modules/']
      : ['/node_modules/', '/tests/postgres/'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
  testTimeout: 60000,
  // Each API test file boots its own Strapi (about 200 MB); two at a time fit the 2-core machines.
  maxWorkers: 2,
};
