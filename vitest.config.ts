import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start HTTP servers and SQLite files; a few at a time is plenty on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    // The JSON report lets CI print one plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest.json' }]],
    hookTimeout: 20_000,
  },
});
