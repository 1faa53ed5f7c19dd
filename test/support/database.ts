// The database a test runs on: a SQLite file in a temp folder, or, in the `postgres` project, a database of its own
// on the run's throw-away PostgreSQL cluster. Either is dropped when the test finishes.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { inject, onTestFinished } from 'vitest';
import type { DatabaseTarget } from '../../src/store/db.js';
import { tempDir } from './temp.js';

export type TestEngine = DatabaseTarget['engine'];

/** The engine of this test project (VET_TEST_ENGINE, set by vitest.config.ts). */
export function testEngine(): TestEngine {
  return process.env.VET_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database on the test cluster, dropped (with any connection left open) when the test ends. */
export async function freshPostgres(): Promise<DatabaseTarget & { engine: 'postgres' }> {
  const name = `vet_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  onTestFinished(() => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined));
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/${name}`;
  return { engine: 'postgres', url: url.toString() };
}

/** A fresh, empty database on the engine under test; open it (as often as needed) with openDatabase. */
export async function freshTarget(engine: TestEngine = testEngine()): Promise<DatabaseTarget> {
  return engine === 'postgres' ? freshPostgres() : { engine: 'sqlite', path: join(tempDir(), 'vet.sqlite') };
}
