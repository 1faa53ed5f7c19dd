// What a health check asks of the database: does it answer, and has every migration this build knows run on it.
import { Migrator, sql, type Kysely } from 'kysely';
import { migrationProvider } from './migrations/index.js';

/** One round trip: rejects when the database cannot be reached or refuses the connection. */
export async function pingDatabase<DB>(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * The migrations of this build not yet run on the database, oldest first. An instance of an older build beside a newer
 * one (a rolling deploy) sees only the migrations it knows, all run: the newer ones it does not know are no concern.
 */
export async function pendingMigrations<DB>(db: Kysely<DB>): Promise<string[]> {
  const migrations = await new Migrator({ db, provider: migrationProvider }).getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
