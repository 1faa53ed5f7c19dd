// Vitest global setup of the `postgres` project: one cluster for the whole run, its URL handed to the tests.
import type { TestProject } from 'vitest/node';
import { findPostgresBin, startCluster } from '../../tools/dev/postgresCluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const bin = findPostgresBin();
  if (!bin) throw new Error("no PostgreSQL binaries (initdb, pg_ctl) found: install Debian's postgresql package or set VET_TEST_PG_BIN");
  const cluster = await startCluster(bin);
  project.provide('postgresAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
