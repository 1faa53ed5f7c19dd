import type { Kysely, Migration } from 'kysely';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // The posted summary is updated in place when a later rating changes the result.
    await db.schema.alterTable('interviews').addColumn('summary_ts', 'text').execute();
  },
};
