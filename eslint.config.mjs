import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'coverage/**',
      'tests/.tmp/**',
      '.scratch/**',
      'playground/.tmp/**',
      'playground/.strapi/**',
      'playground/dist/**',
      'playground/build/**',
      'playground/types/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // No regular expression may backtrack super-linearly on the text it reads (user text, imports).
    ...regexp.configs['flat/recommended'],
    files: ['server/**', 'contracts/**', 'examples/**', 'bin/**', 'scripts/**'],
    rules: {
      ...regexp.configs['flat/recommended'].rules,
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  {
    // Strapi's undocumented shapes are read in server/src/db/ only (each file there names the
    // Strapi version it was read from; tests/api/strapi-internals.test.ts checks them).
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@strapi/[^/]+/(dist|lib|src|server|admin|ee|dist-server)(/|$)',
              message: 'Strapi private paths are read in server/src/db/ only.',
            },
            {
              regex: '^tarn(/|$)',
              message: 'The database pool is read in server/src/db/pool.ts only.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'MemberExpression[property.name=/^(metadata|joinTable|orderColumnName|inverseOrderColumnName|morphColumn|pivotColumns|pool|numUsed|numPendingAcquires|numPendingCreates|inTransaction)$/]',
          message:
            'Strapi database internals (metadata, join tables, the pool) are read in server/src/db/ only.',
        },
        {
          selector:
            'CallExpression[callee.property.name="get"][arguments.0.value=/^(components|models)$/]',
          message: "Strapi's registries are used in server/src/db/registries.ts only.",
        },
        {
          selector:
            'MemberExpression[property.name=/^(getPermissionsWithNestedFields|isLocalizedContentType|generateUserAbility)$/], MemberExpression[object.property.name="actionProvider"][property.name="get"]',
          message: "The admin's private permission services are used in server/src/db/ only.",
        },
        {
          selector:
            'CallExpression[callee.property.name="plugin"][arguments.0.value="content-manager"]',
          message: "The Content Manager's private services are used in server/src/db/ only.",
        },
        {
          selector:
            'CallExpression[callee.property.name="set"][arguments.0.value=/^(admin\\.preview|middlewares)$/], Literal[value="__caslSubjectType__"], Identifier[name="__caslSubjectType__"]',
          message:
            "Strapi's preview config and CASL subjects are made in server/src/db/ only (admin-preview.ts, admin-ability.ts).",
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The example site's script runs in the reader's browser, as a classic script.
    files: ['examples/site/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser }, sourceType: 'script' },
  },
  {
    files: ['admin/**/*.{ts,tsx}', 'playground/src/admin/**'],
    languageOptions: { globals: { ...globals.browser }, sourceType: 'module' },
  },
  {
    // Contracts group each endpoint's request and response in a namespace, as Strapi's do.
    files: ['contracts/**/*.ts'],
    rules: { '@typescript-eslint/no-namespace': 'off' },
  },
  {
    files: ['tests/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
  }
);
