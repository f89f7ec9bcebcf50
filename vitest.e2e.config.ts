import { defineConfig } from 'vitest/config';

// Browser journeys in Debian's Chromium (playwright-core, never a downloaded browser).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
