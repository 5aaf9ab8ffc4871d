import { defineConfig } from 'vitest/config';

// Browser journeys in real Chromium against a real server (see e2e/harness.ts).
// Run with `npm run test:e2e`; in CI (CI=true) a missing /usr/bin/chromium fails the run.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['./e2e/harness.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
    // One server, one browser per file; files one after another on small machines.
    fileParallelism: false,
  },
});
