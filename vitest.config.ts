import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // why: integration suites measure real outage windows; two files at a time keeps the
    // 2-core CI machine from starving the timers those measurements depend on.
    maxWorkers: 2,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
