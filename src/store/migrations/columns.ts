// Portable column types for migrations. PostgreSQL gets identity columns and real timestamps; SQLite keeps the
// shapes its databases already have (INTEGER PRIMARY KEY AUTOINCREMENT, ISO-8601 UTC text, which sorts as time).
import type { ColumnDataType, CreateTableBuilder, Kysely } from 'kysely';
import { engineOf, timestampType } from '../dialect.js';

export function timestamp(db: Kysely<unknown>): ColumnDataType {
  return timestampType(db);
}

/** An `id` primary key the database numbers itself. */
export function withId<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return engineOf(db) === 'postgres' ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity()) : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
