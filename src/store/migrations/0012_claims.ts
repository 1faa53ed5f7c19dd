import type { Kysely, Migration } from 'kysely';
import { timestamp } from './columns.js';

// What an answer rests on: an N/A's reason and the second person who confirmed it, and what an evaluator saw when
// they marked evidence shown. SQLite adds one column per statement, so each is its own ALTER.
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('answers').addColumn('na_reason', 'text').execute();
    await db.schema.alterTable('answers').addColumn('na_confirmed_by', 'text').execute();
    await db.schema.alterTable('answers').addColumn('na_confirmed_at', timestamp(db)).execute();
    await db.schema.alterTable('answers').addColumn('evidence_seen', 'text').execute();
  },
};
