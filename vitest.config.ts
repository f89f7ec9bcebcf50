import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Once per run: builds the compiled server if stale; on PostgreSQL a migrated template database.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    // Each worker process loads the platform (≈300 modules and their libraries) once and runs file after file
    // in it, instead of a fresh process per file: loading was more than half of the suite's time. Files share
    // nothing else: every test opens its own database (or PostgreSQL copy), and module state is either keyed
    // by that database or the same for every county. Spies are restored after each test.
    isolate: false,
    restoreMocks: true,
  },
});
