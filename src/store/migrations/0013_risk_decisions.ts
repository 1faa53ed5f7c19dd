import type { Kysely, Migration } from 'kysely';
import { timestamp } from './columns.js';

// Risk decisions: an acceptance's compensating control; what was seen to resolve a flag; and a high or critical
// flag's resolution proposed by one person, waiting for a second to confirm it (four eyes).
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('red_flags').addColumn('compensating_control', 'text').execute();
    await db.schema.alterTable('red_flags').addColumn('status_seen', 'text').execute();
    await db.schema.alterTable('red_flags').addColumn('proposed_by', 'text').execute();
    await db.schema.alterTable('red_flags').addColumn('proposed_at', timestamp(db)).execute();
    await db.schema.alterTable('red_flags').addColumn('proposed_reason', 'text').execute();
    await db.schema.alterTable('red_flags').addColumn('proposed_link', 'text').execute();
    await db.schema.alterTable('red_flags').addColumn('proposed_seen', 'text').execute();
  },
};
