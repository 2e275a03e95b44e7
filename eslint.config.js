import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Folders of pure TypeScript that run in workers, Node and tests alike. */
const CORE = [
  'src/physics/**',
  'src/events/**',
  'src/sim/**',
  'src/graph/**',
  'src/model/**',
  'src/train/**',
  'src/analysis/**',
  'src/core/**',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'test-reports/**',
      'playwright-report/**',
      'public/**',
      'docs/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.worker, ...globals.node },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/ui/**', 'src/charts/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The core must not depend on the page: no React, DOM or UI state.
    files: CORE,
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', 'react-dom/*'],
              message: 'The core stays free of React.',
            },
            {
              group: ['zustand', 'zustand/*'],
              message: 'The core stays free of UI state.',
            },
            { group: ['d3', 'd3-*'], message: 'Charts belong to src/charts.' },
            {
              group: ['**/ui/**', '**/state/**', '**/charts/**'],
              message: 'The core must not import the page.',
            },
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process'],
              message: 'Node-only code lives in scripts/.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'document', 'window', 'localStorage'],
    },
  },
  {
    // Tests of the core may read fixtures from disk.
    files: ['src/**/*.test.ts', 'src/**/*.testutil.ts', 'src/**/testing/**'],
    rules: {
      'no-restricted-imports': 'off',
      'no-restricted-globals': 'off',
    },
  },
  {
    files: ['src/core/log.ts', 'scripts/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
);
