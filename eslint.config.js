import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import architecture from './eslint/architecture.js';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'web/admin/dist/**', 'bench/results/**', 'dist/**', '.dist-build-*/**', '.tmp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        localStorage: 'readonly',
        history: 'readonly',
        FormData: 'readonly',
        File: 'readonly',
        Blob: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
        AbortController: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]", message: 'no .only in committed tests' },
      ],
    },
  },
  {
    // Domain code takes time from the injected clock, never from the system (rules as data, time as an argument).
    files: ['src/modules/**/*.ts', 'src/modules/**/*.tsx'],
    ignores: ['src/modules/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'use ctx.clock.now() or a date argument, not new Date()' },
      ],
    },
  },
  {
    // The layering of docs/ARCHITECTURE.md, enforced (eslint/architecture.js; every violation fails, and
    // test/architecture.test.ts checks that a planted one of each rule does).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/**/*.test.ts', 'src/**/*.fixture.ts', 'src/**/test-*.ts'],
    plugins: { architecture },
    rules: {
      'architecture/sql-in-repositories': 'error',
      'architecture/module-boundaries': 'error',
      'architecture/platform-independent': 'error',
      'architecture/no-cycle': 'error',
      // One owner per table (read from the `interface Database` declarations): a module's SQL names its own tables and
      // the platform's, another module's data comes through that module's index.ts. Exceptions are data here, each
      // with its reason; there is none today. The backup module reads every table by design, but it takes their names
      // from the database's own catalogue at run time (listTables: pragma_table_list / information_schema) and names
      // none in its source, so it needs no exception.
      'architecture/table-owners': ['error', { exceptions: [] }],
    },
  },
  {
    // The admin SPA writes no server type again: it imports them type-only (eslint/architecture.js).
    files: ['web/admin/src/**/*.ts', 'web/admin/src/**/*.tsx'],
    plugins: { architecture },
    rules: { 'architecture/admin-server-types': 'error' },
  },
);
