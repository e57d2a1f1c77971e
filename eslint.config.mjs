import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// Use cases and domain rules never reach the database or the SDK themselves: data access
// goes through core/repos (the only door), and the domain is pure (no SDK, no env, no I/O).
const SDK_IMPORTS = {
  paths: [{ name: 'wx-server-sdk', message: 'Only core/infra talks to the SDK; call a repository (core/repos).' }],
  patterns: [
    {
      group: ['**/infra/cloud'],
      message: 'Database access lives in core/repos: add or use a repository function there.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      'preview/',
      '.localcloud/',
      'miniprogram/miniprogram_npm/',
      'miniprogram/**/*.js',
      'console/dist/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['miniprogram/**/*.ts'],
    languageOptions: {
      globals: {
        wx: 'readonly',
        App: 'readonly',
        Page: 'readonly',
        Component: 'readonly',
        Behavior: 'readonly',
        getApp: 'readonly',
        getCurrentPages: 'readonly',
      },
    },
  },
  {
    files: ['test/**/*.ts', 'console/**/*.ts', 'console/**/*.js', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.jest, ...globals.browser } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['cloudfunctions/core/usecases/**/*.ts', 'cloudfunctions/core/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', SDK_IMPORTS] },
  },
  {
    files: ['cloudfunctions/core/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...SDK_IMPORTS,
          patterns: [{ group: ['**/infra/*'], allowTypeImports: true, message: 'The domain is pure: no infra.' }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'The domain reads no environment: take the value as a parameter.',
        },
      ],
    },
  },
  prettier,
);
