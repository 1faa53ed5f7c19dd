// PostgreSQL closing a connection the bot is using (a restart, a failover, pg_terminate_backend) must fail only the
// work on it. Before, a connection closed inside a transaction, between two of its queries, raised an 'error' event
// nobody heard and ended the process: CI saw it as /healthz hanging up mid-request.
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Db } from '../src/store/db.js';
import { freshPostgres, testEngine } from './support/database.js';

const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
});

async function terminateBackends(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await admin.connect();
  try {
    const r = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
    return r.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe.runIf(testEngine() === 'postgres')('a PostgreSQL connection closed under the bot', () => {
  it('fails the transaction that held it, says so once, and the next query opens a new connection', async () => {
    const target = await freshPostgres();
    const warnings: string[] = [];
    const db = await openDatabase(target, (m) => warnings.push(m));
    opened.push(db);
    const database = new URL(target.url).pathname.slice(1);

    let between!: () => void;
    const paused = new Promise<void>((r) => (between = r));
    let resume!: () => void;
    const resumed = new Promise<void>((r) => (resume = r));
    const work = db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      between();
      await resumed;
      await sql`select 2`.execute(trx);
    });
    const outcome = work.then(
      () => 'committed',
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    await paused;
    expect(await terminateBackends(database)).toBeGreaterThan(0);
    // Give the closed socket's events time to arrive while the transaction holds the connection and runs no query.
    await new Promise((r) => setTimeout(r, 300));
    resume();

    expect(await outcome).not.toBe('committed');
    expect(warnings.filter((w) => w.includes('closed a connection in use'))).toHaveLength(1);
    const { rows } = await sql<{ n: number }>`select 40 + 2 as n`.execute(db);
    expect(rows).toEqual([{ n: 42 }]);
  });
});
