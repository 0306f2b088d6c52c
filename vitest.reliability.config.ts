import { defineConfig } from 'vitest/config';

// The reliability suite (`npm run test:reliability`): real server processes, real PostgreSQL and
// Redis on loopback. Its files end in `.reliability.ts`, so the unit suite's `*.test.ts` never runs them.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.reliability.ts'],
    // The servers run the production bundle (npm run build), built once for the whole suite.
    globalSetup: ['test/reliability/helpers/build.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    pool: 'forks',
    // Every file runs several server processes; two files at a time keep a 2-core machine responsive.
    maxWorkers: 2,
  },
});
