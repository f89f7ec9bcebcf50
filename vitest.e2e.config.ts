import { defineConfig } from 'vitest/config';

// Browser journeys in Debian's Chromium (playwright-core, never a downloaded browser).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    exclude: ['**/node_modules/**'],
    // Once per run: builds the compiled server if stale and seeds the demo template the servers start from.
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files at a time: each has its own server, data dir (or database) and browser, and a file spends
    // most of its time waiting on them, so two keep both cores of a CI machine busy.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
