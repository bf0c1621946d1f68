import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', '.dist-*', '.scratch', '.cache', 'node_modules', 'e2e/llama-server/node_modules', 'test-results', 'playwright-report', 'bench/.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Layering: src/core is pure and must not reach up into engines, db, features or app.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/engines/**', '**/db/**', '**/features/**', '**/app/**', 'react', 'react-dom', 'dexie', 'zustand'], message: 'src/core is pure TypeScript: it imports nothing above it.' },
        ],
      }],
    },
  },
  {
    files: ['src/engines/**/*.ts', 'src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/features/**', '**/app/**', 'react', 'react-dom', 'zustand'], message: 'engines and db sit below the UI.' }],
      }],
    },
  },
);
