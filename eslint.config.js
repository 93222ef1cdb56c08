// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'stream', 'child_process', 'worker_threads', 'url', 'zlib', 'buffer', 'util', 'events'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'core/generated/**', 'test-results/**', 'playwright-report/**', '.test-output/**', 'bench/output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // core/ is the platform-agnostic domain: no UI, database, shell, DOM or Node modules.
    files: ['core/**/*.ts'],
    ignores: ['core/pdf/**', 'core/node/**'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'core/ must not import React.' },
          { group: ['dexie', 'dexie-*'], message: 'core/ must not import Dexie.' },
          { group: ['electron'], message: 'core/ must not import Electron.' },
          { group: nodeBuiltins, message: 'core/ must not import Node modules; pass what you need in.' },
          { group: ['pdfkit', 'pdfkit/*', '**/pdf/*', '**/pdf', '**/node/*'], message: 'Only core/pdf/ and core/node/ need Node; the rest of core/ stays portable.' },
          { group: ['**/renderer/**', '**/electron/**', '**/cli/**'], message: 'core/ must not depend on outer layers.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'indexedDB', 'localStorage', 'sessionStorage', 'location', 'Buffer', 'process', 'require', '__dirname'],
    },
  },
  {
    // core/pdf/ (pdfkit) and core/node/ (file adapters) need Node, but still no UI, database or shell.
    files: ['core/pdf/**/*.ts', 'core/node/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-dom', 'dexie', 'electron'], message: 'core/pdf/ must not import UI, database or shell modules.' },
          { group: ['**/renderer/**', '**/electron/**', '**/cli/**'], message: 'core/ must not depend on outer layers.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer must not import Electron.' }, { name: 'pdfkit', message: 'PDF layout runs in the main process, never in the renderer.' }],
        patterns: [
          { regex: '(^|/)electron/(?!contract$)', message: 'The renderer talks to the main process only through the bridge; import only the contract, as a type.' },
          { regex: '(^|/)core/(pdf|node)(/|$)', message: 'PDF layout and file adapters run in the main process, never in the renderer.' },
          { regex: '(^|/)cli/', message: 'The renderer must not import the command-line interface.' },
          { group: nodeBuiltins, message: 'The renderer runs in a sandbox without Node.' },
        ],
      }],
    },
  },
  {
    // The contract may be imported only as a type so no main-process code reaches the renderer.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/electron/contract'], allowTypeImports: true, message: 'Import the IPC contract with `import type`.' }],
      }],
    },
  },
);
