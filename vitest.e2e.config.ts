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
    // expect.poll waits for a page to show what a step changed. Vitest's default gives up after 1 s, which a busy
    // 2-core CI machine can need for one server round trip and render (the likely cause of a browser test that
    // failed once in CI and never here); Playwright's own waits allow 30 s. A poll that is never satisfied still fails.
    expect: { poll: { timeout: 20_000 } },
    pool: 'forks',
    // Two files at a time: each has its own server, data dir (or database) and browser, and a file spends
    // most of its time waiting on them, so two keep both cores of a CI machine busy.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
