import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type DialectAdapter, type Driver, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { recentlyUsed } from '../recentlyUsed.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/** Where the data lives: a SQLite file (the embedded default) or a PostgreSQL server (several instances). */
export type DatabaseTarget = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string; poolSize?: number };

/** Where a connection problem the pool recovers from by itself is reported (the app's logger). */
export type PoolWarning = (message: string) => void;

/** A connection attempt to an unresponsive host gives up after this, instead of hanging the request that asked. */
const CONNECT_TIMEOUT_MS = 10_000;

/** The target for a log line: a file path, or a URL without its password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.engine === 'sqlite') return `SQLite ${target.path}`;
  return `PostgreSQL ${redactUrl(target.url)}`;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return '(a DATABASE_URL that is not a URL)';
  }
}

// PostgreSQL type ids (pg_type.oid) whose default parsing does not fit the domain.
const INT8_OID = 20;
const TIMESTAMPTZ_OID = 1184;

/**
 * Rows read the same on both engines: timestamps as ISO-8601 UTC text (what SQLite stores; the domain turns it into
 * a Date), counts as numbers rather than the strings pg gives for bigint.
 */
function pgTypes(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(TIMESTAMPTZ_OID, (v) => new Date(v).toISOString());
  types.setTypeParser(INT8_OID, (v) => Number(v));
  return types;
}

/**
 * SQLite's plain BEGIN is deferred: a transaction that reads and then writes upgrades its lock late and fails at once
 * with SQLITE_BUSY when another process wrote meanwhile, whatever busy_timeout says. BEGIN IMMEDIATE takes the write
 * lock first, so a second process on the same file waits its turn instead (rolling restarts).
 */
class ImmediateSqliteDriver extends SqliteDriver implements Driver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** Prepared statements kept per connection: enough for every query vet runs, bounded for SQL built with IN lists. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; parsing and planning the same SQL again was the largest single cost of a click
 * in `npm run bench:load`. The most recently used statements are kept and reused: better-sqlite3 runs a statement
 * to completion synchronously (Kysely does not stream here), so one statement never serves two queries at once.
 */
function reusingStatements(database: SQLite.Database): SqliteDatabase {
  const statements = recentlyUsed<string, SQLite.Statement>(STATEMENT_CACHE_SIZE);
  return {
    close: () => database.close(),
    prepare(sql) {
      const statement = statements.get(sql) ?? database.prepare(sql);
      statements.set(sql, statement);
      return statement;
    },
  };
}

/**
 * Kysely runs SQLite migrations outside a transaction and without a lock (its adapter says SQLite has no
 * transactional DDL, which it does have). Two instances starting on a new file would then both run 0001. Declared
 * transactional, the migrations run in one BEGIN IMMEDIATE transaction: the second instance waits, then finds them done.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase;
  constructor(database: SqliteDatabase) {
    super({ database });
    this.#database = database;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.#database });
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * A connection the server closes (a restart, a failover, an administrator's pg_terminate_backend) must not end the
 * process. The pool handles an idle one; a connection in use emits its error on the client, where nobody listens while
 * it is checked out, and an unheard 'error' event is an uncaught exception. The work that held it fails on its next
 * query and is reported where it runs; the pool drops the connection when it is released.
 */
function survivesLostConnections(pool: pg.Pool, warn: PoolWarning): void {
  const inUse = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (connection) => inUse.add(connection));
  pool.on('release', (_err, connection) => inUse.delete(connection));
  pool.on('connect', (connection) =>
    connection.on('error', (e) => {
      // A closed connection reports twice (the server's message, then the socket's end): say it once.
      if (inUse.delete(connection)) warn(`PostgreSQL closed a connection in use (${e.message}); the work on it fails, the next query opens a new one`);
    }),
  );
  pool.on('error', (e) => warn(`PostgreSQL closed an idle connection (${e.message}); the next query opens a new one`));
}

/** Connects without migrating: for migration tests and tools; the bot opens with openDatabase. */
export function connectDatabase<DB = Database>(target: DatabaseTarget, warn: PoolWarning = console.warn): Kysely<DB> {
  if (target.engine === 'postgres') {
    // No JIT compilation: the bot's statements are short, but a walk in index order with a look-up per row (the list
    // order, store/verdicts.ts) is costed as if it read every row, and compiling it took 100-300 ms of a 20 ms query.
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, types: pgTypes(), options: '-c jit=off' });
    survivesLostConnections(pool, warn);
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  }
  if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
  const sqlite = new SQLite(target.path);
  // Several bot processes may share one file (e.g. during a rolling restart): wait for a lock, don't fail. Set first,
  // as switching to WAL itself needs the lock when another process is creating the file.
  try {
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
  } catch (e) {
    sqlite.close();
    throw e;
  }
  return new Kysely<DB>({ dialect: new ImmediateSqliteDialect(reusingStatements(sqlite)) });
}

/** Runs `work` in the caller's transaction when there is one, else in a new one. */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Opens (creating folder and file when needed) and migrates the database. */
export async function openDatabase(target: DatabaseTarget, warn?: PoolWarning): Promise<Db> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await openOnce(target, warn);
    } catch (e) {
      // Several instances starting on one SQLite file wait for each other's lock; on a busy machine that wait can
      // outlast busy_timeout. Starting is worth a few more tries before giving up.
      if (!isBusy(e) || attempt >= SQLITE_OPEN_ATTEMPTS) throw e;
      warn?.(`${describeTarget(target)} is locked by another process; trying again (${attempt} of ${SQLITE_OPEN_ATTEMPTS})`);
    }
  }
}

const SQLITE_OPEN_ATTEMPTS = 5;

function isBusy(e: unknown): boolean {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('SQLITE_BUSY');
}

async function openOnce(target: DatabaseTarget, warn?: PoolWarning): Promise<Db> {
  const db = connectDatabase(target, warn);
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    if (isBusy(error)) throw error;
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed on ${describeTarget(target)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return db;
}

/** Opens a SQLite file: the embedded default, the sandbox and most tests. */
export function openSqlite(path: string): Promise<Db> {
  return openDatabase({ engine: 'sqlite', path });
}
