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
