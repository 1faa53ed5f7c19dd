import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { findPostgresBin } from './tools/dev/postgresCluster.js';

// Suites that touch the store run twice: on SQLite (every test) and on a real PostgreSQL server (these).
const BOTH_ENGINES = ['test/*-slack.test.ts', 'test/flow.test.ts', 'test/digest.test.ts', 'test/store*.test.ts', 'test/migrations.test.ts', 'test/harness.test.ts', 'test/instances*.test.ts'];

function postgresProject(): TestProjectInlineConfiguration[] {
  const bin = findPostgresBin();
  if (bin) return [{ extends: true, test: { name: 'postgres', include: BOTH_ENGINES, env: { VET_TEST_ENGINE: 'postgres' }, globalSetup: ['test/support/globalPostgres.ts'] } }];
  const why = 'no PostgreSQL binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or VET_TEST_PG_BIN';
  if (process.env.CI) throw new Error(`CI must run the PostgreSQL suite, but there are ${why}.`);
  console.warn(`\nSKIPPED PostgreSQL: ${why}. Only SQLite is tested. Install Debian's postgresql package to test both engines.\n`);
  return [];
}

export default defineConfig({
  test: {
    // End-to-end tests start HTTP servers and databases; a few at a time is plenty on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // The JSON report lets CI print one plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest.json' }]],
    projects: [{ extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } }, ...postgresProject()],
  },
});
