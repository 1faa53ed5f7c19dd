import { PostgresAdapter, type Kysely } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** Which engine a connection talks to: the few engine-specific statements (row locks, casts) live in `store/` only. */
export function engineOf<DB>(db: Kysely<DB>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** The SQL type of a timestamp column, for casts: timestamptz on PostgreSQL, ISO text on SQLite. */
export function timestampType<DB>(db: Kysely<DB>): 'timestamptz' | 'text' {
  return engineOf(db) === 'postgres' ? 'timestamptz' : 'text';
}
