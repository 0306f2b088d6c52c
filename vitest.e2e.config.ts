import { defineConfig } from 'vitest/config';

// The browser suite (`npm run test:e2e`): Debian's Chromium driven by playwright-core against the real
// server (test/e2e/harness.ts). Its files end in `.e2e.ts`, so the unit suite's `*.test.ts` never runs them.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    // The pages under test, built once for the whole suite (a no-op when their sources are unchanged).
    globalSetup: ['test/e2e/global-setup.ts'],
    // The response guard's check after every test, as in the unit suite.
    setupFiles: ['test/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A browser and a server per file: one file at a time on a 2-core machine.
    fileParallelism: false,
  },
});
